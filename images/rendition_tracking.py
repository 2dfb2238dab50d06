"""Keeping each image field's renditions in step with its file.

A model declares its image fields with track(); from then on:

- saving a row whose image is new or changed enqueues the task that makes its
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
from images.renditions import Kind, delete_renditions, renditions_exist, try_make_renditions
from images.tasks import make_image_renditions


@dataclass(frozen=True)
class TrackedImage:
    model: type
    field: str  # the ImageField
    description_field: str  # the JSONField with the renditions' description
    kind: Kind

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
        """Rows with an image whose description is absent, describes another file, or
        says no rendition could be made of it."""
        return self.rows().annotate(_rendered=KT(f"{self.description_field}__source")).filter(
            Q(_rendered__isnull=True) | ~Q(_rendered=F(self.field))
            | Q(**{f"{self.description_field}__failed": True})
        )

    def render_source(self, source: str) -> dict:
        return try_make_renditions(self.storage, source, self.kind)

    def refresh(self, instance) -> None:
        """Have the renditions of the instance's image made if its description is not of
        that file: the old description goes, the task worker stores the new one."""
        file = getattr(instance, self.field)
        source = (file.name or "") if file is not None else ""
        old = getattr(instance, self.description_field) or {}
        if old.get("source", "") == source:
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
        )
        # Already made when the backend runs tasks at once (the tests).
        setattr(instance, self.description_field, tasks.finished(result) or {})


REGISTRY: list[TrackedImage] = []


def track(model, field: str, description_field: str, kind: Kind) -> TrackedImage:
    tracked = TrackedImage(model, field, description_field, kind)
    REGISTRY.append(tracked)
    uid = f"renditions:{model._meta.label}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid, weak=False)
    return tracked


def tracked_fields(model) -> list[TrackedImage]:
    return [tracked for tracked in REGISTRY if tracked.model is model]


def still_used(source: str, kind_name: str) -> bool:
    """Whether a row still shows this file as this kind (the renditions' names are shared)."""
    return any(
        tracked.model._default_manager.filter(**{tracked.field: source}).exists()
        for tracked in REGISTRY
        if tracked.kind.name == kind_name
    )


def discard(description: dict, storage) -> None:
    if description and not still_used(description.get("source", ""), description.get("kind", "")):
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
        if description.get("source") == source and renditions_exist(tracked.storage, description):
            known[source] = description
    return {source: known.get(source) or tracked.render_source(source) for source in sources}


def _saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:  # loaddata: the description comes with the row
        return
    for tracked in tracked_fields(sender):
        if update_fields is None or tracked.field in update_fields:
            tracked.refresh(instance)


def _deleted(sender, instance, **kwargs):
    for tracked in tracked_fields(sender):
        if tracked.description_field in instance.get_deferred_fields():
            continue  # not loaded, and the row is gone: an orphan rather than an error
        description = getattr(instance, tracked.description_field)
        if description:
            transaction.on_commit(lambda d=description, t=tracked: discard(d, t.storage))
