"""Keeping each image field's renditions in step with its file.

A model declares its image fields with track(); from then on:

- saving a row whose image is new or changed, or whose focal point changed (a field
  declared with focal=, for a cropped kind), enqueues the task that makes its
  renditions (images/tasks.py) and clears the row's description (one UPDATE);
  the worker stores the new one on the row once every rendition is made, so the
  row is never shown with a half-made set (the upload itself until then);
- the renditions of a replaced image, or of a deleted row, are deleted once
  the transaction has committed, and only when no other row still shows the
  same file (the demo's articles share a small pool of photos).

The original uploads are left in place, as Django does: the revision history
of an article may bring an old cover back, and its renditions are then made again.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.db.models.fields.json import KT
from django.db.models.signals import post_delete, post_save

from core import tasks
from images.renditions import (
    Focal,
    Kind,
    delete_renditions,
    describes,
    focal_point,
    recorded_focal,
    renditions_exist,
    try_make_renditions,
)
from images.tasks import make_image_renditions


@dataclass(frozen=True)
class TrackedImage:
    model: type
    field: str  # the ImageField
    description_field: str  # the JSONField with the renditions' description
    kind: Kind
    # The row's two fields (fractions of the width and height) with its focal point, if any.
    focal: tuple[str, str] | None = None

    @property
    def storage(self):
        return self.model._meta.get_field(self.field).storage

    @property
    def label(self) -> str:
        field = self.model._meta.get_field(self.field)
        return f"{self.model._meta.verbose_name} › {field.verbose_name}"

    def rows(self):
        return self.model._default_manager.exclude(**{self.field: ""}).exclude(
            **{f"{self.field}__isnull": True}
        )

    def rows_missing_renditions(self):
        """Rows with an image whose description is absent, describes another file or
        another focal point, or says no rendition could be made of it."""
        missing = (
            Q(_rendered__isnull=True) | ~Q(_rendered=F(self.field))
            | Q(**{f"{self.description_field}__failed": True})
        )
        rows = self.rows().annotate(_rendered=KT(f"{self.description_field}__source"))
        if self.uses_focal:
            # Made for another focal point (compared here: the row's point is rounded).
            x_field, y_field = self.focal
            with_a_point = rows.filter(
                Q(**{f"{x_field}__isnull": False}) | Q(**{f"{y_field}__isnull": False})
                | Q(**{f"{self.description_field}__has_key": "focal"})
            )
            missing |= Q(pk__in=[
                pk for pk, x, y, recorded in with_a_point.values_list(
                    "pk", x_field, y_field, f"{self.description_field}__focal"
                ).order_by()
                if (tuple(recorded) if recorded else None) != focal_point(x, y)
            ])
        return rows.filter(missing)

    @property
    def uses_focal(self) -> bool:
        return self.focal is not None and self.kind.cropped

    def focal_of(self, row) -> Focal | None:
        """The focal point the row's renditions are made for (None: centred or uncropped)."""
        if not self.uses_focal:
            return None
        return focal_point(*(getattr(row, name) for name in self.focal))

    def render_source(self, source: str, focal: Focal | None = None) -> dict:
        return try_make_renditions(self.storage, source, self.kind, focal)

    def refresh(self, instance) -> None:
        """Have the renditions of the instance's image made if its description is not of
        that file and focal point: the old description goes, the task worker stores the
        new one."""
        file = getattr(instance, self.field)
        source = (file.name or "") if file is not None else ""
        old = getattr(instance, self.description_field) or {}
        if describes(old, source, self.focal_of(instance)):
            return
        if old:
            rows = self.model._default_manager.filter(pk=instance.pk)
            rows.update(**{self.description_field: {}})
            transaction.on_commit(lambda: discard(old, self.storage))
        setattr(instance, self.description_field, {})
        if not source:
            return
        result = tasks.enqueue(
            make_image_renditions, model=self.model._meta.label, pk=instance.pk, field=self.field,
            description_field=self.description_field, kind=self.kind.name, source=source,
            focal=list(self.focal) if self.uses_focal else None,
        )
        # Already made when the backend runs tasks at once (the tests).
        setattr(instance, self.description_field, tasks.finished(result) or {})


REGISTRY: list[TrackedImage] = []


def track(
    model, field: str, description_field: str, kind: Kind, focal: tuple[str, str] | None = None
) -> TrackedImage:
    """Keep `description_field` describing the renditions of `field` as `kind`; `focal`
    names the row's two fields with its focal point, which a cropped kind's crop follows."""
    tracked = TrackedImage(model, field, description_field, kind, focal)
    REGISTRY.append(tracked)
    uid = f"renditions:{model._meta.label}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid, weak=False)
    return tracked


def tracked_fields(model) -> list[TrackedImage]:
    return [tracked for tracked in REGISTRY if tracked.model is model]


def still_used(source: str, kind_name: str, focal: Focal | None = None) -> bool:
    """Whether a row still shows this file as this kind around this focal point (the
    renditions' names are shared)."""
    for tracked in REGISTRY:
        if tracked.kind.name != kind_name:
            continue
        rows = tracked.model._default_manager.filter(**{tracked.field: source})
        if not tracked.uses_focal:
            if focal is None and rows.exists():
                return True
            continue
        points = rows.values_list(*tracked.focal).order_by().distinct()
        if any(focal_point(x, y) == focal for x, y in points):
            return True
    return False


def discard(description: dict, storage) -> None:
    if not description:
        return
    if not still_used(description.get("source", ""), description.get("kind", ""),
                      recorded_focal(description)):
        delete_renditions(storage, description)


def pool_descriptions(tracked: TrackedImage, sources: list[str]) -> dict[str, dict]:
    """Descriptions of files many rows share: taken from a row that has them, else made now.

    For loaders that bulk-create rows pointing at the same few files.
    """
    known = {}
    for source, description in (
        tracked.rows().filter(**{f"{tracked.field}__in": sources})
        .exclude(**{tracked.description_field: {}})
        .values_list(tracked.field, tracked.description_field).order_by().distinct()
    ):
        # The loaders' rows have no focal point: a description made for one is not theirs.
        if describes(description, source, None) and renditions_exist(
            tracked.storage, description
        ):
            known[source] = description
    return {source: known.get(source) or tracked.render_source(source) for source in sources}


def _saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:  # loaddata: the description comes with the row
        return
    for tracked in tracked_fields(sender):
        watched = {tracked.field, *(tracked.focal or ())}
        if update_fields is None or watched & set(update_fields):
            tracked.refresh(instance)


def _deleted(sender, instance, **kwargs):
    for tracked in tracked_fields(sender):
        if tracked.description_field in instance.get_deferred_fields():
            continue  # not loaded, and the row is gone: an orphan rather than an error
        description = getattr(instance, tracked.description_field)
        if description:
            transaction.on_commit(lambda d=description, t=tracked: discard(d, t.storage))
