"""Keep each article's search_vector inside its table row (PostgreSQL storage MAIN).

A tsvector does not compress, so by default PostgreSQL moves it out of the row
into the TOAST table, and every article the search looks at costs an extra
lookup there. Inline, checking an article against a query reads one row.
Existing rows move when they are next written; `VACUUM FULL news_article`
moves them all at once.
"""

from django.db import migrations


def store_inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE news_article ALTER COLUMN search_vector SET STORAGE MAIN")


def store_default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE news_article ALTER COLUMN search_vector SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):

    dependencies = [
        ("news", "0006_unresolved_references_legacy_key"),
    ]

    operations = [
        migrations.RunPython(store_inline, store_default),
    ]
