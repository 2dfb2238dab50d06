"""Vietnamese for the few things the admin's apps write in code instead of their catalogues.

locale/vi (docs/translations.md) translates every message Django and the apps mark for
translation; what follows is English written straight into their code, which no catalogue
reaches. Each is replaced where Django or the app looks it up, once, at start-up
(PortalAdminConfig.ready for Django's, accounts.axes_app.AxesConfig.ready for django-axes');
tests/accounts/test_admin_vietnamese.py fails if one of them shows English again, e.g. after
an upgrade renames what is replaced here.

- Django admin: the search icon's alt="Search" (templates/admin/search_form.html, a copy).
- Django admin: the yes/no/unknown icons of lists and read-only fields have alt="True",
  "False", "None" (admin_list._boolean_icon, imported by helpers and utils when called).
- Django auth: AdminPasswordChangeForm's warning under "Mật khẩu" ("If disabled, the current
  password for this user will be lost.") is a plain string.
- Django auth: the user model's names ("user", "users", "user permissions") are
  "người sử dụng" in Django's own catalogue; the portal says "người dùng" everywhere
  (reworded(): whatever the catalogue says, in English they stay "user", so the migrations
  see no change). The password page's sentence is in templates/admin/auth/user/
  change_password.html.
- django-axes: its records' __str__ (breadcrumbs, titles and delete pages of the lockout
  records) and the access attempt list's status column, which has no name.
"""

from django.contrib.admin.templatetags import admin_list
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.templatetags.static import static
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext

UNUSABLE_PASSWORD_WARNING = (
    "Nếu tắt, mật khẩu hiện tại của tài khoản này sẽ mất: người dùng không đăng nhập bằng "
    "mật khẩu được nữa cho đến khi có mật khẩu mới."
)


def boolean_icon(field_val):
    """Django's _boolean_icon, with the words a screen reader says in Vietnamese."""
    icon = {True: "yes", False: "no", None: "unknown"}[field_val]
    icon_url = static(f"admin/img/icon-{icon}.svg")
    words = {True: gettext("Yes"), False: gettext("No"), None: gettext("Unknown")}[field_val]
    return format_html('<img src="{}" alt="{}">', icon_url, words)


# Django's Vietnamese for its user model, and the portal's word.
USER_WORDS = {"người sử dụng": "người dùng", "Người sử dụng": "Người dùng"}


def _reworded(english: str) -> str:
    text = gettext(english)
    for theirs, ours in USER_WORDS.items():
        text = text.replace(theirs, ours)
    return text


reworded = lazy(_reworded, str)


def install_django():
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    user_model._meta.verbose_name = reworded("user")
    user_model._meta.verbose_name_plural = reworded("users")
    user_model._meta.get_field("user_permissions").verbose_name = reworded("user permissions")
    admin_list._boolean_icon = boolean_icon
    AdminPasswordChangeForm.usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text, UNUSABLE_PASSWORD_WARNING,
    )


def _when(value) -> str:
    return formats.localize(timezone.localtime(value)) if value else "?"


def _access_attempt(self) -> str:
    return f"Đăng nhập sai của “{self.username}” lúc {_when(self.attempt_time)}"


def _access_log(self) -> str:
    return f"Đăng nhập của “{self.username}” lúc {_when(self.attempt_time)}"


def _access_failure(self) -> str:
    locked = " (tài khoản bị khóa)" if self.locked_out else ""
    return (
        f"Đăng nhập sai của “{self.username}” lúc {_when(self.attempt_time)} "
        f"từ {self.ip_address}{locked}"
    )


def install_axes():
    from axes import admin as axes_admin
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    AccessAttempt.__str__ = _access_attempt
    AccessLog.__str__ = _access_log
    AccessFailureLog.__str__ = _access_failure
    axes_admin.AccessAttemptAdmin.status.short_description = "Trạng thái"
