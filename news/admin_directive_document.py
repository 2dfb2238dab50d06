"""The directive form's document: picked from the library, or uploaded in place into it.

Which documents a user may pick: those of the organisations within their scope and every
shared one (superusers: all), plus the one the directive already has, so a form opened by
someone of another organisation keeps it. A file uploaded on the form goes into the
library at once, while the form is checked (news.services.directive_document_upload):
when the form is refused for another field, the document is already in the library and
stays chosen, and nobody has to upload it again.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.html import format_html

from core.validators import validate_attachment_file
from library.models import LibraryDocument
from library.selectors import documents_for
from organizations.models import Organization

from . import services
from .models import Directive

NOT_USABLE = (
    "Không dùng được tài liệu này: tài liệu thuộc đơn vị khác và không được dùng chung. "
    "Hãy chọn tài liệu khác hoặc tải tệp lên."
)


def documents_usable_by(user):
    """Library documents `user` may link from a directive (library.selectors: the
    organisations of their scope and every shared document)."""
    if user is None:
        return LibraryDocument.objects.none()
    return documents_for(user)


class LibraryDocumentChoiceField(forms.ModelChoiceField):
    """A list of documents, each as 'Chỉ thị số 20-CT/TW — Chi-thi-20-CT-TW.pdf (PDF)'."""

    def label_from_instance(self, document):
        return f"{document.title} — {document.file.display_name} ({document.kind})"


class DirectiveDocumentForm(forms.ModelForm):
    """The document part of the directive's form (news/admin.py DirectiveForm): `user`
    is set by the admin for each request (DirectiveAdmin.get_form)."""

    user = None

    new_document = forms.FileField(
        label="Hoặc tải tệp mới lên", required=False, validators=[validate_attachment_file],
        # Kept in the library even when the save is refused (static/js/admin-phone.js).
        widget=forms.FileInput(attrs={"data-kept-when-refused": ""}),
        help_text="PDF, DOC, DOCX, XLSX hoặc ODT. Tệp được đưa vào thư viện tài liệu, dùng "
        "chung cho mọi đơn vị (văn bản chỉ đạo công khai trên cổng), và được chọn cho văn "
        "bản này.",
    )

    class Meta:
        field_classes = {"document": LibraryDocumentChoiceField}
        error_messages = {"document": {"invalid_choice": NOT_USABLE}}
        help_texts = {
            "document": "Chọn trong thư viện tài liệu: mỗi dòng ghi tên tài liệu, tên tệp và "
            "loại tệp; tài liệu mới tải lên đứng đầu. Người đọc tải được tệp của văn bản, nên "
            "tài liệu được chọn trở thành tài liệu dùng chung.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "document" not in self.fields:
            return  # a read-only form
        usable = documents_usable_by(self.user)
        if self.instance.document_id:
            usable = LibraryDocument.objects.filter(
                Q(pk__in=usable.values("pk")) | Q(pk=self.instance.document_id)
            )
        self.fields["document"].queryset = usable

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("new_document")
        if upload:
            self.store_upload(upload, cleaned_data)
        return cleaned_data

    def store_upload(self, upload, cleaned_data) -> None:
        organization = cleaned_data.get("issuer") or self.fallback_organization()
        if organization is None:
            self.add_error(
                "new_document",
                "Hãy chọn cơ quan ban hành rồi tải tệp lên: tệp được lưu vào thư viện tài liệu "
                "của cơ quan đó.",
            )
            return
        try:
            document = services.directive_document_upload(
                file=upload, organization=organization, by=self.user,
                title=self.document_title(cleaned_data),
            )
        except ValidationError as error:
            self.add_error("new_document", error.messages)
            return
        cleaned_data["document"] = document
        self.errors.pop("document", None)
        # Shown again (the form refused for another field), the list has it chosen.
        self.data = self.data.copy()
        self.data[self.add_prefix("document")] = str(document.pk)
        # On the bound field, which has copied the field's help text already.
        self["new_document"].help_text = (
            f"Tệp “{document.file.display_name}” đã vào thư viện tài liệu và đang được chọn ở "
            "trên: không cần tải lên lại."
        )

    def fallback_organization(self):
        """Where an upload goes when the form's issuer is not valid: the user's first
        organisation (the root for a superuser)."""
        return Organization.objects.within_scope_of(self.user).first()

    def document_title(self, cleaned_data) -> str:
        """'Chỉ thị số 20-CT/TW' once the type and số ký hiệu are known; '' (the file's name)
        otherwise."""
        doc_type = cleaned_data.get("doc_type")
        if not (doc_type and self.instance.number and "code" in cleaned_data):
            return ""
        return f"{Directive.DocumentType(doc_type).label} số {self.instance.code}"


def document_link(directive) -> str:
    """The chosen document's file, as readers download it (the directive's change page)."""
    if not directive.document_id:
        return "—"
    document = directive.document
    return format_html(
        '<a href="{}" download="{}">{}</a> ({})', document.file.url,
        document.file.display_name, document.file.display_name, document.kind,
    )
