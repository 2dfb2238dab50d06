"""Topic pages (chuyên trang) in the admin: their list, and the form whose banner is an
image of the library the user may use (library.selectors.images_usable_by), picked from a
grid of thumbnails as an article's cover is (news/admin_cover.py).

Topics belong to the whole portal: who may add, change or delete them is the roles'
permissions (accounts/roles.py); attaching an article to a topic is part of editing the
article (its form's "chuyên trang")."""

from django import forms
from django.contrib import admin
from django.db.models import Count, Q

from core.admin_utils import OldSlugsAdminMixin, VietnameseSlugAdminMixin, thumbnail

from .admin_cover import CoverChoiceField, CoverChoices, CoverPicker, pick_library_image
from .models import Article, Topic

NO_BANNER = "Không có ảnh bìa"


class BannerChoices(CoverChoices):
    """The cover picker's choices, "no banner" first."""

    def __iter__(self):
        choices = super().__iter__()
        next(choices)
        yield ("", NO_BANNER)
        yield from choices


class BannerChoiceField(CoverChoiceField):
    iterator = BannerChoices


class BannerPicker(CoverPicker):
    template_name = "admin/news/topic/banner_picker.html"


class TopicForm(forms.ModelForm):
    """The topic form; the admin sets `banner_user` (TopicAdmin.get_form)."""

    banner_user = None

    class Meta:
        model = Topic
        fields = ["title", "slug", "description", "banner", "is_featured", "order", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "banner" not in self.fields or self.banner_user is None:
            return
        pick_library_image(
            self, "banner", self.banner_user, field_class=BannerChoiceField,
            widget=BannerPicker, empty_label=NO_BANNER,
        )


@admin.register(Topic)
class TopicAdmin(VietnameseSlugAdminMixin, OldSlugsAdminMixin, admin.ModelAdmin):
    form = TopicForm
    list_display = [
        "banner_thumbnail", "title", "is_featured", "order", "is_active", "article_count",
    ]
    list_display_links = ["banner_thumbnail", "title"]
    list_editable = ["is_featured", "order", "is_active"]
    list_filter = ["is_featured", "is_active"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["banner"]
    fields = ["title", "slug", "description", "banner", "is_featured", "order", "is_active"]

    def get_queryset(self, request):
        # Counted by the one rule of what readers see (Article.objects.published).
        readable = Q(articles__in=Article.objects.published().values("pk"))
        # Ordered here: a query with an aggregate does not follow Meta.ordering.
        return super().get_queryset(request).annotate(
            published_total=Count("articles", filter=readable)
        ).order_by(*Topic._meta.ordering)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"banner_user": request.user})

    @admin.display(description="ảnh bìa")
    def banner_thumbnail(self, topic):
        return thumbnail(topic.banner_picture)

    @admin.display(description="số bài đã đăng", ordering="published_total")
    def article_count(self, topic):
        return topic.published_total
