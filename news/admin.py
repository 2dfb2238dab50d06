from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from core.admin_search import FoldedSearchMixin
from core.admin_utils import (
    OldSlugsAdminMixin,
    ReadOnlyAdminMixin,
    VietnameseSlugAdminMixin,
    name_and_username,
    thumbnail,
)
from core.folded_match import clean_term
from organizations.admin_scope import OrganizationScopedAdmin, users_in_scope_of
from organizations.models import Organization

from . import cache_tags, permissions, services, workflow
from .admin_cover import ArticleCoverAdminMixin, ArticleCoverFormMixin
from .admin_directive_document import DirectiveDocumentForm, document_link
from .admin_filters import (
    CategoryFilter,
    DirectiveFilter,
    MineFilter,
    NewsroomFiltersMixin,
    OrganizationFilter,
    PublishedBetweenFilter,
)
from .admin_history import ArticleHistoryAdminMixin
from .admin_presence import ArticlePresenceAdminMixin
from .admin_republish import ArticleRepublishAdminMixin
from .admin_review import ArticleReviewMixin
from .admin_topics import TopicAdmin  # noqa: F401 (registers the topics' admin)
from .admin_trash import ArticleTrashAdminMixin
from .admin_unpublish import UnpublishConfirmationMixin
from .filters import directive_text_condition
from .models import (
    Article,
    Category,
    Directive,
    DirectiveLinking,
    UnresolvedDirectiveReference,
)
from .search_document import normalize
from .versions import RESTORE_KEEPS


class SearchDocumentMixin(FoldedSearchMixin):
    """Title and summary are searched in the folded search_document the public search
    reads, which holds them with the body (and the captions of its figures): "quan triet" finds
    "quán triệt" in the text too. The other search fields are matched as in every admin."""

    search_fields_in_document = ("title", "summary")

    def term_in_document(self, term):
        words = normalize(term)
        return Q(search_document__contains=words) if words else None


@admin.register(Category)
class CategoryAdmin(VietnameseSlugAdminMixin, OldSlugsAdminMixin, admin.ModelAdmin):
    list_display = ["name", "parent", "portal", "order", "show_on_home"]
    list_editable = ["order", "show_on_home"]
    list_filter = ["show_on_home", "portal", "parent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


class DirectiveForm(DirectiveDocumentForm):
    code = forms.CharField(
        label="Số ký hiệu",
        max_length=80,
        help_text="Gõ đúng như trên văn bản, ví dụ: 20-CT/TW, 367-QĐ/TWĐTN-VP, 42/2022/NĐ-CP.",
    )

    class Meta(DirectiveDocumentForm.Meta):
        model = Directive
        fields = [
            "doc_type", "issuer", "issued_on", "effective_on", "title", "summary",
            "document", "status", "replaced_by", "is_key", "slug",
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
class DirectiveAdmin(
    SearchDocumentMixin, OldSlugsAdminMixin, OrganizationScopedAdmin, admin.ModelAdmin
):
    """The shared directive library: everyone sees every document; a Người duyệt bài
    adds and changes those issued by an organisation within their scope, a Quản lý văn
    bản (news.manage_directive_library) every document and which of them are key."""

    form = DirectiveForm
    organization_field = "issuer"
    shared_for_viewing = True
    list_display = ["reference_display", "title", "status", "issued_on", "is_key"]
    list_filter = ["doc_type", "status", "is_key", "year", "issuer"]
    search_fields = ["number", "symbol", "title", "summary"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["issuer", "replaced_by"]
    fields = [
        "doc_type", "code", "issuer", "issued_on", "effective_on", "title", "summary",
        "document", "new_document", "status", "replaced_by", "is_key", "slug",
    ]

    def get_search_results(self, request, queryset, search_term):
        # A số ký hiệu as people write it: "20-CT", "20/CT-TW", "chỉ thị số 20".
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # Without what PostgreSQL refuses (NUL): the autocomplete view passes the term as typed.
        term = clean_term(search_term).strip()[:200]
        if term:
            results |= queryset.filter(directive_text_condition(term))
        return results, may_have_duplicates

    def organizations_for_writing(self, request):
        if permissions.can_manage_directive_library(request.user):
            return Organization.objects.all()
        return super().organizations_for_writing(request)

    def scope_queryset(self, request, queryset):
        if permissions.can_manage_directive_library(request.user):
            return queryset
        return super().scope_queryset(request, queryset)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # "Được thay thế bởi" puts a line on the replacing document's page too: only a
        # document the user may change (the autocomplete offers the whole library).
        if db_field.name == "replaced_by":
            kwargs["queryset"] = self.scope_queryset(request, Directive.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("issuer", "linking", "document")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # The document list and an upload in place act for this user (admin_directive_document).
        return type(form.__name__, (form,), {"user": request.user})

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.fields
        # Once there is a document: the chosen file as readers get it, instead of the upload
        # for those who only look, and the last linking run.
        upload = ["new_document"] if self.has_change_permission(request, obj) else []
        position = self.fields.index("new_document")
        return [*self.fields[:position], "document_file", *upload,
                *self.fields[position + 1:], "linking_report"]

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "linking_report", "document_file"]
        # Key documents stand on the home page of the whole portal.
        if not permissions.can_manage_directive_library(request.user):
            readonly.append("is_key")
        return readonly

    def save_model(self, request, obj, form, change):
        # Articles that named this document before it existed get their link from the
        # task worker (news/tasks.py); the change page shows how it went.
        if services.directive_save(directive=obj, by=request.user):
            self.message_user(
                request,
                "Văn bản đã lưu; đang gắn văn bản vào các bài viết có nhắc tới "
                "(kết quả hiện trên trang văn bản).",
                messages.INFO,
            )

    def delete_model(self, request, obj):
        services.directive_delete(directive=obj)

    def delete_queryset(self, request, queryset):
        for directive in queryset:
            services.directive_delete(directive=directive)

    @admin.display(description="tệp người đọc tải về")
    def document_file(self, obj):
        return document_link(obj)

    @admin.display(description="gắn vào bài viết có nhắc tới")
    def linking_report(self, obj):
        try:
            return obj.linking.report()
        except DirectiveLinking.DoesNotExist:
            return "Chưa có bài viết nào nhắc tới văn bản này trước khi nó được lưu."

    @admin.display(description="văn bản", ordering="-issued_on")
    def reference_display(self, obj):
        return str(obj)


SLUG_CORRECTION_HELP = (
    "Bài đã đăng: chỉ sửa khi đường dẫn bị sai (để trống để tạo lại từ tiêu đề). Địa chỉ cũ "
    "vẫn mở được: người đọc và các liên kết đã chia sẻ được tự chuyển sang địa chỉ mới."
)


class ArticleForm(ArticleCoverFormMixin, forms.ModelForm):
    """The article form, refusing a save based on an older version of the article."""

    loaded_version = forms.IntegerField(
        label="phiên bản đã mở", widget=forms.HiddenInput, required=False,
    )
    # Set by ArticleAdmin.get_form: the user may correct this published article's slug.
    slug_correction = False

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 (the admin narrows it to its fieldsets)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored version and slug, not the instance's: a revision being restored
        # carries its old ones (read once per instance: Article.stored_state).
        stored = self.instance.stored_state()
        if stored is not None:
            self.fields["loaded_version"].initial = stored["version"]
        if "slug" not in self.fields:
            if stored is not None:
                # A locked slug (read-only here): a revision being restored keeps today's.
                self.instance.slug = stored["slug"] or self.instance.slug
        elif self.slug_correction:
            self.instance.slug_correction_allowed = True
            self.fields["slug"].help_text = SLUG_CORRECTION_HELP

    def clean_published_at(self):
        # The form shows the time to the second: an unchanged box must not replace the
        # stored time's microseconds (a change in the history that nobody made).
        value = self.cleaned_data.get("published_at")
        stored = self.instance.published_at
        if value and stored and value == stored.replace(microsecond=0):
            return stored
        return value

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk).values("version", "updated_at").first()
        )
        loaded = cleaned.get("loaded_version")
        if current is None:
            return cleaned
        url = reverse("admin:news_article_change", args=[self.instance.pk])
        if loaded is None:
            # Without the version the form was opened at, a save could overwrite a newer one.
            raise ValidationError(format_html(
                "Không biết bạn đã mở phiên bản nào của bài viết nên thay đổi chưa được lưu "
                "(vẫn còn trong mẫu dưới đây). <a href=\"{}\">Mở bản hiện tại</a> để sửa "
                "tiếp trên bản đó.", url,
            ))
        if loaded != current["version"]:
            last = (
                self.instance.history.order_by("-history_date")
                .select_related("history_user").first()
            )
            who = last.history_user.get_username() if last and last.history_user else "người khác"
            raise ValidationError(format_html(
                "Bài viết đã được {} sửa lúc {} sau khi bạn mở. Thay đổi của bạn chưa được lưu "
                "(vẫn còn trong mẫu dưới đây). <a href=\"{}\">Mở bản hiện tại</a> để xem và "
                "sửa tiếp trên bản đó.",
                who, timezone.localtime(current["updated_at"]).strftime("%d/%m/%Y %H:%M:%S"), url,
            ))
        return cleaned


class ArticleStateFilter(admin.SimpleListFilter):
    """Trạng thái as an editor means it: a published article whose time has not come is
    "Hẹn giờ", not "Đã đăng" (which is what readers can see now)."""

    title = "trạng thái"
    parameter_name = "trang_thai"
    SCHEDULED = "hen_gio"

    def lookups(self, request, model_admin):
        status = Article.Status
        return [
            (status.DRAFT, status.DRAFT.label),
            (status.PENDING, status.PENDING.label),
            (self.SCHEDULED, "Hẹn giờ"),
            (status.PUBLISHED, status.PUBLISHED.label),
            (status.ARCHIVED, status.ARCHIVED.label),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.SCHEDULED:
            return queryset.scheduled()
        if value == Article.Status.PUBLISHED:
            return queryset.published()
        if value in Article.Status.values:
            return queryset.filter(status=value)
        return queryset


@admin.register(Article)
class ArticleAdmin(
    ArticleRepublishAdminMixin, ArticleCoverAdminMixin, ArticlePresenceAdminMixin,
    ArticleReviewMixin,
    ArticleTrashAdminMixin, UnpublishConfirmationMixin, NewsroomFiltersMixin,
    SearchDocumentMixin, VietnameseSlugAdminMixin, OldSlugsAdminMixin, ArticleHistoryAdminMixin,
    SimpleHistoryAdmin,
):
    """Articles, scoped and checked by news.permissions and news.workflow; the state moves
    only by the named moves of ArticleReviewMixin (news/admin_review.py), which also
    drops the status box from the form."""

    form = ArticleForm
    view_on_site = False  # the "Xem trước" button (templates/admin/news/article/) replaces it
    list_display = [
        "cover_thumbnail", "title", "state", "published_at", "category", "organization",
        "is_featured", "view_count",
    ]
    list_display_links = ["cover_thumbnail", "title"]
    # The newsroom's filters (news/admin_filters.py): mine and waiting for me, state,
    # dates, organisation with its predecessors, category, directive.
    list_filter = [
        MineFilter, ArticleStateFilter, PublishedBetweenFilter, OrganizationFilter,
        CategoryFilter, DirectiveFilter, "is_featured",
    ]
    search_fields = ["title", "summary", "author_name"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["organization", "category", "directives", "topics"]
    list_select_related = ["category", "organization", "cover"]
    list_per_page = 50
    actions = [
        "publish_selected", "unpublish_selected", "feature_selected", "unfeature_selected",
        "republish_selected",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "cover", "cover_upload"]}),
        ("Phân loại", {"fields": ["organization", "category", "directives", "topics"]}),
        ("Đăng bài", {
            # No status box: the state changes by the named moves (news/admin_review.py).
            "fields": [("published_at", "published_date_only"), "is_featured", "source",
                       "author", "author_name", "loaded_version"]
        }),
    ]

    def get_queryset(self, request):
        return permissions.articles_for(request.user).select_related(
            "category", "organization", "cover"
        )

    def get_changeform_initial_data(self, request):
        """A new article belongs to the writer's organisation when they have only one."""
        initial = super().get_changeform_initial_data(request)
        if "organization" not in initial:
            own = list(Organization.objects.within_scope_of(request.user)[:2])
            if len(own) == 1:
                initial["organization"] = own[0].pk
        return initial

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # A read-only page has no save to check the version of.
        return [
            (name, {**options, "fields": [
                f for f in options["fields"] if f not in ("loaded_version", "cover_upload")
            ]})
            for name, options in fieldsets
        ]

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or self.may(request, permissions.can_see, obj)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or self.may(request, permissions.can_edit, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        if not permissions.can_publish(request.user):
            return False
        return obj is None or self.may(request, permissions.can_see, obj)

    @staticmethod
    def may(request, rule, obj) -> bool:
        """`rule(user, obj)`, asked once per request: one page asks it many times (the
        form, its buttons, its inlines), and each answer reads the database."""
        answers = request.__dict__.setdefault("_article_permissions", {})
        key = (rule.__name__, obj.pk)
        if key not in answers:
            answers[key] = rule(request.user, obj)
        return answers[key]

    def has_publish_permission(self, request):
        return permissions.can_publish(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = permissions.organizations_for(request.user)
        elif db_field.name == "author":
            # Listed by tên, shown "Trần Văn Minh (minhtv)": Vietnamese order, and the user
            # name tells two people of the same name apart.
            kwargs["queryset"] = users_in_scope_of(request.user).order_by(
                "first_name", "last_name", "username"
            )
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = name_and_username
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        locked = obj is not None and obj.slug_is_locked()
        if locked and not permissions.can_correct_slug(request.user):
            readonly.append("slug")
        if not permissions.can_publish(request.user):
            readonly += ["published_at", "published_date_only", "is_featured", "author"]
        return readonly

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["preview_url"] = obj.get_absolute_url()
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Not the prepopulated_fields attribute: django-simple-history's revision page hands
    # that to the form as it is, and fails when the slug is read-only (a locked address).
    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.slug_is_locked():
            return {}
        return {"slug": ["title"]}

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        obj._history_user = request.user  # as SimpleHistoryAdmin.save_model does
        restored = getattr(request, "restored_version", None)
        if restored is None and form.cleaned_data.get("move"):
            # A named move made with the save: news/admin_review.py.
            request.article_saved = self.save_with_move(request, obj, form)
            return
        if change and restored is None and not form.has_changed():
            # Nothing was changed: no new version, no audit line.
            request.article_saved = None
            return
        # The workflow check (the form's choices already refuse a forbidden move), the
        # form's "văn bản liên quan", the directives the text names, the audit line and
        # the page cache: services.article_save. save_related() shows its warnings.
        if restored is not None:  # the restore form (news/admin_history.py)
            request.article_saved = services.article_save_restored(
                article=obj, version=restored, by=request.user, request=request,
                directives=form.cleaned_data.get("directives"),
                topics=form.cleaned_data.get("topics"),
            )
            return
        request.article_saved = services.article_save(
            article=obj, by=request.user, request=request,
            directives=form.cleaned_data.get("directives"),
            topics=form.cleaned_data.get("topics"),
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        current = getattr(request, "restored_over", None)
        if current is not None and obj is not None and obj.pk == current.pk and obj is not current:
            # django-simple-history hands the form the old version's values: put back
            # what a restore does not bring back.
            fields = {field.name for field in Article._meta.concrete_fields}
            for name in {*RESTORE_KEEPS, *self.get_readonly_fields(request, current)} & fields:
                setattr(obj, name, getattr(current, name))
        form = super().get_form(request, obj, change=change, **kwargs)
        form.slug_correction = (
            obj is not None and obj.slug_is_locked() and permissions.can_correct_slug(request.user)
        )
        return form

    def save_related(self, request, form, formsets, change):
        # Not form.save_m2m(): the directives and topics were saved with the article
        # (save_model), and saving the directives again would drop those its text names.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
        saved = getattr(request, "article_saved", None)
        if saved is not None and saved.links is not None:
            self.warn_about_directives(request, saved.links)

    def warn_about_directives(self, request, links):
        """What the linking could not do alone: documents not on the portal yet, numbers
        shared by several documents."""
        if links.unresolved:
            codes = ", ".join(mention.code for mention in links.unresolved)
            self.message_user(
                request,
                f"Bài nhắc tới văn bản chưa có trên cổng: {codes}. Xem mục “Văn bản được "
                "nhắc nhưng chưa có” để tạo văn bản.",
                messages.WARNING,
            )
        if links.ambiguous:
            texts = ", ".join(f"“{mention.text}”" for mention in links.ambiguous)
            self.message_user(
                request,
                f"Không tự gắn được {texts}: có nhiều văn bản cùng số. Hãy chọn văn bản "
                "liên quan bằng tay.",
                messages.WARNING,
            )

    # Deleting moves to the trash (news/admin_trash.py, services.article_delete).
    def delete_model(self, request, obj):
        services.article_delete(article=obj, by=request.user, request=request)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            services.article_delete(article=article, by=request.user, request=request)

    @admin.display(description="trạng thái", ordering="status")
    def state(self, obj):
        return obj.state_label

    @admin.display(description="ảnh")
    def cover_thumbnail(self, obj):
        return thumbnail(obj.cover_picture)

    @admin.action(description="Đăng các bài đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = self.move_selected(request, queryset.exclude(status=Article.Status.PUBLISHED),
                                   to=Article.Status.PUBLISHED)
        self.message_user(request, f"Đã đăng {count} bài viết.", messages.SUCCESS)

    @admin.action(description="Gỡ xuống (chuyển về bản nháp)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        # A confirmation page first (news/admin_unpublish.py).
        return self.unpublish_with_confirmation(request, queryset)

    def move_selected(self, request, articles, *, to) -> int:
        """Move each of `articles` to state `to` as one save each (checked, audited)."""
        count = 0
        for article in articles:
            refusal = (
                workflow.description_refusal(article)
                if to == Article.Status.PUBLISHED else None
            )
            if refusal:
                self.message_user(request, f"Chưa đăng “{article.title}”: {refusal}",
                                  messages.WARNING)
                continue
            services.article_change_status(article=article, to=to, by=request.user, request=request)
            count += 1
        return count

    @admin.action(description="Đánh dấu tin nổi bật", permissions=["publish"])
    def feature_selected(self, request, queryset):
        count = queryset.update(is_featured=True, updated_at=timezone.now())
        cache_tags.articles_updated_in_bulk()
        self.message_user(request, f"Đã đánh dấu {count} tin nổi bật.", messages.SUCCESS)

    @admin.action(description="Bỏ đánh dấu tin nổi bật", permissions=["publish"])
    def unfeature_selected(self, request, queryset):
        count = queryset.update(is_featured=False, updated_at=timezone.now())
        cache_tags.articles_updated_in_bulk()
        self.message_user(request, f"Đã bỏ đánh dấu {count} tin nổi bật.", messages.SUCCESS)


@admin.register(UnresolvedDirectiveReference)
class UnresolvedDirectiveReferenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
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

    def get_queryset(self, request):
        # Only references in articles the user may see (their titles are drafts' titles),
        # and counted among those.
        references = super().get_queryset(request).filter(
            article__in=permissions.articles_for(request.user)
        )
        same_key = (
            references.filter(key=OuterRef("key"))
            .order_by().values("key").annotate(total=Count("pk")).values("total")
        )
        return references.annotate(articles_naming=Subquery(same_key))

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
