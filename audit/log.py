"""The audit log: logins, failed logins, publishing, deletions and permission changes.

`record()` writes one AuditEvent. The signal handlers below cover what happens outside
our own code (logins, the auth admin); the editorial services call record() themselves.
The acting request comes from django-simple-history's request middleware, which keeps
the current request for the duration of each request.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from audit.models import AuditEvent
from core.client_ip import client_ip
from organizations.models import Membership

User = get_user_model()

WATCHED_USER_FLAGS = {"is_active": "hoạt động", "is_staff": "vào trang quản trị",
                      "is_superuser": "toàn quyền"}


def current_request():
    return getattr(HistoricalRecords.context, "request", None)


def record(*, action, obj=None, actor=None, actor_name="", detail="", request=None) -> AuditEvent:
    request = request or current_request()
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_name=(actor_name or (actor.get_username() if actor else ""))[:150],
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        detail=detail,
        ip_address=(client_ip(request) or None) if request is not None else None,
    )


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(action=AuditEvent.Action.LOGIN, actor=user, request=request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(action=AuditEvent.Action.LOGOUT, actor=user, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or "")
    record(action=AuditEvent.Action.LOGIN_FAILED, actor_name=username, request=request)


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
@receiver(m2m_changed, sender=Group.permissions.through)
def _permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or reverse:
        return
    names = ", ".join(str(item) for item in model.objects.filter(pk__in=pk_set or [])) or "tất cả"
    verb = {"post_add": "Thêm", "post_remove": "Bỏ", "post_clear": "Bỏ"}[action]
    what = "nhóm quyền" if model is Group else "quyền"
    record(action=AuditEvent.Action.PERMISSION_CHANGE, obj=instance,
           detail=f"{verb} {what}: {names}")


@receiver(pre_save, sender=User)
def _remember_user_flags(sender, instance, **kwargs):
    stored = (
        User.objects.filter(pk=instance.pk).values(*WATCHED_USER_FLAGS).first()
        if instance.pk else None
    )
    instance._stored_flags = stored


@receiver(post_save, sender=User)
def _user_flags_changed(sender, instance, created, **kwargs):
    stored = getattr(instance, "_stored_flags", None)
    if created or not stored:
        return
    changes = [
        f"{'Bật' if getattr(instance, flag) else 'Tắt'} quyền {label}"
        for flag, label in WATCHED_USER_FLAGS.items()
        if stored[flag] != getattr(instance, flag)
    ]
    if changes:
        record(action=AuditEvent.Action.PERMISSION_CHANGE, obj=instance, detail="; ".join(changes))


@receiver(post_save, sender=User)
def _password_set(sender, instance, created, **kwargs):
    """A new password set through the portal: by the user, an administrator, or a reset
    link. (Outside a request, a management command or a shell, is the server's operators'.)

    User.set_password() leaves the new password in `_password` until the save is done;
    a hash upgraded at login is saved without it, so it is not counted."""
    request = current_request()
    if created or request is None or getattr(instance, "_password", None) is None:
        return
    actor = getattr(request, "user", None)
    if actor is not None and not actor.is_authenticated:
        actor = None
    if actor is None:
        detail = "Đặt lại mật khẩu bằng liên kết gửi qua thư điện tử"
    elif actor.pk == instance.pk:
        detail = "Tự đổi mật khẩu"
    else:
        detail = "Đặt mật khẩu mới cho tài khoản"
    record(action=AuditEvent.Action.PASSWORD_CHANGE, obj=instance, actor=actor, detail=detail,
           request=request)


@receiver(post_save, sender=Membership)
def _membership_added(sender, instance, created, **kwargs):
    if created:
        record(action=AuditEvent.Action.PERMISSION_CHANGE, obj=instance.user,
               detail=f"Thêm tổ chức được phân công: {instance.organization.name}")


@receiver(post_delete, sender=Membership)
def _membership_removed(sender, instance, **kwargs):
    record(action=AuditEvent.Action.PERMISSION_CHANGE, obj=instance.user,
           detail=f"Bỏ tổ chức được phân công: {instance.organization.name}")
