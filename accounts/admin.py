"""Accounts, their roles and organisations, and the audit log, as administrators see them."""

import copy

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR, ActionLocation
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, IntegerField, Q, Value, When
from django.db.models.functions import Cast
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from audit.models import AuditEvent
from core.admin_utils import ReadOnlyAdminMixin, full_name, name_and_username
from news.models import Article
from organizations.admin_scope import (
    OrganizationScopedInline,
    organizations_in_scope,
    restrict_actions,
    users_in_scope_of,
    users_managed_by,
)
from organizations.models import Membership, Organization

from . import invitations, services
from .roles import (
    ORGANIZATION_ROLE_NAMES,
    ROLE_NAMES,
    grantable_permissions,
    role_names_grantable_by,
)
from .user_forms import (
    PortalUserChangeForm,
    RoleChoiceField,
    UserAddForm,
    organization_label,
    organizations_for_new_accounts,
)

# Up to this many organisations in the creator's scope are offered as checkboxes; more,
# as a box that searches them.
ORGANIZATION_CHECKBOXES = 12


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the log is written by the portal itself, never edited by hand."""

    list_display = ["created_at", "actor_display", "action", "object_repr", "detail", "ip_address"]
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
        # Articles in the trash too: their deletion and restoring are events of their own.
        articles = Article.all_objects.filter(
            organization__in=organizations_in_scope(request.user)
        )
        about_user = Q(object_type=User._meta.label)
        about_article = Q(object_type=Article._meta.label)
        return events.filter(
            # An event about an article: the article's organisation decides (a colleague who
            # also works for another organisation schedules that one's embargoed stories).
            (about_article & (Q(object_id__in=as_text_ids(articles))
                              | Q(action__in=GONE_ARTICLE_ACTIONS, actor__in=users)))
            | (about_user & Q(object_id__in=as_text_ids(users)))
            | (~about_article & ~about_user & Q(actor__in=users))
            | Q(actor__isnull=True, actor_name__in=users.values("username"))
        )


    @admin.display(description="người thực hiện", ordering="actor_name")
    def actor_display(self, event):
        """The actor's name in Vietnamese order; the user name typed at a failed login, or
        of an account since deleted, as it was recorded."""
        return name_and_username(event.actor) if event.actor else event.actor_name


# Events about an article that may no longer exist: shown by who did them.
GONE_ARTICLE_ACTIONS = [AuditEvent.Action.DELETE, AuditEvent.Action.PURGE]


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
admin.site.unregister(Group)
# django-tasks-db's own admin of the task queue is in English and for operators, who have
# /healthz and the worker's log; editors see each result where it belongs (the directive's page).
admin.site.unregister(DBTaskResult)


def roles_in_order(names):
    """The role groups named `names`, in the order of accounts.roles (Phóng viên first)."""
    order = Case(
        *[When(name=name, then=Value(index)) for index, name in enumerate(ROLE_NAMES)],
        default=Value(len(ROLE_NAMES)), output_field=IntegerField(),
    )
    groups = Group.objects.all() if names is None else Group.objects.filter(name__in=names)
    return groups.order_by(order, "name")


class RoleListFilter(admin.RelatedFieldListFilter):
    """"Theo vai trò": the roles the user may give, in their order, and accounts without one."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = "vai trò"
        self.empty_value_display = "Chưa có vai trò"

    def field_choices(self, field, request, model_admin):
        names = None if request.user.is_superuser else role_names_grantable_by(request.user)
        return [(group.pk, group.name) for group in roles_in_order(names)]


class NeverLoggedInFilter(admin.SimpleListFilter):
    title = "đăng nhập"
    parameter_name = "dang_nhap"

    def lookups(self, request, model_admin):
        return [("chua", "Chưa đăng nhập lần nào"), ("roi", "Đã đăng nhập")]

    def queryset(self, request, queryset):
        if self.value() == "chua":
            return queryset.filter(last_login__isnull=True)
        if self.value() == "roi":
            return queryset.filter(last_login__isnull=False)
        return queryset


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Accounts, their roles and organisations.

    A new account is made in one step (accounts/user_forms.UserAddForm, through
    services.user_create): name, e-mail, user name, roles, organisations, and an
    invitation to set a password (accounts/invitations.py) or a password set now. Staff
    status is not a box: it follows the roles (services.user_staff_follows_roles).

    An administrator who is not a superuser sees the accounts with a membership within
    their scope (organizations.admin_scope) and changes only those wholly within it: the
    password form, invitations and bulk actions included. They do not see superusers, cannot
    grant superuser status, single permissions or the installation-wide roles, and give only
    organisations within their scope.
    """

    form = PortalUserChangeForm
    add_form = UserAddForm
    add_form_template = "admin/auth/user/add_form.html"
    change_form_template = "admin/auth/user/change_form.html"
    inlines = [MembershipInline]
    list_display = [
        "username", "full_name", "email", "roles", "organizations", "is_active",
        "last_login_display",
    ]
    list_filter = [
        "is_active", ("groups", RoleListFilter), NeverLoggedInFilter,
        ("memberships__organization", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["username", "first_name", "last_name", "email"]
    actions = ["deactivate", "activate", "resend_invitation"]
    add_fieldsets = [
        (None, {"fields": ["full_name", "email", "username"]}),
        ("Vai trò và tổ chức", {"fields": ["roles", "organizations"]}),
        ("Mật khẩu", {
            "fields": ["invite", "password1", "password2"],
            "description": "Mặc định hệ thống gửi thư mời; người dùng tự đặt mật khẩu của "
                           "mình. Chỉ đặt mật khẩu ở đây khi không gửi được thư.",
        }),
    ]

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

    # --- the pages ------------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/gui-lai-thu-moi/",
                self.admin_site.admin_view(self.resend_invitation_view),
                name="auth_user_resend_invitation",
            ),
            path(
                "goi-y-ten-dang-nhap/",
                self.admin_site.admin_view(self.suggest_username_view),
                name="auth_user_suggest_username",
            ),
            *super().get_urls(),
        ]

    def get_inline_instances(self, request, obj=None):
        # The add form has its own box of organisations.
        return [] if obj is None else super().get_inline_instances(request, obj)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {"title": "Tạo tài khoản", **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["subtitle"] = name_and_username(obj)
            context["can_resend_invitation"] = (
                obj.last_login is None and obj.is_active and bool(obj.email)
                and self.has_change_permission(request, obj)
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        hidden = {"is_staff"}  # follows the roles
        if not request.user.is_superuser:
            hidden |= {"is_superuser", "user_permissions"}
        placed = []
        for name, options in fieldsets:
            fields = [
                # Vietnamese names: họ và tên đệm (last_name) before tên (first_name).
                {"first_name": "last_name", "last_name": "first_name"}.get(field, field)
                if "first_name" in options["fields"] else field
                for field in options["fields"] if field not in hidden
            ]
            if "is_active" in fields:
                fields.insert(fields.index("is_active") + 1, "admin_access")
            placed.append((name, {**options, "fields": fields}))
        return placed

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # When someone joined and last logged in are the portal's record, not anyone's input.
        return readonly if obj is None else [*readonly, "admin_access", "last_login",
                                             "date_joined"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            return form
        roles = roles_in_order(
            None if request.user.is_superuser else role_names_grantable_by(request.user)
        )
        organizations = organizations_for_new_accounts(
            Organization.objects.within_scope_of(request.user)
        )
        own = list(
            Organization.objects.filter(memberships__user=request.user).values_list(
                "pk", flat=True
            )
        )
        organization_widget = self._organization_widget(organizations)
        # A superuser's account may act on the whole installation (Quản trị cổng, Quản lý
        # văn bản) without an organisation; anyone else's must stay within someone's scope.
        organizations_required = not request.user.is_superuser

        class AddForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["roles"].queryset = roles
                field = self.fields["organizations"]
                field.queryset = organizations
                field.initial = own
                field.required = organizations_required
                widget = copy.deepcopy(organization_widget)
                if isinstance(widget, AutocompleteSelectMultiple):
                    widget.choices = field.choices  # the selected ones, drawn by the widget
                widget.is_required = field.required
                field.widget = widget

        return AddForm

    def _organization_widget(self, organizations):
        """Checkboxes for a few organisations, indented under their parents; a searching
        box (the admin's autocomplete, scoped by OrganizationAdmin) for many."""
        shown = list(organizations.only("pk", "name", "depth")[: ORGANIZATION_CHECKBOXES + 1])
        if len(shown) > ORGANIZATION_CHECKBOXES:
            return AutocompleteSelectMultiple(
                Membership._meta.get_field("organization"), self.admin_site
            )
        top = min((organization.depth for organization in shown), default=1)
        return forms.CheckboxSelectMultiple(choices=[
            (organization.pk, "— " * (organization.depth - top) + organization.name)
            for organization in shown
        ])

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = roles_in_order(
                None if request.user.is_superuser else role_names_grantable_by(request.user)
            )
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["form_class"] = RoleChoiceField
            kwargs["label"] = "Vai trò"
            kwargs["help_text"] = (
                "Tài khoản có ít nhất một vai trò thì vào được trang quản trị; bỏ hết vai trò "
                "thì không vào được nữa."
            )
        elif db_field.name == "user_permissions":
            kwargs["queryset"] = grantable_permissions(
                keep=Permission.objects.filter(user__isnull=False).distinct()
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # --- saving ---------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            data = form.cleaned_data
            services.user_create(
                user=obj, by=request.user, roles=data["roles"],
                organizations=data["organizations"],
                password=None if data["invite"] else data["password1"],
            )
            obj._invitation_sent = invitations.invitation_send(
                user=obj, by=request.user, site_url=site_url(request)
            ) if data["invite"] else None
            return
        if not request.user.is_superuser and obj.is_superuser:
            raise PermissionDenied  # fieldsets hide it; this refuses a tampered POST
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            services.user_staff_follows_roles(user=form.instance)

    def response_add(self, request, obj, post_url_continue=None):
        if IS_POPUP_VAR in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(request, *self._creation_message(request, obj))
        if "_addanother" in request.POST:
            return HttpResponseRedirect(request.path)
        if "_continue" in request.POST:
            return HttpResponseRedirect(
                reverse("admin:auth_user_change", args=[obj.pk], current_app=self.admin_site.name)
            )
        return self.response_post_save_add(request, obj)

    @staticmethod
    def _creation_message(request, obj):
        who = f"“{obj.get_username()}” ({full_name(obj)})"
        sent = getattr(obj, "_invitation_sent", None)
        if sent:
            return (
                f"Đã tạo tài khoản {who} và gửi thư mời tới {obj.email}. Liên kết trong thư "
                f"có giá trị {settings.INVITATION_VALID_DAYS} ngày.",
                messages.SUCCESS,
            )
        if sent is False:
            return (
                f"Đã tạo tài khoản {who} nhưng chưa gửi được thư mời tới {obj.email}: máy chủ "
                "thư không nhận thư. Hãy mở tài khoản và bấm “Gửi lại thư mời” sau ít phút.",
                messages.WARNING,
            )
        return (
            f"Đã tạo tài khoản {who} với mật khẩu bạn đặt. Hãy báo mật khẩu cho người dùng "
            "một cách an toàn (gặp trực tiếp hoặc gọi điện), không gửi qua thư.",
            messages.SUCCESS,
        )

    # --- invitations ----------------------------------------------------------------------

    def resend_invitation_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        user = self.get_object(request, unquote(object_id))
        if user is None:
            raise Http404("Không có tài khoản này, hoặc bạn không được xem nó.")
        if not self.has_change_permission(request, user):
            raise PermissionDenied
        self.message_user(request, *self._resend(request, user))
        return HttpResponseRedirect(
            reverse("admin:auth_user_change", args=[user.pk], current_app=self.admin_site.name)
        )

    @staticmethod
    def _resend(request, user):
        """(message, level) of one repeated invitation."""
        who = f"“{user.get_username()}”"
        if user.last_login is not None:
            return (
                f"Tài khoản {who} đã đăng nhập, không cần thư mời. Nếu người dùng quên mật "
                "khẩu, hãy để họ bấm “Quên mật khẩu?” ở trang đăng nhập.", messages.WARNING,
            )
        if not user.is_active:
            return (f"Tài khoản {who} đang bị khóa: hãy mở khóa trước khi gửi thư mời.",
                    messages.WARNING)
        if not user.email:
            return (f"Tài khoản {who} chưa có địa chỉ thư điện tử: hãy nhập địa chỉ rồi gửi.",
                    messages.WARNING)
        if not invitations.may_resend(user):
            return (
                f"Đã gửi quá nhiều thư mời cho tài khoản {who} trong một giờ qua; hãy thử lại "
                "sau.", messages.ERROR,
            )
        if not invitations.invitation_send(
            user=user, by=request.user, site_url=site_url(request), renew=True
        ):
            return (
                f"Chưa gửi được thư mời tới {user.email}: máy chủ thư không nhận thư. Hãy thử "
                "lại sau ít phút.", messages.ERROR,
            )
        return (
            f"Đã gửi lại thư mời tới {user.email}. Liên kết trong các thư mời trước không còn "
            "dùng được.", messages.SUCCESS,
        )

    @admin.action(description="Gửi lại thư mời (tài khoản chưa đăng nhập lần nào)",
                  permissions=["change"])
    def resend_invitation(self, request, queryset):
        for user in queryset.filter(last_login__isnull=True, is_active=True).exclude(email=""):
            self.message_user(request, *self._resend(request, user))
        skipped = queryset.exclude(last_login__isnull=True, is_active=True).count()
        skipped += queryset.filter(last_login__isnull=True, is_active=True, email="").count()
        if skipped:
            self.message_user(
                request,
                f"Bỏ qua {skipped} tài khoản đã đăng nhập, đang bị khóa hoặc chưa có địa chỉ "
                "thư điện tử.", messages.WARNING,
            )

    def suggest_username_view(self, request):
        """A free user name for the name typed in the add form (static/js/user-add.js)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        name = request.GET.get("ten", "")[:150].replace("\x00", "")
        return JsonResponse({"username": services.suggest_username(name) if name.strip() else ""})

    # --- the list -------------------------------------------------------------------------

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        # Bulk actions only ever touch accounts the user may change.
        return restrict_actions(
            super().get_actions(request, action_location=action_location),
            lambda request, users: users & self.managed_users(request),
        )

    @admin.display(description="họ và tên", ordering="first_name")
    def full_name(self, user):
        return full_name(user)

    @admin.display(description="vai trò")
    def roles(self, user):
        return ", ".join(group.name for group in user.groups.all())

    @admin.display(description="tổ chức")
    def organizations(self, user):
        return ", ".join(organization_label(m.organization) for m in user.memberships.all())

    @admin.display(description="lần đăng nhập cuối", ordering="last_login")
    def last_login_display(self, user):
        if user.last_login is None:
            return "Chưa đăng nhập"
        return timezone.localtime(user.last_login).strftime("%d/%m/%Y %H:%M")

    @admin.display(description="vào trang quản trị")
    def admin_access(self, user):
        if user.is_superuser:
            return "Có — toàn quyền"
        if user.is_staff:
            return "Có — theo vai trò của tài khoản"
        return ("Không — tài khoản chưa có vai trò nào. Chọn ít nhất một vai trò rồi lưu để "
                "người dùng vào được trang quản trị.")

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


def site_url(request) -> str:
    """The portal's address as the request reached it ("https://…", no trailing /)."""
    return request.build_absolute_uri("/").rstrip("/")


@admin.register(Group)
class PortalGroupAdmin(GroupAdmin):
    """The roles (accounts/roles.py). Their permissions are offered without those nobody
    grants (roles.grantable_permissions), each under a name of its own."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "permissions":
            kwargs["queryset"] = grantable_permissions(
                keep=Permission.objects.filter(group__isnull=False).distinct()
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
