"""The admin's forms for accounts: one step to create one, and the change form's checks.

What the creator may give (roles, organisations) is set by the admin on the fields'
querysets; the form refuses anything else as an invalid choice, and
services.user_create checks it once more.
"""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html

from organizations.models import Organization, Succession

from . import services
from .roles import ROLE_DESCRIPTIONS

User = get_user_model()


class SafeMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of rows by id that answers "not a valid choice" to any value that is not an
    id a database can hold ("abc", "-1", twenty digits), instead of a server error: SQLite
    cannot even compare a number past 64 bits."""

    def _check_values(self, value):
        try:
            values = frozenset(value)
        except TypeError:
            values = frozenset()
        for pk in values:
            text = str(pk)
            if not text.isdigit() or not text.isascii() or int(text) >= 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice",
                    params={"value": text[:50]},
                )
        return super()._check_values(value)


class RoleChoiceField(SafeMultipleChoiceField):
    """Roles as checkboxes, each with what it allows."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        description = ROLE_DESCRIPTIONS.get(obj.name)
        if not description:
            return obj.name
        return format_html('<strong>{}</strong> <span class="help">{}</span>', obj.name,
                           description)


def organizations_for_new_accounts(organizations):
    """`organizations` without those that no longer work: ended (hoạt động đến ngày past)
    or merged, renamed or split into another (a Succession in effect). A new account is
    given only organisations that work; existing memberships keep theirs."""
    today = timezone.localdate()
    succeeded = Succession.objects.filter(
        Q(effective_on__isnull=True) | Q(effective_on__lte=today)
    ).values("predecessor")
    return organizations.filter(
        Q(active_until__isnull=True) | Q(active_until__gte=today)
    ).exclude(pk__in=succeeded)


def organization_label(organization) -> str:
    """'BTG Tỉnh ủy', or 'BTG Tỉnh ủy (đến 28/02/2025)' for one that no longer works."""
    name = organization.short_name or organization.name
    ended = organization.active_until
    if ended and ended < timezone.localdate():
        return f"{name} (đến {ended:%d/%m/%Y})"
    return name


class OrganizationChoiceField(SafeMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class UsernameValidator(ASCIIUsernameValidator):
    message = (
        "Tên đăng nhập chỉ gồm chữ cái không dấu, chữ số và các ký tự @ . + - _ "
        "(không dấu cách)."
    )


class UserAddForm(forms.ModelForm):
    """Name, e-mail, user name, roles, organisations, and an invitation or a password."""

    full_name = forms.CharField(
        label="Họ và tên", max_length=150,
        help_text="Viết đầy đủ, ví dụ: Trần Văn Minh. Chữ cuối là tên, dùng để xếp danh sách.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True,
                                      "class": "vTextField"}),
    )
    email = forms.EmailField(
        label="Thư điện tử", max_length=254,
        help_text="Thư mời và thư đặt lại mật khẩu được gửi tới địa chỉ này.",
        error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ, ví dụ đúng: minh@tinhuy.vn."},
        widget=forms.EmailInput(attrs={"class": "vTextField", "autocomplete": "off"}),
    )
    username = forms.CharField(
        label="Tên đăng nhập", max_length=services.USERNAME_MAX_LENGTH, required=False,
        validators=[UsernameValidator()],
        help_text="Gợi ý tự động từ họ và tên (ví dụ minhtv); có thể sửa. Để trống để dùng "
                  "gợi ý.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none",
                                      "spellcheck": "false"}),
    )
    roles = RoleChoiceField(
        label="Vai trò", queryset=Group.objects.none(),
        error_messages={"required": "Hãy chọn ít nhất một vai trò: không có vai trò thì "
                                    "người dùng không vào được trang quản trị."},
    )
    organizations = OrganizationChoiceField(
        label="Tổ chức được phân công", queryset=Organization.objects.none(),
        help_text="Người dùng làm việc với các tổ chức này và các đơn vị trực thuộc.",
        error_messages={"required": "Hãy phân công tài khoản cho ít nhất một tổ chức."},
    )
    invite = forms.BooleanField(
        label="Gửi thư mời để người dùng tự đặt mật khẩu", required=False, initial=True,
        help_text="Thư có một liên kết dùng một lần để người dùng tự chọn mật khẩu.",
    )
    password1 = forms.CharField(
        label="Mật khẩu", required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Chỉ khi không gửi thư mời: ít nhất 10 ký tự, không dễ đoán.",
    )
    password2 = forms.CharField(
        label="Nhập lại mật khẩu", required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ("email", "username")

    class Media:
        js = ("js/user-add.js",)

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError("Hãy nhập họ và tên.")
        return name

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if services.email_taken(email):
            raise forms.ValidationError(
                "Địa chỉ thư điện tử này đã thuộc về một tài khoản khác (không phân biệt "
                "chữ hoa, chữ thường)."
            )
        return email

    def clean_username(self):
        username = self.cleaned_data.get("username", "").strip()
        if username and services.username_taken(username):
            suggestion = services.suggest_username(username)
            self.data = self.data.copy()
            self.data[self.add_prefix("username")] = suggestion
            raise forms.ValidationError(
                "Tên đăng nhập “%(username)s” đã có người dùng; gợi ý: “%(suggestion)s”.",
                params={"username": username, "suggestion": suggestion},
            )
        return username

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("username") and cleaned.get("full_name") and (
            "username" not in self.errors
        ):
            cleaned["username"] = services.suggest_username(cleaned["full_name"])
            self.instance.username = cleaned["username"]
        self._clean_password(cleaned)
        return cleaned

    def _clean_password(self, cleaned):
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if cleaned.get("invite"):
            if password1 or password2:
                self.add_error("password1", (
                    "Bạn đã chọn gửi thư mời: người dùng sẽ tự đặt mật khẩu. Hãy để trống "
                    "mật khẩu, hoặc bỏ chọn gửi thư mời."
                ))
            return
        if not password1:
            self.add_error("password1", "Hãy đặt mật khẩu, hoặc chọn gửi thư mời.")
            return
        if password1 != password2:
            self.add_error("password2", "Hai mật khẩu không khớp nhau.")
            return
        last_name, first_name = services.split_full_name(cleaned.get("full_name", ""))
        candidate = User(
            username=cleaned.get("username", ""), email=cleaned.get("email", ""),
            first_name=first_name, last_name=last_name,
        )
        try:
            password_validation.validate_password(password1, candidate)
        except forms.ValidationError as error:
            self.add_error("password1", error)

    def _post_clean(self):
        # The model's own checks of the user name (unique, case-sensitive) come after ours.
        super()._post_clean()
        last_name, first_name = services.split_full_name(self.cleaned_data.get("full_name", ""))
        self.instance.last_name, self.instance.first_name = last_name, first_name


class PortalUserChangeForm(UserChangeForm):
    """Django's change form, with an e-mail address no other account has."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The two halves of "Trần Văn Minh" (services.split_full_name).
        if "last_name" in self.fields:
            self.fields["last_name"].label = "Họ và tên đệm"
            self.fields["last_name"].help_text = "Ví dụ: Trần Văn"
        if "first_name" in self.fields:
            self.fields["first_name"].label = "Tên"
            self.fields["first_name"].help_text = "Ví dụ: Minh (danh sách xếp theo tên)"

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip()
        if email and "email" in self.changed_data and services.email_taken(
            email, exclude_pk=self.instance.pk
        ):
            raise forms.ValidationError(
                "Địa chỉ thư điện tử này đã thuộc về một tài khoản khác (không phân biệt "
                "chữ hoa, chữ thường)."
            )
        return email
