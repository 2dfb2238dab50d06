"""Making the renditions of an uploaded image, in the task worker (docs/architecture.md,
"Background tasks").

Saving a row with a new image (images/rendition_tracking.py) enqueues make_image_renditions; a
cover photo takes about a second to render at every width in two formats, which the save
no longer waits for. Until the renditions land pages show the upload itself
(images.renditions.OriginalPicture). When they land, renditions_made is sent so that the
apps showing the row invalidate its cached pages (news/cache_tags.py,
organizations/cache_tags.py).
"""

from django.apps import apps
from django.db.models import Q
from django.dispatch import Signal
from django.tasks import task

from .renditions import KINDS, focal_point, try_make_renditions

# Sent with sender=the model and instance=the row, its new description on it.
renditions_made = Signal()


def having_values(names, values) -> Q:
    """Rows whose fields `names` hold exactly `values` (None: NULL)."""
    return Q(*(
        Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})
        for name, value in zip(names, values, strict=True)
    ))


@task
def make_image_renditions(
    *, model: str, pk: int, field: str, description_field: str, kind: str, source: str,
    focal: list[str] | None = None,
) -> dict:
    """Make the renditions of `source` for one row and store their description on it.

    `focal` names the row's two fields with its focal point, read from the row now.
    Nothing is made for a row that is gone or shows another file by now: the save that
    changed it enqueued its own task. The description is written only if the row still
    shows `source` (and the focal point read), so a late task never overwrites a newer
    image's description.
    """
    model_class = apps.get_model(model)
    rows = model_class._default_manager.filter(pk=pk, **{field: source})
    values = rows.values_list(*focal).first() if focal else rows.values_list("pk").first()
    if values is None:
        return {}
    point = None
    if focal:
        point = focal_point(*values)
        rows = rows.filter(having_values(focal, values))
    storage = model_class._meta.get_field(field).storage
    description = try_make_renditions(storage, source, KINDS[kind], point)
    if rows.update(**{description_field: description}):
        renditions_made.send(sender=model_class, instance=rows.get())
    return description
