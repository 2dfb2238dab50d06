from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import MoveNodeForm, movenodeform_factory

from portal.admin_utils import OldSlugsAdminMixin, VietnameseSlugAdminMixin, thumbnail

from .models import Organization, Person, Position, Succession


class OrganizationMoveForm(MoveNodeForm):
    """treebeard's form with Vietnamese labels for where the organisation sits."""

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


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "title", "title_en", "phone", "email", "order", "started_on", "ended_on"]


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]
    verbose_name = "tổ chức kế tục"
    verbose_name_plural = "Sáp nhập, đổi tên, chia tách"


@admin.register(Organization)
class OrganizationAdmin(VietnameseSlugAdminMixin, OldSlugsAdminMixin, TreeAdmin):
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

    def get_search_results(self, request, queryset, search_term):
        # The organisation box of an article suggests only what the editor may write for
        # (the form refuses anything else anyway).
        if request.GET.get("app_label") == "news" and request.GET.get("model_name") == "article":
            queryset = queryset.within_scope_of(request.user)
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description="biểu trưng")
    def logo_thumbnail(self, obj):
        return thumbnail(obj.logo_picture, 48)


class PersonPositionInline(PositionInline):
    autocomplete_fields = ["organization"]
    fields = [
        "organization", "title", "title_en", "phone", "email", "order", "started_on", "ended_on"
    ]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "current_positions", "phone", "email", "photo_thumbnail"]
    search_fields = ["full_name", "email", "positions__title"]
    inlines = [PersonPositionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("positions__organization")

    @admin.display(description="chức vụ hiện tại")
    def current_positions(self, obj):
        return "; ".join(
            f"{position.title}" for position in obj.positions.all() if position.is_current
        )

    @admin.display(description="ảnh")
    def photo_thumbnail(self, obj):
        return thumbnail(obj.picture, 48)
