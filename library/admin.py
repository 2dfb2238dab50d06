"""The library in the admin: "Thư viện ảnh" (a grid of thumbnails) and "Thư viện tài liệu"
(a table), each with its upload page for several files at once (library/admin_upload.py).

Who sees what (docs/library.md): staff see the items of the organisations within their
scope and every shared item; they change, replace and delete only the items of their own
organisations (a shared item of another organisation is shown read-only); superusers all.
Deleting an item that an article or a directive uses is refused, naming them, from its
page and from the list's delete action alike.
"""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from core.admin_utils import full_name
from organizations.admin_scope import OrganizationScopedAdmin

from . import selectors, services
from .admin_filters import UseFilter
from .admin_upload import UploadAdminMixin
from .forms import DOCUMENT_ACCEPT, IMAGE_ACCEPT, LibraryImageForm
from .models import LibraryDocument, LibraryImage


def in_use_message(item, uses) -> str:
    names = ", ".join(f"“{use.label}”" for use in uses[:10])
    more = f" và {len(uses) - 10} nơi khác" if len(uses) > 10 else ""
    return (
        f"Không xóa được “{item}” vì đang được dùng trong: {names}{more}. "
        "Hãy bỏ ảnh hoặc tài liệu này khỏi những nơi đó trước."
    )


class LibraryItemAdmin(UploadAdminMixin, OrganizationScopedAdmin, admin.ModelAdmin):
    """What both lists share: scope with shared items, uploads, uses, refused deletes."""

    # Everyone may look at shared items; OrganizationScopedAdmin then restricts the list's
    # actions and every change or delete to the items within scope.
    shared_for_viewing = True
    date_hierarchy = "uploaded_at"
    list_filter = [("organization", admin.RelatedOnlyFieldListFilter), UseFilter, "is_shared"]
    actions = ["delete_selected"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("organization", "uploaded_by")
        return selectors.visible_to(request.user, queryset)

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or obj.is_shared or self.in_scope(request, obj)

    # -- where it is used ------------------------------------------------------------------

    @admin.display(description="Dùng trong")
    def uses_display(self, obj):
        uses = selectors.uses_of(obj) if obj and obj.pk else []
        if not uses:
            return "Chưa dùng ở đâu."
        return format_html(
            '<ul class="library-uses">{}</ul>',
            format_html_join("", "<li>{}</li>", ((_use_link(use),) for use in uses)),
        )

    @admin.display(description="Người tải lên, lúc")
    def uploaded_display(self, obj):
        who = full_name(obj.uploaded_by) if obj.uploaded_by else "Không rõ"
        return f"{who}, {timezone.localtime(obj.uploaded_at):%H:%M %d/%m/%Y}"

    # -- deleting ---------------------------------------------------------------------------

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.has_delete_permission(request, obj):
            uses = selectors.uses_of(obj)
            if uses:
                return self._refuse_delete(request, obj, uses)
        try:
            return super().delete_view(request, object_id, extra_context)
        except services.ItemInUse as refusal:
            return self._refuse_delete(request, refusal.item, refusal.uses)

    def _refuse_delete(self, request, obj, uses):
        messages.error(request, in_use_message(obj, uses))
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
        )

    def delete_model(self, request, obj):
        services.item_delete(item=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            try:
                services.item_delete(item=obj)
            except services.ItemInUse as refusal:
                messages.error(request, in_use_message(obj, refusal.uses))

    @admin.action(permissions=["delete"], description="Xóa các %(verbose_name)s đã chọn")
    def delete_selected(self, request, queryset):
        """Django's delete with its confirmation, for the selected items nothing uses; those
        in use are named and left alone."""
        in_use = list(selectors.used(queryset))
        for obj in in_use:
            messages.error(request, in_use_message(obj, selectors.uses_of(obj)))
        free = queryset.exclude(pk__in=[obj.pk for obj in in_use])
        if not free.exists():
            return None
        try:
            return django_delete_selected(self, request, free)
        except ProtectedError:
            messages.error(request, "Có mục vừa được dùng trong lúc xóa; chưa mục nào bị xóa.")
            return None


def _use_link(use):
    obj = use.obj
    try:
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return format_html("{} ({})", use.label, use.kind)
    return format_html('<a href="{}">{}</a> <span class="quiet">({})</span>', url, use.label,
                       use.kind)


@admin.register(LibraryImage)
class LibraryImageAdmin(LibraryItemAdmin):
    """"Thư viện ảnh": the photos as a grid (templates/admin/library/libraryimage/)."""

    form = LibraryImageForm
    upload_service = staticmethod(services.upload_image)
    upload_accept = IMAGE_ACCEPT
    upload_title = "Tải ảnh lên"
    upload_help = (
        "Kéo thả ảnh vào khung dưới đây hoặc bấm “Chọn các tệp”. Nhận ảnh JPEG, PNG, WebP, "
        "GIF; ảnh quá khổ được giảm kích thước tự động. Sau khi tải xong, mở từng ảnh để thêm "
        "chú thích, mô tả ảnh và tác giả."
    )
    list_display = ["caption", "credit", "organization", "uploaded_at"]
    search_fields = ["caption", "alt_text", "credit", "tags", "original_name"]
    list_per_page = 48
    readonly_fields = ["preview", "file_details", "uploaded_display", "uses_display"]

    class Media:
        css = {"all": ["css/library.css"]}
        js = ["js/library-focal.js"]

    def get_queryset(self, request):
        # The grid marks the photos nothing uses yet.
        return selectors.with_use_count(super().get_queryset(request))

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ["preview", "caption", "alt_text", "credit", "taken_on", "tags"]}),
            ("Đơn vị", {"fields": ["organization", "is_shared"]}),
            ("Tâm ảnh", {
                "fields": [("focal_x", "focal_y")],
                "description": "Phần ảnh luôn được giữ khi ảnh bị cắt cho thẻ tin.",
            }),
        ]
        if obj is not None and self.has_change_permission(request, obj):
            fieldsets.append(("Thay ảnh", {"fields": ["new_file"]}))
        fieldsets += [
            ("Tệp", {"fields": ["file_details", "uploaded_display"]}),
            ("Dùng trong các bài", {"fields": ["uses_display"]}),
        ]
        return fieldsets

    @admin.display(description="Ảnh")
    def preview(self, obj):
        picture = obj.picture
        if not picture:
            return "Không có ảnh xem trước."
        rendition = picture.largest_jpeg
        return format_html(
            '<div class="library-preview" data-focal-x="{}" data-focal-y="{}">'
            '<img src="{}" alt="{}"><span class="library-focal-marker" hidden></span></div>'
            '<p class="help">Bấm vào ảnh để đặt tâm ảnh.</p>',
            "" if obj.focal_x is None else obj.focal_x,
            "" if obj.focal_y is None else obj.focal_y,
            rendition.url, obj.alt_text,
        )

    @admin.display(description="Tệp gốc")
    def file_details(self, obj):
        size = f"{obj.width} × {obj.height} px" if obj.width and obj.height else ""
        return format_html(
            '<a href="{}">{}</a> <span class="quiet">{}</span>',
            obj.file.url, obj.original_name or obj.file.name, size,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        new_file = form.cleaned_data.get("new_file")
        if change and new_file:
            services.image_replace_file(image=obj, file=new_file)
            messages.info(
                request,
                "Đã thay ảnh. Các bản cỡ nhỏ mới đang được tạo; "
                "các bài đang dùng ảnh sẽ hiện ảnh mới.",
            )

    def upload_thumbnail(self, item) -> str:
        picture = item.picture
        return picture.jpeg[0].url if picture else ""


@admin.register(LibraryDocument)
class LibraryDocumentAdmin(LibraryItemAdmin):
    """"Thư viện tài liệu": a table of documents."""

    upload_service = staticmethod(services.upload_document)
    upload_kind = "document"
    upload_accept = DOCUMENT_ACCEPT
    upload_title = "Tải tài liệu lên"
    upload_help = (
        "Kéo thả tài liệu vào khung dưới đây hoặc bấm “Chọn các tệp”. Nhận PDF, Word (.doc, "
        ".docx), Excel (.xlsx) và .odt. Tên tài liệu lấy theo tên tệp; mở từng tài liệu để sửa."
    )
    list_display = ["title", "kind_display", "size_display", "organization", "uploaded_on"]
    search_fields = ["title", "tags", "original_name"]
    fields = ["title", "tags", "organization", "is_shared", "file_details", "uploaded_display",
              "uses_display"]
    readonly_fields = ["file_details", "uploaded_display", "uses_display"]

    class Media:
        css = {"all": ["css/library.css"]}

    @admin.display(description="loại")
    def kind_display(self, obj):
        return obj.kind

    @admin.display(description="ngày tải lên", ordering="uploaded_at")
    def uploaded_on(self, obj):
        return f"{timezone.localtime(obj.uploaded_at):%d/%m/%Y}"

    @admin.display(description="dung lượng")
    def size_display(self, obj):
        try:
            return filesizeformat(obj.file.size)
        except (OSError, ValueError):
            return "Không đọc được tệp"

    @admin.display(description="Tệp")
    def file_details(self, obj):
        return format_html(
            '<a href="{}">{}</a> <span class="quiet">{}, {}</span>',
            obj.file.url, obj.original_name or obj.file.name, obj.kind, self.size_display(obj),
        )
