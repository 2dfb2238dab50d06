"""Site-wide views: the home page and the editor's image upload."""

import os
import uuid

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from news.models import Article

from .validators import validate_image_file


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_articles"] = Article.objects.published().for_listing()[:12]
        return context


@require_POST
@staff_member_required
def editor_image_upload(request):
    """Store an image pasted or inserted in CKEditor 5, after the same checks as every upload."""
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": "Chưa chọn tệp ảnh."}}, status=400)
    try:
        validate_image_file(upload)
    except ValidationError as error:
        return JsonResponse({"error": {"message": " ".join(error.messages)}}, status=400)
    extension = os.path.splitext(upload.name)[1].lower()
    name = f"editor/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}{extension}"
    stored = default_storage.save(name, upload)
    return JsonResponse({"url": default_storage.url(stored)})
