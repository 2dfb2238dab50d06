from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from treebeard.admin import TreeAdmin
from treebeard.forms import MoveNodeForm, movenodeform_factory

from core.admin_search import FoldedSearchMixin
from core.admin_utils import OldSlugsAdminMixin, VietnameseSlugAdminMixin, thumbnail

from .admin_scope import OrganizationScopedAdmin, OrganizationScopedInline, organizations_in_scope
from .models import Organization, Person, Position, Succession, scope_tops


class OrganizationMoveForm(MoveNodeForm):
    """treebeard's form with Vietnamese labels for where the organisation sits.

    For anyone but a superuser (`scope_user`, set by OrganizationAdmin.get_form), an
    organisation goes only under an organisation within their scope; one at the top of
    their scope stays where it is."""

    scope_user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        position = self.fields["treebeard_position"]
        position.label = "Vị trí trong cơ cấu"
        position.choices = [
            ("sorted-child", "Trực thuộc tổ chức được chọn"),
            ("sorted-sibling", "Ngang cấp với tổ chức được chọn"),
        ]
        reference = self.fields["treebeard_ref_node"]
        reference.label = "Tổ chức được chọn"
        reference.empty_label = "— Cấp cao nhất —"
        if self.scope_user is not None and not self.scope_user.is_superuser:
            self._limit_to_scope(position, reference)

    def _limit_to_scope(self, position, reference):
        in_scope = organizations_in_scope(self.scope_user)
        position.choices = position.choices[:1]
        parent = Organization.objects.get_parent(self.instance) if self.instance.pk else None
        if self.instance.pk and not in_scope.filter(pk=getattr(parent, "pk", None)).exists():
            reference.queryset = Organization.objects.filter(pk=getattr(parent, "pk", None))
            reference.required = False
            reference.disabled = position.disabled = True
            reference.help_text = "Chỉ quản trị cấp trên mới chuyển được tổ chức này."
            return
        reference.queryset = reference.queryset.filter(pk__in=in_scope.values("pk"))
        reference.required = True
        reference.empty_label = None
        self.initial.setdefault("treebeard_position", "sorted-child")


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "title", "title_en", "phone", "email", "order", "started_on", "ended_on"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only people whose records the user keeps (the autocomplete suggests no others):
        # the Person admin's own scope.
        if db_field.name == "person":
            people = self.admin_site._registry[Person]
            kwargs["queryset"] = people.scope_queryset(request, Person.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SuccessionInline(OrganizationScopedInline, admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    organization_field = "successor"
    extra = 0
    autocomplete_fields = ["successor"]
    verbose_name = "tổ chức kế tục"
    verbose_name_plural = "Sáp nhập, đổi tên, chia tách"


@admin.register(Organization)
class OrganizationAdmin(
    OrganizationScopedAdmin, VietnameseSlugAdminMixin, OldSlugsAdminMixin, FoldedSearchMixin,
    TreeAdmin,
):
    """Organisations within the user's scope; for a superuser, the whole tree."""

    organization_field = ""
    form = movenodeform_factory(Organization, form=OrganizationMoveForm)
    list_display = ["name", "short_name", "kind", "level", "active_until", "logo_thumbnail"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "short_name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SuccessionInline, PositionInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "name_en", "slug", "kind", "level", "logo"]}),
        ("Vị trí trong cơ cấu", {"fields": ["treebeard_position", "treebeard_ref_node", "order"]}),
        ("Thời gian hoạt động", {"fields": ["active_from", "active_until"]}),
        ("Giới thiệu và liên hệ", {
            "fields": ["introduction", "address", "phone", "email", "website"]
        }),
    ]

    def get_queryset(self, request):
        # treebeard lists the roots of the tree first; for anyone but a superuser the top
        # of the list is the top of their scope.
        if (
            not request.user.is_superuser and hasattr(request, "_treebeard_parent_id")
            and not request._treebeard_parent_id and not self.is_filtered(request)
            and not getattr(request, "_ignore_treebeard_filters", False)
        ):
            request._treebeard_parent = None
            return Organization.objects.filter(path__in=scope_tops(request.user))
        return super().get_queryset(request)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"scope_user": request.user})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Where to move it means nothing on a read-only page.
        return [(name, options) for name, options in fieldsets if name != "Vị trí trong cơ cấu"]

    def has_delete_permission(self, request, obj=None):
        # The organisations a user is a member of are their administrator's to keep.
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None or request.user.is_superuser:
            return True
        return not obj.memberships.filter(user=request.user).exists()

    def get_search_results(self, request, queryset, search_term):
        # The issuer of a directive may be any organisation for whoever keeps the whole
        # directive library (Trung ương's documents included).
        if (
            request.GET.get("app_label") == "news" and request.GET.get("model_name") == "directive"
            and request.user.has_perm("news.manage_directive_library")
        ):
            queryset = Organization.objects.all()
        return super().get_search_results(request, queryset, search_term)

    def changelist_view(self, request, extra_context=None):
        # treebeard marks only GET requests with the level shown; a POST that comes back to
        # the list (an action refused or not chosen) would fail to draw it.
        if request.method == "POST":
            request._treebeard_parent = None
        return super().changelist_view(request, extra_context)

    def children_view(self, request, parent_id):
        if not parent_id.isdigit():  # treebeard would look "abc" up as an id and fail
            raise Http404("Không có tổ chức này.")
        return super().children_view(request, parent_id)

    def move_node(self, request):
        """Drag and drop in the tree: the new parent must be within scope too."""
        if not request.user.is_superuser:
            in_scope = organizations_in_scope(request.user)
            target_id = request.POST.get("target", "")
            target = (
                Organization.objects.filter(pk=target_id).first() if target_id.isdigit() else None
            )
            if target is None:
                return HttpResponseBadRequest("Dữ liệu không hợp lệ.")
            if request.POST.get("relation") == "child":
                parent = target
            else:
                parent = Organization.objects.get_parent(target)
            if parent is None or not in_scope.filter(pk=parent.pk).exists():
                messages.error(
                    request, "Bạn chỉ được chuyển tổ chức vào trong phạm vi mình quản trị."
                )
                raise PermissionDenied
        return super().move_node(request)

    @admin.display(description="biểu trưng")
    def logo_thumbnail(self, obj):
        return thumbnail(obj.logo_picture, 48)


class PersonPositionInline(OrganizationScopedInline, admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organization"]
    fields = [
        "organization", "title", "title_en", "phone", "email", "order", "started_on", "ended_on"
    ]


@admin.register(Person)
class PersonAdmin(OrganizationScopedAdmin, admin.ModelAdmin):
    """People whose records an organisation within the user's scope keeps."""

    list_display = ["full_name", "current_positions", "organization", "phone", "email",
                    "photo_thumbnail"]
    list_filter = [("organization", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["full_name", "email", "positions__title"]
    autocomplete_fields = ["organization"]
    fields = ["full_name", "organization", "photo", "phone", "email"]
    inlines = [PersonPositionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("positions__organization")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not request.user.is_superuser:
            form.base_fields["organization"].required = True
        return form

    @admin.display(description="chức vụ hiện tại")
    def current_positions(self, obj):
        return "; ".join(
            f"{position.title}" for position in obj.positions.all() if position.is_current
        )

    @admin.display(description="ảnh")
    def photo_thumbnail(self, obj):
        return thumbnail(obj.picture, 48)
