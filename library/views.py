"""The library's picker in the rich-text editor ("Chèn ảnh từ thư viện"): the dialog, the
images a staff member may use (searched, page by page) and an upload into the library,
as JSON for static/js/library-picker.js. Staff only, scoped by organisation
(library/selectors.py); every refusal is a Vietnamese message, never a 500."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from core.validators import IMAGE_FORMATS, validate_image_file
from images.renditions import downscale_upload

from .models import LibraryImage
from .selectors import images_matching, images_usable_by, upload_organization_for
from .services import upload_image

PAGE_SIZE = 24
THUMBNAIL_WIDTH = 320
# What the file box of the dialog offers: what core.validators.validate_image_file accepts.
ACCEPTED_TYPES = ",".join(
    f"image/{name.lower()}" for name in IMAGE_FORMATS
) + ",.jpg,.jpeg,.png,.webp,.gif"
MAX_QUERY_LENGTH = 200


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": {"message": message}}, status=status)


def _refusal(request, permission: str) -> JsonResponse | None:
    if not request.user.is_authenticated:
        return _error("Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.", status=403)
    if not (request.user.is_active and request.user.is_staff
            and request.user.has_perm(permission)):
        return _error("Tài khoản của bạn không được dùng thư viện ảnh.", status=403)
    return None


def image_data(image: LibraryImage) -> dict:
    """An image as the picker shows and inserts it."""
    picture = image.picture
    thumbnail = picture.fallback(THUMBNAIL_WIDTH).url if picture else image.file.url
    return {
        "id": image.pk,
        "url": image.file.url,
        "thumbnail": thumbnail,
        "caption": image.caption,
        "alt": image.alt_text,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "organization": image.organization.name,
        "shared": image.is_shared,
    }


def _page_number(value: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= 100_000 else 1


@require_GET
def picker_dialog(request):
    """The dialog's markup, fetched once by the page that has an editor."""
    refusal = _refusal(request, "library.view_libraryimage")
    if refusal:
        return refusal
    return render(request, "library/picker.html", {
        "accepted_types": ACCEPTED_TYPES,
        "may_upload": request.user.has_perm("library.add_libraryimage"),
    })


@require_GET
def image_list(request):
    """?q= (words, without diacritics if one likes) and ?page= (from 1)."""
    refusal = _refusal(request, "library.view_libraryimage")
    if refusal:
        return refusal
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    images = images_matching(images_usable_by(request.user), query)
    page = Paginator(images, PAGE_SIZE).get_page(_page_number(request.GET.get("page")))
    return JsonResponse({
        "results": [image_data(image) for image in page.object_list],
        "page": page.number,
        "has_next": page.has_next(),
        "count": page.paginator.count,
    })


@require_POST
def image_upload(request):
    """A new image for the library, from the dialog: the file, its caption, alternative
    text and credit, and the organisation chosen in the form being written (a hint)."""
    refusal = _refusal(request, "library.add_libraryimage")
    if refusal:
        return refusal
    upload = request.FILES.get("file")
    if upload is None:
        return _error("Chưa chọn tệp ảnh.", status=400)
    organization = upload_organization_for(request.user, request.POST.get("organization"))
    if organization is None:
        return _error(
            "Tài khoản của bạn chưa thuộc đơn vị nào nên chưa có thư viện để tải ảnh vào.",
            status=403,
        )
    try:
        validate_image_file(upload)  # before Pillow resizes it
        image = upload_image(
            file=downscale_upload(upload), organization=organization, uploaded_by=request.user,
            caption=request.POST.get("caption", "")[:500],
            alt_text=request.POST.get("alt_text", "")[:300],
            credit=request.POST.get("credit", "")[:200],
        )
    except ValidationError as error:
        return _error(" ".join(error.messages), status=400)
    return JsonResponse(image_data(image), status=201)
