"""Django's password validators with their messages in Vietnamese.

Django's own Vietnamese catalogue lacks some of these messages (the minimum length
one among them), so editors would see English in the middle of a Vietnamese form.
"""

from django.contrib.auth import password_validation as django_validators
from django.core.exceptions import ValidationError


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự.",
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return f"Mật khẩu phải có ít nhất {self.min_length} ký tự."


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(
                "Mật khẩu quá giống tên đăng nhập, họ tên hoặc địa chỉ thư điện tử.",
                code="password_too_similar",
            ) from None

    def get_help_text(self):
        return "Mật khẩu không được quá giống các thông tin cá nhân khác của bạn."


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(
                "Mật khẩu này quá phổ biến, dễ bị đoán ra.", code="password_too_common"
            ) from None

    def get_help_text(self):
        return "Mật khẩu không được là một mật khẩu phổ biến."


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def validate(self, password, user=None):
        if password.isdigit():
            raise ValidationError(
                "Mật khẩu không được chỉ gồm chữ số.", code="password_entirely_numeric"
            )

    def get_help_text(self):
        return "Mật khẩu không được chỉ gồm chữ số."
