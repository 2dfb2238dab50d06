"""What the organisation pages show, as page cache tags, and which changes invalidate them.

Tags (see caching.page_cache):
    organization:<id>   the organisation's page (its leaders, successions)
    organizations       the organisation tree and the English overview

An organisation's name is in menus, breadcrumbs and article cards, so a change to an
organisation itself invalidates every page (LAYOUT); people and positions only the
pages that list them. Moving an organisation in the tree may move it, and its articles, to
another portal (portals.hosts): LAYOUT renews every portal's pages for that too.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from caching import page_cache
from images.tasks import renditions_made

from .models import Organization, Person, Position, Succession

ORGANIZATIONS = "organizations"


def organization(pk) -> str:
    return f"organization:{pk}"


@receiver(renditions_made, sender=Organization, dispatch_uid="page_cache_logo_made")
@receiver(post_save, sender=Organization, dispatch_uid="page_cache_organization_saved")
@receiver(post_delete, sender=Organization, dispatch_uid="page_cache_organization_deleted")
def organization_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate(page_cache.LAYOUT)


@receiver(post_save, sender=Succession, dispatch_uid="page_cache_succession_saved")
@receiver(post_delete, sender=Succession, dispatch_uid="page_cache_succession_deleted")
def succession_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate(
            organization(instance.predecessor_id), organization(instance.successor_id)
        )


@receiver(pre_save, sender=Position, dispatch_uid="page_cache_position_before")
def remember_position_organization(sender, instance, raw=False, **kwargs):
    instance._organization_before = (
        Position.objects.filter(pk=instance.pk).values_list("organization_id", flat=True).first()
        if instance.pk and not raw
        else None
    )


@receiver(post_save, sender=Position, dispatch_uid="page_cache_position_saved")
@receiver(post_delete, sender=Position, dispatch_uid="page_cache_position_deleted")
def position_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        before = getattr(instance, "_organization_before", None)
        page_cache.invalidate(
            ORGANIZATIONS, organization(instance.organization_id), before and organization(before)
        )


@receiver(renditions_made, sender=Person, dispatch_uid="page_cache_photo_made")
@receiver(post_save, sender=Person, dispatch_uid="page_cache_person_saved")
@receiver(post_delete, sender=Person, dispatch_uid="page_cache_person_deleted")
def person_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    organization_ids = Position.objects.filter(person_id=instance.pk).values_list(
        "organization_id", flat=True
    )
    page_cache.invalidate(ORGANIZATIONS, *map(organization, set(organization_ids)))
