"""The library's upload page ("Tải ảnh lên", "Tải tài liệu lên"): several files at once.

The page (a drop zone and a file box, static/js/library-upload.js) sends each file on its own
with XMLHttpRequest to the endpoint beside it, with the batch's organisation, and shows a
progress bar per file; the endpoint answers JSON: the new item's page, or why the file was
refused (in Vietnamese), so one bad file does not stop the others. Both views need the
model's add permission; the organisation must be within the user's scope.

LibraryImageAdmin and LibraryDocumentAdmin mix this in and say what they upload
(`upload_service`, `upload_accept`, `upload_title`, `upload_help`).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from .forms import UploadForm


class UploadAdminMixin:
    """Mix in before the ModelAdmin of a library model."""

    upload_service = None  # services.upload_image or services.upload_document
    upload_kind = "image"  # or "document": the words and the links of the page
    upload_accept = ""
    upload_title = ""
    upload_help = ""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("tai-len/", view(self.upload_view), name="{}_{}_upload".format(*info)),
            path("tai-len/tep/", view(require_POST(self.upload_file_view)),
                 name="{}_{}_upload_file".format(*info)),
            *super().get_urls(),
        ]

    def upload_url(self) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_upload")

    def add_view(self, request, form_url="", extra_context=None):
        # One way in: the upload page, which takes one file or many.
        return self.upload_view(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "upload_url": self.upload_url(),
            "upload_title": self.upload_title,
        }
        return super().changelist_view(request, extra_context)

    def upload_organizations(self, request):
        return self.organizations_for_writing(request).order_by("path")

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        organizations = self.upload_organizations(request)
        form = UploadForm(organizations=organizations, user=request.user)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": self.upload_title,
            "form": form,
            "accept": self.upload_accept,
            "upload_help": self.upload_help,
            "upload_file_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_upload_file"
            ),
            "changelist_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"
            ),
            "has_organizations": organizations.exists(),
            "is_image": self.upload_kind == "image",
        }
        return TemplateResponse(request, "admin/library/upload.html", context)

    def upload_file_view(self, request):
        if not self.has_add_permission(request):
            return _refused("Tài khoản của bạn không có quyền tải tệp vào thư viện.", 403)
        form = UploadForm(
            request.POST, request.FILES, organizations=self.upload_organizations(request)
        )
        if not form.is_valid():
            status = 403 if "organization" in form.errors and request.POST.get(
                "organization"
            ) else 400
            return _refused(" ".join(" ".join(errors) for errors in form.errors.values()), status)
        upload = form.cleaned_data["file"]
        try:
            item = self.upload_service(
                file=upload, organization=form.cleaned_data["organization"],
                uploaded_by=request.user,
            )
        except ValidationError as error:
            return _refused(f"{upload.name}: {' '.join(error.messages)}", 400)
        return JsonResponse({
            "id": item.pk,
            "name": str(item),
            "original_name": item.original_name,
            "change_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[item.pk]
            ),
            "thumbnail": self.upload_thumbnail(item),
        }, status=201)

    def upload_thumbnail(self, item) -> str:
        return ""


def _refused(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)
