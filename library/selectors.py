"""Reads of the library: which items a staff member sees and may use (searched without
diacritics), where an item is used, which items nobody uses, and which organisation a new
upload belongs to.

"Used" means: some row points at the item through a foreign key that protects it (an
article's ImageUse, a directive's document). The library does not know those apps; it
asks Django's model registry for the relations that PROTECT its models, so a new kind of
use counts as soon as its model exists.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.folded_match import clean_term, folded_pattern
from organizations.models import Organization

from .models import LibraryDocument, LibraryImage


def visible_to(user, queryset):
    """Items `user` may look at and pick: those of the organisations within their scope
    and every shared item; a superuser sees all."""
    if user.is_superuser:
        return queryset
    return queryset.filter(
        Q(organization__in=Organization.objects.within_scope_of(user)) | Q(is_shared=True)
    )


def images_for(user):
    return visible_to(user, LibraryImage.objects.select_related("organization"))


def documents_for(user):
    return visible_to(user, LibraryDocument.objects.select_related("organization"))


def protecting_relations(model) -> list:
    """The reverse relations whose rows forbid deleting an item of `model`."""
    return [
        relation for relation in model._meta.related_objects
        if relation.on_delete in (models.PROTECT, models.RESTRICT)
    ]


def with_use_count(queryset):
    """`queryset` with `is_used`, whether anything shows the item (one subquery per kind)."""
    used = Q(pk__in=[])
    for relation in protecting_relations(queryset.model):
        rows = relation.related_model._default_manager.filter(
            **{relation.field.name: OuterRef("pk")}
        )
        used |= Exists(rows)
    return queryset.annotate(is_used=models.ExpressionWrapper(used, models.BooleanField()))


def unused(queryset):
    """Items of `queryset` that nothing uses."""
    for relation in protecting_relations(queryset.model):
        rows = relation.related_model._default_manager.filter(
            **{relation.field.name: OuterRef("pk")}
        )
        queryset = queryset.filter(~Exists(rows))
    return queryset


def used(queryset):
    """Items of `queryset` that something uses."""
    either = Q(pk__in=[])
    for relation in protecting_relations(queryset.model):
        rows = relation.related_model._default_manager.filter(
            **{relation.field.name: OuterRef("pk")}
        )
        either |= Exists(rows)
    return queryset.filter(either)


def unused_older_than(model, days: int):
    """Items of `model` uploaded more than `days` days ago that nothing uses, oldest first."""
    cutoff = timezone.now() - timedelta(days=days)
    return unused(model._default_manager.filter(uploaded_at__lt=cutoff)).order_by(
        "uploaded_at", "pk"
    )


@dataclass(frozen=True)
class Use:
    """One place an item is shown: the row that uses it (an article, a directive) and what
    kind of place it is ("bài viết", "văn bản chỉ đạo")."""

    obj: models.Model
    kind: str

    @property
    def label(self) -> str:
        return str(self.obj)


def _linked_through(relation):
    """For a row that only links the item to something else (news.ImageUse: an article, the
    image, a flag), the foreign key to that something; None for a row that is a thing of
    its own (a directive, with its title and number), which is named itself."""
    model = relation.related_model
    others, own = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or field is relation.field:
            continue
        if field.is_relation and field.many_to_one:
            others.append(field)
        elif not isinstance(field, models.BooleanField):
            own.append(field)
    return others[0] if len(others) == 1 and not own else None


def uses_of(item) -> list[Use]:
    """Where `item` is used, each place once, in the order of the relations."""
    found, seen = [], set()
    for relation in protecting_relations(type(item)):
        rows = relation.related_model._default_manager.filter(**{relation.field.name: item})
        link = _linked_through(relation)
        if link is not None:
            rows = rows.select_related(link.name)
        for row in rows:
            obj = getattr(row, link.name) if link is not None else row
            key = (obj._meta.label, obj.pk)
            if key not in seen:
                seen.add(key)
                found.append(Use(obj=obj, kind=str(obj._meta.verbose_name)))
    return found


# The image fields a search looks in.
SEARCHED_FIELDS = ("caption", "alt_text", "credit", "tags")


def images_usable_by(user) -> models.QuerySet[LibraryImage]:
    """The images `user` may put in a text: those of the organisations within their scope,
    every shared one, and those they uploaded themselves (a portal administrator without an
    organisation uploads into the root organisation and must find the photo again).
    Superusers: all of them."""
    images = images_for(user)
    if user.is_superuser:
        return images
    return images | LibraryImage.objects.select_related("organization").filter(uploaded_by=user)


def images_matching(images: models.QuerySet, text: str) -> models.QuerySet:
    """`images` whose caption, alternative text, credit or tags contain every word of
    `text`, ignoring diacritics and case (core/folded_match.py)."""
    for word in clean_term(text).split():
        pattern = folded_pattern(word)
        if pattern is None:
            continue
        any_field = models.Q()
        for field in SEARCHED_FIELDS:
            any_field |= models.Q(**{f"{field}__regex": pattern})
        images = images.filter(any_field)
    return images


def keeps_portal_pages(user) -> bool:
    """Whether `user` writes the portal's own pages (pages.*), which belong to no
    organisation."""
    return any(
        permission.startswith(("pages.add_", "pages.change_"))
        for permission in user.get_all_permissions()
    )


def upload_organization_for(user, hint=None) -> Organization | None:
    """The organisation whose library a new upload of `user` goes into: `hint` (the
    organisation chosen in the form being written) when it is within the user's scope, else
    the first organisation of their scope; for someone who keeps the portal's own pages and
    has no organisation, the root of the tree (the portal's owner). None: nowhere."""
    in_scope = Organization.objects.within_scope_of(user)
    try:
        hinted = int(hint) if hint not in (None, "") else None
    except (TypeError, ValueError):
        hinted = None
    if hinted is not None and 0 < hinted < 2**31:
        chosen = in_scope.filter(pk=hinted).first()
        if chosen is not None:
            return chosen
    first = in_scope.order_by("path").first()
    if first is not None:
        return first
    if keeps_portal_pages(user):
        return Organization.objects.get_root_nodes().first()
    return None
