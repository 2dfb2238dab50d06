"""A directive's text moves to the library: each attachment becomes a LibraryDocument.

The stored file is not copied: the document points at the same name (directives/2024/…),
so links, bucket objects and their download names stay as they were. The document
belongs to the directive's issuer and is shared with every organisation: a directive is
public on the portal, and its official text may serve other directives too. Its title is
the directive's type and số ký hiệu ("Chỉ thị số 20-CT/TW"); its original name is kept,
so readers download it under the same name.

Going back puts each directive's document back as its attachment; the documents stay in
the library, and coming forward again reuses them.
"""

import django.db.models.deletion
from django.db import migrations, models


def code(directive) -> str:
    """Directive.code as it is written at this migration (news/directive_numbers.py)."""
    if directive.numbering == "party":
        return f"{directive.number}-{directive.symbol}"
    if directive.numbering == "state" and directive.year:
        return f"{directive.number}/{directive.year}/{directive.symbol}"
    return f"{directive.number}/{directive.symbol}"


def attachments_to_documents(apps, schema_editor):
    Directive = apps.get_model("news", "Directive")
    LibraryDocument = apps.get_model("library", "LibraryDocument")
    for directive in Directive.objects.exclude(attachment="").order_by("pk").iterator():
        # A document already on that file (this migration undone and done again) is reused.
        document = LibraryDocument.objects.filter(file=directive.attachment.name).first()
        if document is None:
            document = LibraryDocument.objects.create(
                file=directive.attachment.name,
                original_name=directive.attachment_original_name,
                title=f"{directive.get_doc_type_display()} số {code(directive)}"[:300],
                organization_id=directive.issuer_id,
                is_shared=True,
                uploaded_at=directive.created_at,
            )
        Directive.objects.filter(pk=directive.pk).update(document=document)


def documents_to_attachments(apps, schema_editor):
    Directive = apps.get_model("news", "Directive")
    for directive in Directive.objects.filter(document__isnull=False).select_related("document"):
        Directive.objects.filter(pk=directive.pk).update(
            attachment=directive.document.file.name,
            attachment_original_name=directive.document.original_name,
        )


class Migration(migrations.Migration):

    dependencies = [
        ("library", "0001_initial"),
        ("news", "0022_remove_articleimage"),
    ]

    operations = [
        migrations.AddField(
            model_name="directive",
            name="document",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="directives", to="library.librarydocument",
                verbose_name="tệp văn bản",
                help_text="Toàn văn để người đọc tải về (PDF, DOC, DOCX, XLSX hoặc ODT).",
            ),
        ),
        migrations.RunPython(attachments_to_documents, documents_to_attachments),
        migrations.RemoveField(model_name="directive", name="attachment"),
        migrations.RemoveField(model_name="directive", name="attachment_original_name"),
    ]
