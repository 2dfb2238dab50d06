"""Organisation scope for admin classes: one rule for every admin view.

A staff member acts only on objects of the organisations within their scope
(`Organization.objects.within_scope_of`): their memberships, everything under them and
their predecessors. An admin class says how its objects belong to an organisation with
`organization_field`, a lookup path to an Organization ("organization",
"article__organization", or "" for the organisation itself), and mixes in
`OrganizationScopedAdmin`. Then every view Django and django-simple-history build on
`get_queryset()` and the `has_*_permission(obj)` methods (list, change, delete, history,
revert, password, autocomplete, bulk actions) is scoped, and every foreign key to an
organisation on its forms offers only organisations within scope.

`shared_for_viewing` is for catalogues everyone works with (the directive library):
every object may be looked at, only those within scope changed or deleted.
"""

import dataclasses

from django.contrib.admin.options import ActionLocation
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from .models import Membership, Organization


def organizations_in_scope(user):
    return Organization.objects.within_scope_of(user)


class OrganizationScopedAdmin:
    """Mix in before ModelAdmin (or its subclasses):
    `class X(OrganizationScopedAdmin, ModelAdmin)`."""

    organization_field = "organization"
    shared_for_viewing = False

    # --- which objects -------------------------------------------------------------------

    def scope_queryset(self, request, queryset):
        """Objects of `queryset` the user may act on."""
        if request.user.is_superuser:
            return queryset
        organizations = self.organizations_for_writing(request)
        if self.organization_field:
            return queryset.filter(**{f"{self.organization_field}__in": organizations})
        return queryset.filter(pk__in=organizations.values("pk"))

    def organizations_for_writing(self, request):
        """Organisations an object may belong to when this user saves it."""
        return organizations_in_scope(request.user)

    def in_scope(self, request, obj) -> bool:
        if request.user.is_superuser:
            return True
        if obj.pk is None:
            return False
        base = self.model._default_manager.filter(pk=obj.pk)
        return self.scope_queryset(request, base).exists()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.shared_for_viewing:
            return queryset
        return self.scope_queryset(request, queryset)

    # --- what may be done ---------------------------------------------------------------

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or self.shared_for_viewing or self.in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or self.in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or self.in_scope(request, obj)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        # Bulk actions run on get_queryset(); for shared catalogues that is more than the
        # user may change, so actions act only on the objects within scope.
        actions = super().get_actions(request, action_location=action_location)
        if not self.shared_for_viewing:
            return actions
        return restrict_actions(actions, self.scope_queryset)

    # --- forms --------------------------------------------------------------------------

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Organization and self.is_scope_field(db_field):
            kwargs["queryset"] = self.organizations_for_writing(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def is_scope_field(self, db_field) -> bool:
        return self.organization_field.split("__")[0] == db_field.name

    def save_model(self, request, obj, form, change):
        # The form's choices already refuse an organisation outside scope; checked again
        # here for any other way into a save.
        if not request.user.is_superuser and self.organization_field and "__" not in (
            self.organization_field
        ):
            organization_id = getattr(obj, f"{self.organization_field}_id", None)
            allowed = self.organizations_for_writing(request)
            if organization_id is None or not allowed.filter(pk=organization_id).exists():
                raise PermissionDenied
        super().save_model(request, obj, form, change)


def restrict_actions(actions: dict, restrict) -> dict:
    """Admin actions (as ModelAdmin.get_actions returns them) that run on
    `restrict(request, queryset)` instead of the selected objects."""

    def restricted(func):
        def action(modeladmin, request, queryset):
            return func(modeladmin, request, restrict(request, queryset))

        for attribute in ("allowed_permissions", "short_description"):
            if hasattr(func, attribute):
                setattr(action, attribute, getattr(func, attribute))
        return action

    return {
        name: dataclasses.replace(action, func=restricted(action.func))
        for name, action in actions.items()
    }


class OrganizationScopedInline:
    """The same rule for an inline: its rows, and the organisations its forms offer."""

    organization_field = "organization"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            **{f"{self.organization_field}__in": organizations_in_scope(request.user)}
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Organization and (
            self.organization_field.split("__")[0] == db_field.name
        ):
            kwargs["queryset"] = organizations_in_scope(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def users_in_scope_of(user):
    """Accounts a staff user may see: those with a membership within their scope.
    Superusers see every account; nobody else sees a superuser."""
    users = get_user_model()._default_manager.order_by("username")
    if user.is_superuser:
        return users
    members = Membership.objects.filter(organization__in=organizations_in_scope(user))
    return users.filter(is_superuser=False, pk__in=members.values("user_id"))


def users_managed_by(user, *, grantable_roles=()):
    """Accounts a staff user may change: in scope, with no membership outside it, no role
    but those in `grantable_roles` and no permission given one by one. So no administrator
    changes the password (and so takes the place) of another organisation's staff, or of
    someone holding a role or permission that only a superuser gives."""
    users = users_in_scope_of(user)
    if user.is_superuser:
        return users
    outside = Membership.objects.exclude(organization__in=organizations_in_scope(user))
    return (
        users.exclude(pk__in=outside.values("user_id"))
        .exclude(groups__in=Group.objects.exclude(name__in=grantable_roles))
        .exclude(user_permissions__isnull=False)
    )
