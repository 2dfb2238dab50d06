"""The admin page of locked logins (/admin/khoa-dang-nhap/): see them and lift them early.

Which accounts an administrator sees and may unlock is decided by the registered User
admin, whatever its rules are: its get_queryset() (an organisation's administrator sees
the accounts of their organisations, not superusers) and has_change_permission() for each
account. Nothing here decides a scope of its own. Addresses are not tied to any
organisation, so only superusers see and unlock those.

Every unlock writes a line to the audit log.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views import View

from accounts import login_throttle
from audit.log import record
from audit.models import AuditEvent


class LoginLockoutsView(View):
    admin_site = None
    http_method_names = ("get", "post")
    template_name = "admin/login_lockouts.html"

    def dispatch(self, request, *args, **kwargs):
        self.user_admin = self.admin_site._registry.get(get_user_model())
        if self.user_admin is None or not self.user_admin.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def locked_accounts(self, request):
        """(user, lock, may unlock) for each locked user name the User admin shows this person."""
        locks = login_throttle.locked_usernames()
        users = self.user_admin.get_queryset(request).filter(
            **{f"{get_user_model().USERNAME_FIELD}__in": list(locks)}
        )
        return [
            (user, locks[user.get_username()], self.user_admin.has_change_permission(request, user))
            for user in users.order_by(get_user_model().USERNAME_FIELD)
        ]

    def get(self, request):
        context = {
            **self.admin_site.each_context(request),
            "title": "Tài khoản bị khóa đăng nhập",
            "accounts": self.locked_accounts(request),
            "addresses": (
                sorted(login_throttle.locked_addresses().values(), key=lambda lock: lock.key)
                if request.user.is_superuser
                else []
            ),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "address_failure_limit": login_throttle.address_failure_limit(),
            "opts": self.user_admin.opts,
        }
        return TemplateResponse(request, self.template_name, context)

    def post(self, request):
        chosen = set(request.POST.getlist("username"))
        unlocked = []
        for user, _lock, may_unlock in self.locked_accounts(request):
            if user.get_username() in chosen and may_unlock:
                login_throttle.unlock_username(user.get_username())
                record(
                    action=AuditEvent.Action.LOGIN_UNLOCK,
                    obj=user,
                    detail=f"Mở khóa đăng nhập cho tài khoản “{user.get_username()}”",
                    request=request,
                )
                unlocked.append(user.get_username())

        chosen_addresses = set(request.POST.getlist("address"))
        if chosen_addresses and request.user.is_superuser:
            for address in sorted(chosen_addresses & set(login_throttle.locked_addresses())):
                login_throttle.unlock_address(address)
                record(
                    action=AuditEvent.Action.LOGIN_UNLOCK,
                    detail=f"Mở khóa đăng nhập từ địa chỉ {address}",
                    request=request,
                )
                unlocked.append(address)

        if unlocked:
            messages.success(request, f"Đã mở khóa đăng nhập: {', '.join(unlocked)}.")
        else:
            messages.warning(
                request, "Chưa mở khóa gì: hãy chọn ít nhất một mục bạn được quyền mở khóa."
            )
        return redirect("admin:login_lockouts")
