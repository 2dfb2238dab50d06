"""The audit log: who did what to what, when and from where (audit/log.py writes it).

The table keeps the name it had in the portal app (db_table)."""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One line of the audit log: who did what to what, when and from where."""

    class Action(models.TextChoices):
        LOGIN = "login", "Đăng nhập"
        LOGOUT = "logout", "Đăng xuất"
        LOGIN_FAILED = "login_failed", "Đăng nhập sai"
        SUBMIT = "submit", "Gửi duyệt"
        WITHDRAW = "withdraw", "Rút lại bài chờ duyệt"
        SEND_BACK = "send_back", "Trả lại để sửa"
        PUBLISH = "publish", "Đăng bài"
        UNPUBLISH = "unpublish", "Gỡ bài"
        ARCHIVE = "archive", "Lưu trữ bài"
        DELETE = "delete", "Xóa"
        TRASH = "trash", "Chuyển vào thùng rác"
        RESTORE_FROM_TRASH = "restore_from_trash", "Khôi phục từ thùng rác"
        PURGE = "purge", "Xóa vĩnh viễn"
        RESTORE = "restore", "Khôi phục phiên bản"
        PERMISSION_CHANGE = "permission_change", "Thay đổi quyền"
        LOGIN_UNLOCK = "login_unlock", "Mở khóa đăng nhập"
        PASSWORD_CHANGE = "password_change", "Đổi mật khẩu"

    created_at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name="người thực hiện",
    )
    actor_name = models.CharField(
        "tên đăng nhập", max_length=150, blank=True,
        help_text="Giữ lại cả khi tài khoản đã bị xóa, hoặc tên đã gõ khi đăng nhập sai.",
    )
    action = models.CharField("hành động", max_length=30, choices=Action, db_index=True)
    object_type = models.CharField("loại đối tượng", max_length=100, blank=True)
    object_id = models.CharField("mã đối tượng", max_length=64, blank=True)
    object_repr = models.CharField("đối tượng", max_length=255, blank=True)
    detail = models.TextField("chi tiết", blank=True)
    ip_address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)

    class Meta:
        db_table = "portal_auditevent"
        verbose_name = "nhật ký hệ thống"
        verbose_name_plural = "nhật ký hệ thống"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self):
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.actor_name} {self.get_action_display()}"
