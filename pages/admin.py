from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html

# The portals' page (its domains, information and theme) and the per-portal scope.
from .admin_portals import PortalScopedAdmin
from .models import ContactMessage, Menu, MenuItem, StaticPage, WebsiteLink


class MenuItemInline(admin.TabularInline):
    model = MenuItem
    fields = ["title", "link", "parent", "open_in_new_tab", "order", "is_active"]
    ordering = ["parent__order", "parent_id", "order", "id"]
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        self.menu = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            # Only the top-level items of this menu can hold sub-items.
            kwargs["queryset"] = MenuItem.objects.filter(
                menu=getattr(self, "menu", None), parent__isnull=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Menu)
class MenuAdmin(PortalScopedAdmin, admin.ModelAdmin):
    """The menus of the portals the user manages (pages/admin_portals.py)."""

    list_display = ["name", "slug", "item_count"]
    search_fields = ["name", "slug"]
    fields = ["portal", "name", "slug"]
    inlines = [MenuItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_total=Count("items"))

    @admin.display(description="số mục", ordering="item_total")
    def item_count(self, menu):
        return menu.item_total


@admin.register(StaticPage)
class StaticPageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "is_published", "updated_at"]
    list_filter = ["is_published"]
    search_fields = ["title", "summary", "body"]
    fields = ["title", "slug", "summary", "body", "is_published"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "name", "email", "phone", "created_at", "is_handled"]
    list_filter = ["is_handled", "created_at"]
    search_fields = ["name", "email", "phone", "subject", "message"]
    date_hierarchy = "created_at"
    fields = [
        "name", "email", "phone", "subject", "message", "created_at", "ip_address", "is_handled",
    ]
    readonly_fields = ["name", "email", "phone", "subject", "message", "created_at", "ip_address"]
    actions = ["mark_handled", "mark_unhandled"]

    def has_add_permission(self, request):
        return False  # messages come from readers through /lien-he/

    @admin.action(description="Đánh dấu đã xử lý", permissions=["change"])
    def mark_handled(self, request, queryset):
        count = queryset.mark_handled(True)
        self.message_user(request, f"Đã đánh dấu {count} ý kiến là đã xử lý.", messages.SUCCESS)

    @admin.action(description="Đánh dấu chưa xử lý", permissions=["change"])
    def mark_unhandled(self, request, queryset):
        count = queryset.mark_handled(False)
        self.message_user(request, f"Đã đánh dấu {count} ý kiến là chưa xử lý.", messages.SUCCESS)


@admin.register(WebsiteLink)
class WebsiteLinkAdmin(PortalScopedAdmin, admin.ModelAdmin):
    """The "Liên kết website" block of the home page: logos of other portals; each portal
    has its own (pages/admin_portals.py)."""

    list_display = ["logo_thumbnail", "name", "address", "order", "is_active"]
    list_display_links = ["logo_thumbnail", "name"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "address"]
    fields = ["portal", "name", "address", "logo", "order", "is_active"]

    @admin.display(description="biểu trưng")
    def logo_thumbnail(self, link):
        if not link.logo:
            return "—"
        return format_html(
            '<img src="{}" height="32" alt="" loading="lazy" '
            'class="website-link-thumbnail">', link.logo.url,
        )
