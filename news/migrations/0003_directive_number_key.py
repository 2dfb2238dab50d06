"""Directives are identified by number_key, symbol_key, year and issuer.

The data step fills number_key, re-derives symbol_key from the tidied symbol
and folds rows that now turn out to be the same document ("09-NQ/TW" and
"9-NQ/TW" of one issuer and year) into the oldest one, moving its article
links and "replaced by" pointers, before 0004 adds the unique constraint.
"""

import re
import unicodedata

from django.db import migrations, models

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def _symbol(symbol):
    text = unicodedata.normalize("NFC", symbol or "").translate(_DASHES)
    return re.sub(r"\s+", "", re.sub(r"\s*([/\-])\s*", r"\1", text.strip()))


def _symbol_key(symbol):
    decomposed = unicodedata.normalize("NFD", symbol.translate(_D_MAP))
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^A-Z0-9]", "", ascii_text.upper())


def _number_key(number):
    return (number or "").strip().lstrip("0").lower() or "0"


def fill_keys_and_merge(apps, schema_editor):
    Directive = apps.get_model("news", "Directive")
    Article = apps.get_model("news", "Article")
    Through = Article.directives.through
    kept = {}
    for directive in Directive.objects.order_by("pk"):
        directive.number = (directive.number or "").strip()
        directive.symbol = _symbol(directive.symbol)
        directive.number_key = _number_key(directive.number)
        directive.symbol_key = _symbol_key(directive.symbol)
        identity = (
            directive.number_key, directive.symbol_key, directive.year, directive.issuer_id
        )
        original = kept.get(identity)
        if original is None:
            kept[identity] = directive
            directive.save(update_fields=["number", "symbol", "number_key", "symbol_key"])
            continue
        linked = set(
            Through.objects.filter(directive_id=original.pk).values_list("article_id", flat=True)
        )
        for row in Through.objects.filter(directive_id=directive.pk):
            if row.article_id not in linked:
                Through.objects.create(article_id=row.article_id, directive_id=original.pk)
        Directive.objects.filter(replaced_by_id=directive.pk).update(replaced_by_id=original.pk)
        for field in ("summary", "attachment", "effective_on"):
            if not getattr(original, field) and getattr(directive, field):
                setattr(original, field, getattr(directive, field))
        original.is_key = original.is_key or directive.is_key
        original.save()
        directive.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("news", "0002_directive_is_key"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="directive",
            name="unique_directive_number",
        ),
        migrations.AddField(
            model_name="directive",
            name="number_key",
            field=models.CharField(default="", editable=False, max_length=12),
        ),
        migrations.RunPython(fill_keys_and_merge, migrations.RunPython.noop),
    ]
