"""Accounts, their roles and organisations, and the audit log, as administrators see them."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django_tasks_db.models import DBTaskResult

from audit.models import AuditEvent
from core.admin_utils import ReadOnlyAdminMixin, full_name
from news.models import Article
from organizations.admin_scope import (
    OrganizationScopedInline,
    organizations_in_scope,
    restrict_actions,
    users_in_scope_of,
    users_managed_by,
)
from organizations.models import Membership

from .roles import ORGANIZATION_ROLE_NAMES


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the log is written by the portal itself, never edited by hand."""

    list_display = ["created_at", "actor_name", "action", "object_repr", "detail", "ip_address"]
    list_filter = ["action", "created_at"]
    search_fields = ["actor_name", "object_repr", "detail", "ip_address"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]

    def get_queryset(self, request):
        # An organisation's administrator reads what their own accounts did, what was done
        # to them, and the failed logins that named them.
        events = super().get_queryset(request)
        if request.user.is_superuser:
            return events
        users = users_in_scope_of(request.user)
        articles = Article.objects.filter(organization__in=organizations_in_scope(request.user))
        about_user = Q(object_type=User._meta.label)
        about_article = Q(object_type=Article._meta.label)
        return events.filter(
            # An event about an article: the article's organisation decides (a colleague who
            # also works for another organisation schedules that one's embargoed stories).
            (about_article & (Q(object_id__in=as_text_ids(articles))
                              | Q(action=AuditEvent.Action.DELETE, actor__in=users)))
            | (about_user & Q(object_id__in=as_text_ids(users)))
            | (~about_article & ~about_user & Q(actor__in=users))
            | Q(actor__isnull=True, actor_name__in=users.values("username"))
        )


def as_text_ids(queryset):
    """The primary keys of `queryset` as text, to compare with AuditEvent.object_id."""
    return queryset.annotate(id_text=Cast("pk", CharField())).values("id_text")


class MembershipFormSet(forms.BaseInlineFormSet):
    """An administrator who is not a superuser cannot leave an account without an
    organisation: it would drop out of their scope, and out of everyone's but a superuser's."""

    def clean(self):
        super().clean()
        if self.request_user.is_superuser:
            return
        kept = [
            form for form in self.forms
            if form.cleaned_data and form.cleaned_data.get("organization")
            and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise forms.ValidationError(
                "Hãy phân công tài khoản cho ít nhất một tổ chức mà bạn quản trị."
            )


class MembershipInline(OrganizationScopedInline, admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 1
    autocomplete_fields = ["organization"]
    verbose_name = "tổ chức được phân công"
    verbose_name_plural = (
        "Tổ chức được phân công (người dùng làm việc với các tổ chức này và đơn vị trực thuộc)"
    )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request_user = request.user
        return formset


admin.site.unregister(User)
# django-tasks-db's own admin of the task queue is in English and for operators, who have
# /healthz and the worker's log; editors see each result where it belongs (the directive's page).
admin.site.unregister(DBTaskResult)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Accounts, their roles and organisations.

    An administrator who is not a superuser sees the accounts with a membership within
    their scope (organizations.admin_scope) and changes only those wholly within it: the
    password form and bulk actions included. They do not see superusers, cannot grant
    superuser status, single permissions or the installation-wide roles, and give only
    organisations within their scope.
    """

    inlines = [MembershipInline]
    list_display = [
        "username", "full_name", "email", "roles", "organizations", "is_active", "last_login",
    ]
    list_filter = [
        "is_active", "is_staff", "groups",
        ("memberships__organization", admin.RelatedOnlyFieldListFilter),
    ]
    actions = ["deactivate", "activate"]

    def get_queryset(self, request):
        users = users_in_scope_of(request.user)
        return users.prefetch_related("groups", "memberships__organization")

    @staticmethod
    def managed_users(request):
        return users_managed_by(request.user, grantable_roles=ORGANIZATION_ROLE_NAMES)

    def has_change_permission(self, request, obj=None):
        # Also guards the password form (/password/) and bulk actions' objects.
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or self.manages(request, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or self.manages(request, obj)

    def manages(self, request, account) -> bool:
        """Whether the user may change `account`: asked several times by one change page
        (the form, its buttons, the history link), answered by one query per request."""
        answers = request.__dict__.setdefault("_managed_accounts", {})
        if account.pk not in answers:
            answers[account.pk] = self.managed_users(request).filter(pk=account.pk).exists()
        return answers[account.pk]

    # Every account made here works in the admin (the portal has no readers' accounts): the
    # add page asks for the person's name, e-mail and roles too, and the account is staff.
    add_fieldsets = [
        (None, {"fields": ["username", "usable_password", "password1", "password2"]}),
        ("Thông tin cá nhân", {"fields": ["last_name", "first_name", "email"]}),
        ("Vai trò", {"fields": ["groups"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            # Vietnamese names: họ (family name) before tên (given name).
            fieldsets = [
                (name, {**options, "fields": [
                    {"first_name": "last_name", "last_name": "first_name"}.get(field, field)
                    for field in options["fields"]
                ]} if "first_name" in options["fields"] else options)
                for name, options in fieldsets
            ]
        if request.user.is_superuser or obj is None:
            return fieldsets
        return [
            (name, {**options, "fields": [
                field for field in options["fields"]
                if field not in ("is_superuser", "user_permissions")
            ]})
            for name, options in fieldsets
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=ORGANIZATION_ROLE_NAMES)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser and obj.is_superuser:
            raise PermissionDenied  # fieldsets hide it; this refuses a tampered POST
        if not change:
            obj.is_staff = True
        super().save_model(request, obj, form, change)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        # Bulk actions only ever touch accounts the user may change.
        return restrict_actions(
            super().get_actions(request, action_location=action_location),
            lambda request, users: users & self.managed_users(request),
        )

    @admin.display(description="họ và tên", ordering="last_name")
    def full_name(self, user):
        return full_name(user)

    @admin.display(description="vai trò")
    def roles(self, user):
        return ", ".join(group.name for group in user.groups.all())

    @admin.display(description="tổ chức")
    def organizations(self, user):
        return ", ".join(
            m.organization.short_name or m.organization.name for m in user.memberships.all()
        )

    @admin.action(description="Khóa các tài khoản đã chọn", permissions=["change"])
    def deactivate(self, request, queryset):
        count = self._set_active(queryset.exclude(pk=request.user.pk), active=False)
        self.message_user(request, f"Đã khóa {count} tài khoản.", messages.SUCCESS)

    @admin.action(description="Mở khóa các tài khoản đã chọn", permissions=["change"])
    def activate(self, request, queryset):
        count = self._set_active(queryset, active=True)
        self.message_user(request, f"Đã mở khóa {count} tài khoản.", messages.SUCCESS)

    @staticmethod
    def _set_active(users, *, active: bool) -> int:
        """Save each user (not a bulk update) so the audit log records the change."""
        changed = list(users.filter(is_active=not active))
        for user in changed:
            user.is_active = active
            user.save(update_fields=["is_active"])
        return len(changed)
