"""Images pasted or inserted in CKEditor 5, in any text written in the editor (articles,
static pages, organisations' introductions): who may upload, and the upload itself, which
goes into the library (library.LibraryImage) so the photo can be found and reused."""

import functools

from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from core.fields import RichTextField
from core.validators import validate_image_file
from images.renditions import downscale_upload
from library.selectors import upload_organization_for
from library.services import upload_image
from organizations.models import Organization


@functools.cache
def rich_text_permissions() -> tuple[str, ...]:
    """'app.add_model' and 'app.change_model' of every model with a rich-text field: articles,
    static pages and organisations' introductions are written in the editor."""
    permissions = []
    for model in apps.get_models():
        if any(isinstance(field, RichTextField) for field in model._meta.fields):
            meta = model._meta
            permissions += [
                f"{meta.app_label}.{action}_{meta.model_name}" for action in ("add", "change")
            ]
    return tuple(sorted(permissions))


def may_upload_to_editor(user) -> bool:
    """Active staff who may write a text in the editor (a Phóng viên, an editor, a Quản trị…):
    an organisation's texts for someone with an organisation to write for, the portal's
    own pages (pages.*) for whoever keeps them."""
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    writes = [permission for permission in rich_text_permissions() if user.has_perm(permission)]
    if any(permission.startswith("pages.") for permission in writes):
        return True
    return bool(writes) and Organization.objects.within_scope_of(user).exists()


def _upload_error(message: str, status: int) -> JsonResponse:
    # CKEditor 5 shows error.message to the editor.
    return JsonResponse({"error": {"message": message}}, status=status)


@require_POST
def editor_image_upload(request):
    """Store an image pasted, dropped or inserted in CKEditor 5 in the library, after the same
    checks as every upload, and answer its address as CKEditor expects ({"url": …}).

    The library it goes into: the organisation chosen in the form being written (the
    `organization` field static/js/library-picker.js sends) when within the writer's scope,
    else the first of their scope; the root organisation for whoever keeps the portal's own
    pages without belonging to one (library.selectors.upload_organization_for)."""
    if not request.user.is_authenticated:
        return _upload_error(
            "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại rồi tải ảnh lên.", status=403
        )
    if not may_upload_to_editor(request.user):
        return _upload_error(
            "Tài khoản của bạn không có quyền tải ảnh lên. Chỉ người được viết bài mới tải được "
            "ảnh vào nội dung.",
            status=403,
        )
    upload = request.FILES.get("upload")
    if upload is None:
        return _upload_error("Chưa chọn tệp ảnh.", status=400)
    try:
        validate_image_file(upload)
    except ValidationError as error:
        return _upload_error(" ".join(error.messages), status=400)
    organization = upload_organization_for(request.user, request.POST.get("organization"))
    if organization is None:
        return _upload_error(
            "Chưa có đơn vị nào để lưu ảnh vào thư viện. Hãy nhờ quản trị tạo đơn vị gốc.",
            status=403,
        )
    try:
        image = upload_image(
            file=downscale_upload(upload), organization=organization, uploaded_by=request.user
        )
    except ValidationError as error:
        return _upload_error(" ".join(error.messages), status=400)
    return JsonResponse({"url": image.file.url, "id": image.pk})
