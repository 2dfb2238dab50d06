"""The portals in the admin: one page per portal ("Cổng") with its domains, its information
and its theme; and the per-portal scope of the menus' and website links' admin.

Who may do what is portals/permissions.py: a superuser creates and deletes portals and sets
their organisation, whether one is the main portal, and their domains; a *Quản trị cổng*
changes the information, the theme, the menus and the website links of the portals they
manage, and sees no other portal's."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from caching import page_cache
from portals import hosts
from portals.models import Portal, PortalDomain, normalise_domain, validate_domain
from portals.permissions import portals_managed_by

from .models import PortalInformation

INFORMATION_FIELDSETS = [
    ("Tên cổng", {"fields": ["full_name", "short_name", "party_line", "description"]}),
    ("Thông tin theo Nghị định 42/2022/NĐ-CP", {"fields": [
        "owner", "address", "phone", "email", "responsible_person", "licence", "reuse_notice",
    ]}),
    ("Hình ảnh", {"fields": ["logo", "share_image"]}),
    ("Tiếng Anh", {"fields": ["english_name", "english_short_name", "english_owner"]}),
    ("Thống kê truy cập", {"fields": ["visitors_start_total"]}),
]


class PortalScopedAdmin:
    """Mix in before ModelAdmin for a model with a `portal` foreign key: a user sees, changes
    and adds rows only for the portals they manage (portals/permissions.py)."""

    def managed_portals(self, request):
        cached = getattr(request, "_managed_portals", None)
        if cached is None:
            cached = request._managed_portals = list(portals_managed_by(request.user))
        return cached

    def managed_portal_ids(self, request) -> set[int]:
        return {portal.pk for portal in self.managed_portals(request)}

    def get_queryset(self, request):
        return super().get_queryset(request).filter(portal__in=self.managed_portal_ids(request))

    def _in_scope(self, request, obj) -> bool:
        return obj is None or obj.portal_id in self.managed_portal_ids(request)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and bool(self.managed_portals(request))

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if len(self.managed_portals(request)) > 1 and "portal" not in shown:
            shown.append("portal")
        return shown

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if len(self.managed_portals(request)) > 1:
            filters.insert(0, "portal")
        return filters

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "portal":
            kwargs["queryset"] = Portal.objects.filter(pk__in=self.managed_portal_ids(request))
            kwargs["empty_label"] = None
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        managed = self.managed_portal_ids(request)
        # The portal whose admin address this is, when it is one of the user's.
        portal = getattr(request, "portal", None)
        if portal is not None and portal.pk in managed:
            initial.setdefault("portal", portal.pk)
        return initial

    def save_model(self, request, obj, form, change):
        # The form offers only the user's portals; checked again for any other way in.
        if obj.portal_id not in self.managed_portal_ids(request):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


class PortalDomainForm(forms.ModelForm):
    class Meta:
        model = PortalDomain
        fields = ["domain", "is_primary"]

    def clean_domain(self):
        domain = normalise_domain(self.cleaned_data["domain"])
        validate_domain(domain)
        taken = PortalDomain.objects.filter(domain__iexact=domain).exclude(pk=self.instance.pk)
        owner = taken.select_related("portal__information", "portal__organization").first()
        if owner is not None:
            raise ValidationError(
                "Tên miền %(domain)s đã thuộc cổng “%(portal)s”. Mỗi tên miền chỉ trỏ tới "
                "một cổng.", params={"domain": domain, "portal": owner.portal},
                code="domain_taken",
            )
        return domain

    def validate_constraints(self):
        # One primary domain per portal and unique domains are checked over the whole list
        # (PortalDomainFormSet), where a change of the primary domain is seen at once.
        pass


class PortalDomainFormSet(forms.BaseInlineFormSet):
    # Only a superuser edits the domains; for anyone else the list is shown, not posted.
    editable = True

    def clean(self):
        super().clean()
        if any(self.errors) or not self.editable:
            return
        kept = [
            form for form in self.forms
            if form.cleaned_data.get("domain") and not self._should_delete_form(form)
        ]
        seen = set()
        for form in kept:
            domain = form.cleaned_data["domain"]
            if domain in seen:
                raise ValidationError(f"Tên miền {domain} được nhập hai lần.")
            seen.add(domain)
        primaries = [form for form in kept if form.cleaned_data.get("is_primary")]
        if kept and len(primaries) != 1:
            raise ValidationError(
                "Cổng phải có đúng một tên miền chính (đang chọn "
                f"{len(primaries)}). Các tên miền khác chuyển về tên miền chính."
            )
        if not kept and not self.instance.is_main:
            raise ValidationError(
                "Cổng cần ít nhất một tên miền, ví dụ: tinhdoan.camau.gov.vn; cổng chính "
                "trả lời ở địa chỉ của máy chủ nên có thể không có tên miền riêng."
            )


class PortalDomainInline(admin.TabularInline):
    """The domains: set by a superuser; others see them."""

    model = PortalDomain
    form = PortalDomainForm
    formset = PortalDomainFormSet
    fields = ["domain", "is_primary"]
    extra = 0

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if request.user.is_superuser and (obj is None or not obj.domains.exists()) else 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.editable = request.user.is_superuser
        return formset

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or request.user.has_perm("portals.view_portaldomain")

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class PortalInformationInline(admin.StackedInline):
    """The portal's names, footer details, logo, English names and visitors' starting total:
    one record per portal, never deleted."""

    model = PortalInformation
    fieldsets = INFORMATION_FIELDSETS
    can_delete = False
    min_num = 0
    max_num = 1
    verbose_name = "thông tin cổng"
    verbose_name_plural = "thông tin cổng"

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj is not None and hasattr(obj, "information") else 1

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("pages.add_portalinformation") or (
            request.user.has_perm("pages.change_portalinformation")
        )

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("pages.change_portalinformation")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("pages.view_portalinformation") or (
            self.has_change_permission(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and obj.pk is not None and not hasattr(obj, "information"):
            # A portal without its information yet: the form starts from what its pages
            # show meanwhile (PortalInformation.current() for that portal).
            owner = obj.organization.name if obj.organization_id else ""
            formset.form.base_fields["full_name"].initial = (
                f"Cổng thông tin điện tử {owner}" if owner else ""
            )
            formset.form.base_fields["owner"].initial = owner
        return formset


@admin.register(Portal)
class PortalAdmin(admin.ModelAdmin):
    """One page per portal: its organisation, its domains, its information and its theme."""

    list_display = ["__str__", "organization", "primary_domain_shown", "is_main"]
    list_select_related = ["organization", "information"]
    search_fields = ["information__full_name", "organization__name", "domains__domain"]
    inlines = [PortalDomainInline, PortalInformationInline]
    fieldsets = [
        ("Cổng", {"fields": ["organization", "is_main"]}),
        ("Màu giao diện", {
            "fields": [
                "theme_primary", "theme_primary_dark", "theme_link", "theme_header_background",
            ],
            "description": "Mỗi màu phải đủ tương phản với chữ đọc trên nó (ít nhất 4,5:1 theo "
            "WCAG 2.1 mức AA). Chế độ “Nền tối” và “Tương phản cao” của người đọc vẫn dùng "
            "màu riêng của chúng.",
        }),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(
            pk__in=portals_managed_by(request.user).values("pk")
        ).prefetch_related("domains")

    @admin.display(description="tên miền chính")
    def primary_domain_shown(self, portal):
        return portal.primary_domain or "—"

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return []
        return ["organization", "is_main"]

    def _manages(self, request, obj) -> bool:
        return obj is None or portals_managed_by(request.user).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._manages(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._manages(request, obj)

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        if not (request.user.is_active and request.user.is_superuser):
            return False
        return obj is None or not obj.is_main

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser and not change:
            raise PermissionDenied
        super().save_model(request, obj, form, change)
        if change and form.has_changed():
            # The theme's stylesheet link (and the portal's name) are in every page's frame.
            page_cache.invalidate(page_cache.LAYOUT)

    def save_formset(self, request, form, formset, change):
        if formset.model is not PortalDomain:
            super().save_formset(request, form, formset, change)
            return
        with transaction.atomic():
            _save_domains(formset)


def _save_domains(formset) -> None:
    """The domains' rows saved so that the one primary domain may move from one row to
    another (the database allows one primary domain per portal at every moment)."""
    instances = formset.save(commit=False)
    for removed in formset.deleted_objects:
        removed.delete()
    portal = formset.instance
    primary = next((domain for domain in instances if domain.is_primary), None)
    if primary is not None:
        PortalDomain.objects.filter(portal=portal, is_primary=True).exclude(
            pk=primary.pk
        ).update(is_primary=False)
    for domain in sorted(instances, key=lambda domain: domain.is_primary):
        domain.save()
    hosts.forget()
