"""Search documents for articles and directives, and the full-text index.

The documents of existing rows are filled here. On PostgreSQL the generated
search_vector column follows search_document by itself, and gets a GIN index;
SQLite has neither (search reads search_document there), so the index is made
by a PostgreSQL-only step instead of Meta.indexes.
"""

from itertools import batched

import django.contrib.postgres.search
from django.db import migrations, models

import news.search_document
from news.directive_numbers import format_code
from news.search_document import article_document, directive_document

BATCH_SIZE = 500
INDEX_NAME = "article_search_vector_idx"


def fill_documents(apps, schema_editor):
    Article = apps.get_model("news", "Article")
    ArticleImage = apps.get_model("news", "ArticleImage")
    Directive = apps.get_model("news", "Directive")
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for chunk in batched(ids, BATCH_SIZE):
        articles = list(Article.objects.filter(pk__in=chunk).only("title", "summary", "body"))
        captions = {}
        for article_id, caption in ArticleImage.objects.filter(article_id__in=chunk).order_by(
            "order", "pk"
        ).values_list("article_id", "caption"):
            captions.setdefault(article_id, []).append(caption)
        for article in articles:
            article.search_document = article_document(
                title=article.title, summary=article.summary, body=article.body,
                captions=captions.get(article.pk, ()),
            )
        Article.objects.bulk_update(articles, ["search_document"])
    directives = list(Directive.objects.all())
    for directive in directives:
        directive.search_document = directive_document(
            doc_type_label=directive.get_doc_type_display(),
            code=format_code(directive.number, directive.symbol, directive.numbering, directive.year),
            title=directive.title, summary=directive.summary,
        )
    Directive.objects.bulk_update(directives, ["search_document"], batch_size=BATCH_SIZE)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON news_article USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    # The documents are filled and committed before the index is built: PostgreSQL
    # refuses CREATE INDEX on a table with pending trigger events in the same transaction.
    atomic = False

    dependencies = [
        ("news", "0004_directive_unique_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_document",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="directive",
            name="search_document",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=news.search_document.DocumentVector("search_document"),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.RunPython(fill_documents, migrations.RunPython.noop, atomic=True),
        migrations.RunPython(create_index, drop_index),
    ]
