"""Accounts: creating one in a single step, inviting its holder, and staff status.

- `user_create` makes the account with its name, e-mail, roles and organisations, checked
  against what the creator may give (roles.role_names_grantable_by, their organisation
  scope) whatever form or POST asked for it.
- Staff status follows the roles (`user_staff_follows_roles`): an account holding a role
  (or a permission given one by one) may enter the admin, one without may not. Superusers
  are left as they are.
- Names: one box "Họ và tên" is split at its last word (`split_full_name`): "Trần Văn
  Minh" is họ và tên đệm "Trần Văn" (last_name) and tên "Minh" (first_name), so lists sort
  by tên as Vietnamese lists do, and core.admin_utils.full_name() gives back what was typed.
"""

import logging
import re

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.text import strip_diacritics
from organizations.models import Membership, Organization

from .roles import role_names_grantable_by

logger = logging.getLogger(__name__)

USERNAME_MAX_LENGTH = 30


def split_full_name(text: str) -> tuple[str, str]:
    """'Trần Văn Minh' -> ('Trần Văn', 'Minh'): (last_name, first_name)."""
    words = str(text).split()
    if not words:
        return "", ""
    return " ".join(words[:-1]), words[-1]


def username_base(full_name: str) -> str:
    """'Trần Văn Minh' -> 'minhtv': the tên, then the first letters of họ and tên đệm, as
    Vietnamese offices name their mailboxes. Empty for a name without letters or digits."""
    words = re.findall(r"[a-z0-9]+", strip_diacritics(full_name).lower())
    if not words:
        return ""
    return (words[-1] + "".join(word[0] for word in words[:-1]))[:USERNAME_MAX_LENGTH]


def username_taken(username: str) -> bool:
    """Whether an account has this user name, in any case: "MinhTV" and "minhtv" would be
    two accounts nobody tells apart."""
    return get_user_model()._default_manager.filter(username__iexact=username).exists()


def suggest_username(full_name: str) -> str:
    """A free user name for `full_name`: 'minhtv', else 'minhtv2', 'minhtv3'…"""
    base = username_base(full_name) or "nguoidung"
    taken = {
        name.lower()
        for name in get_user_model()._default_manager.filter(
            username__istartswith=base
        ).values_list("username", flat=True)
    }
    candidate, number = base, 2
    while candidate in taken:
        suffix = str(number)
        candidate = base[: USERNAME_MAX_LENGTH - len(suffix)] + suffix
        number += 1
    return candidate


def email_taken(email: str, *, exclude_pk=None) -> bool:
    """Whether another account has this e-mail address, in any case (a reset link is sent to
    an address, so it must name one account)."""
    users = get_user_model()._default_manager.filter(email__iexact=email.strip())
    if exclude_pk is not None:
        users = users.exclude(pk=exclude_pk)
    return users.exists()


def check_grants(*, by, roles, organizations) -> None:
    """PermissionDenied unless `by` may give every one of `roles` and every one of
    `organizations` (their scope). The forms offer nothing else; this holds for any caller."""
    grantable = set(role_names_grantable_by(by))
    if any(role.name not in grantable for role in roles):
        raise PermissionDenied("Vai trò ngoài quyền của người tạo.")
    if by.is_superuser:
        return
    in_scope = Organization.objects.within_scope_of(by)
    wanted = {organization.pk for organization in organizations}
    if not wanted or in_scope.filter(pk__in=wanted).count() != len(wanted):
        raise PermissionDenied("Tổ chức ngoài phạm vi của người tạo.")


@transaction.atomic
def user_create(*, user, by, roles, organizations, password=None):
    """Save the new account `user` (unsaved, with username, e-mail and names) with its
    roles and organisations; with `password` it can log in at once, without it only after
    the invitation's link (accounts/invitations.py). Returns the saved user."""
    roles, organizations = list(roles), list(organizations)
    check_grants(by=by, roles=roles, organizations=organizations)
    if not by.is_superuser and not roles:
        raise PermissionDenied("Tài khoản mới cần ít nhất một vai trò.")
    user.is_superuser = False
    user.is_active = True
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.is_staff = bool(roles)
    user.save()
    user.groups.set(roles)
    Membership.objects.bulk_create(
        [Membership(user=user, organization=organization) for organization in organizations]
    )
    return user


def user_staff_follows_roles(*, user) -> bool:
    """Give or take staff status as `user` holds a role (or a permission of their own) or
    not; superusers are left alone. Returns whether it changed (the audit log records it)."""
    if user.is_superuser:
        return False
    staff = user.groups.exists() or user.user_permissions.exists()
    if user.is_staff == staff:
        return False
    user.is_staff = staff
    user.save(update_fields=["is_staff"])
    return True
