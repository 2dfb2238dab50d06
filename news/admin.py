from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from portal.admin_utils import thumbnail

from .directive_links import link_article_directives, link_articles_mentioning
from .models import Article, ArticleImage, Category, Directive, UnresolvedDirectiveReference


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "order", "show_on_home"]
    list_editable = ["order", "show_on_home"]
    list_filter = ["show_on_home", "parent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


class DirectiveForm(forms.ModelForm):
    code = forms.CharField(
        label="Số ký hiệu",
        max_length=80,
        help_text="Gõ đúng như trên văn bản, ví dụ: 20-CT/TW, 367-QĐ/TWĐTN-VP, 42/2022/NĐ-CP.",
    )

    class Meta:
        model = Directive
        fields = [
            "doc_type", "issuer", "issued_on", "effective_on", "title", "summary",
            "attachment", "status", "replaced_by", "is_key", "slug",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].initial = self.instance.code

    def clean_code(self):
        try:
            self.instance.set_code(self.cleaned_data["code"])
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return self.cleaned_data["code"]


@admin.register(Directive)
class DirectiveAdmin(admin.ModelAdmin):
    form = DirectiveForm
    list_display = ["reference_display", "title", "status", "issued_on", "is_key"]
    list_filter = ["doc_type", "status", "is_key", "year", "issuer"]
    search_fields = ["number", "symbol", "title", "summary"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["issuer", "replaced_by"]
    fields = [
        "doc_type", "code", "issuer", "issued_on", "effective_on", "title", "summary",
        "attachment", "status", "replaced_by", "is_key", "slug",
    ]
    readonly_fields = []

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("issuer")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Articles that named this document before it existed get their link now.
        count = link_articles_mentioning(directive=obj)
        if count:
            self.message_user(
                request, f"Đã gắn {obj} vào {count} bài viết có nhắc tới văn bản này.",
                messages.SUCCESS,
            )

    @admin.display(description="văn bản", ordering="-issued_on")
    def reference_display(self, obj):
        return str(obj)


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 1
    fields = ["preview", "image", "caption", "alt_text", "order"]
    readonly_fields = ["preview"]

    @admin.display(description="xem trước")
    def preview(self, obj):
        return thumbnail(obj.image, "120x90")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "cover_thumbnail", "title", "status", "published_at", "category", "organization",
        "is_featured", "view_count",
    ]
    list_display_links = ["cover_thumbnail", "title"]
    list_filter = ["status", "is_featured", "category", "organization", "published_at"]
    search_fields = ["title", "summary", "author_name"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["organization", "category", "directives", "author"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["category", "organization"]
    list_per_page = 50
    inlines = [ArticleImageInline]
    actions = ["publish_selected", "unpublish_selected", "feature_selected", "unfeature_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "cover_image"]}),
        ("Phân loại", {"fields": ["organization", "category", "directives"]}),
        ("Đăng bài", {
            "fields": ["status", "published_at", "is_featured", "source", "author", "author_name"]
        }),
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.slug_is_locked():
            return ["slug"]
        return []

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.slug_is_locked():
            return {}
        return super().get_prepopulated_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # Saving the form's "văn bản liên quan" replaces the set that Article.save()
        # attached, so the directives named in the text are attached again here.
        super().save_related(request, form, formsets, change)
        result = link_article_directives(article=form.instance)
        if result.unresolved:
            codes = ", ".join(mention.code for mention in result.unresolved)
            self.message_user(
                request,
                f"Bài nhắc tới văn bản chưa có trên cổng: {codes}. Xem mục “Văn bản được "
                "nhắc nhưng chưa có” để tạo văn bản.",
                messages.WARNING,
            )
        if result.ambiguous:
            texts = ", ".join(f"“{mention.text}”" for mention in result.ambiguous)
            self.message_user(
                request,
                f"Không tự gắn được {texts}: có nhiều văn bản cùng số. Hãy chọn văn bản "
                "liên quan bằng tay.",
                messages.WARNING,
            )

    @admin.display(description="ảnh")
    def cover_thumbnail(self, obj):
        return thumbnail(obj.cover_image)

    @admin.action(description="Đăng các bài đã chọn")
    def publish_selected(self, request, queryset):
        count = 0
        for article in queryset:
            article.publish()
            article.save()
            count += 1
        self.message_user(request, f"Đã đăng {count} bài viết.", messages.SUCCESS)

    @admin.action(description="Gỡ xuống (chuyển về bản nháp)")
    def unpublish_selected(self, request, queryset):
        count = queryset.filter(status=Article.Status.PUBLISHED).update(
            status=Article.Status.DRAFT, updated_at=timezone.now()
        )
        self.message_user(request, f"Đã gỡ {count} bài viết về bản nháp.", messages.SUCCESS)

    @admin.action(description="Đánh dấu tin nổi bật")
    def feature_selected(self, request, queryset):
        count = queryset.update(is_featured=True, updated_at=timezone.now())
        self.message_user(request, f"Đã đánh dấu {count} tin nổi bật.", messages.SUCCESS)

    @admin.action(description="Bỏ đánh dấu tin nổi bật")
    def unfeature_selected(self, request, queryset):
        count = queryset.update(is_featured=False, updated_at=timezone.now())
        self.message_user(request, f"Đã bỏ đánh dấu {count} tin nổi bật.", messages.SUCCESS)


@admin.register(UnresolvedDirectiveReference)
class UnresolvedDirectiveReferenceAdmin(admin.ModelAdmin):
    """Read-only: rows come and go with each linking run (news/directive_links.py)."""

    list_display = [
        "code_display", "doc_type", "text", "article_link", "article_count", "first_seen",
        "create_link",
    ]
    list_display_links = None
    list_filter = ["doc_type", "year"]
    search_fields = ["code", "text", "article__title"]
    ordering = ["key", "pk"]
    list_select_related = ["article"]
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        same_key = (
            UnresolvedDirectiveReference.objects.filter(key=OuterRef("key"))
            .order_by().values("key").annotate(total=Count("pk")).values("total")
        )
        return super().get_queryset(request).annotate(articles_naming=Subquery(same_key))

    @admin.display(description="số ký hiệu", ordering="key")
    def code_display(self, obj):
        return obj.code

    @admin.display(description="bài viết")
    def article_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:news_article_change", args=[obj.article_id]), obj.article.title,
        )

    @admin.display(description="số bài nhắc tới", ordering="articles_naming")
    def article_count(self, obj):
        return obj.articles_naming

    @admin.display(description="")
    def create_link(self, obj):
        return format_html('<a class="button" href="{}">Tạo văn bản này</a>',
                           obj.directive_add_url())
