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

from news import cache_tags
from news.models import Article, Category, Directive
from news.views import latest_per_category

from .renditions import downscale_upload
from .validators import validate_image_file


class HomeView(TemplateView):
    template_name = "portal/home.html"
    featured_count = 5
    latest_count = 10
    per_category = 5
    key_directives_count = 6

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Article.objects.published().for_listing()
        featured = list(published.filter(is_featured=True)[: self.featured_count])
        featured_ids = [article.pk for article in featured]
        home_categories = list(Category.objects.filter(show_on_home=True))
        context.update(
            featured_articles=featured,
            latest_articles=published.exclude(pk__in=featured_ids)[: self.latest_count],
            category_blocks=latest_per_category(home_categories, self.per_category),
            key_directives=Directive.objects.for_home()[: self.key_directives_count],
        )
        cache_tags.tag_article_list(self.request, cache_tags.ARTICLES, cache_tags.DIRECTIVES)
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
    stored = default_storage.save(name, downscale_upload(upload))
    return JsonResponse({"url": default_storage.url(stored)})
