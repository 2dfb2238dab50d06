"""Page cache tags of the site-wide pages, and which changes invalidate them.

Menus and the portal's information (name, logo, footer) are in the frame of every page
(LAYOUT). A static page has its own tag, page:<id>; menus link pages by address with their
own titles, so editing a page changes no other page.

A portal, or one of its domains, saved or deleted changes which portal shows which
organisation's articles and the links between portals (portals.hosts forgets its map):
every page of every portal is renewed (LAYOUT), as when an organisation moves in the tree
(organizations/cache_tags.py). Rare; an article's change renews only its portals' lists
(news/cache_tags.py).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from caching import page_cache
from pages import frame_cache
from pages.menus import ENGLISH_MENU, MAIN_MENU
from pages.models import Menu, MenuItem, PortalInformation, StaticPage, WebsiteLink
from portals.models import Portal, PortalDomain


def static_page(pk) -> str:
    return f"page:{pk}"


@receiver(post_save, sender=Menu, dispatch_uid="page_cache_menu_saved")
@receiver(post_delete, sender=Menu, dispatch_uid="page_cache_menu_deleted")
@receiver(post_save, sender=MenuItem, dispatch_uid="page_cache_menu_item_saved")
@receiver(post_save, sender=PortalInformation, dispatch_uid="page_cache_information_saved")
@receiver(post_delete, sender=PortalInformation, dispatch_uid="page_cache_information_deleted")
@receiver(post_delete, sender=MenuItem, dispatch_uid="page_cache_menu_item_deleted")
def menu_changed(sender, instance, raw=False, **kwargs):
    forget_frame(getattr(instance, "slug", None))
    if not raw:
        page_cache.invalidate(page_cache.LAYOUT)


def forget_frame(menu_slug: str | None = None) -> None:
    """The frame cache's menus and portal information forgotten now, and again once the
    transaction commits (a page read in between must not keep the old rows)."""
    slugs = {MAIN_MENU, ENGLISH_MENU, *Menu.objects.values_list("slug", flat=True)}
    if menu_slug:
        slugs.add(menu_slug)
    names = [frame_cache.PORTAL_INFORMATION, *map(frame_cache.menu_key, sorted(slugs))]
    frame_cache.forget(*names)
    transaction.on_commit(lambda: frame_cache.forget(*names), robust=True)


@receiver(post_save, sender=StaticPage, dispatch_uid="page_cache_page_saved")
@receiver(post_delete, sender=StaticPage, dispatch_uid="page_cache_page_deleted")
def static_page_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate(static_page(instance.pk))


# The "Liên kết website" block: the pages showing it tag themselves with it
# (pages/templatetags/website_link_tags.py).
WEBSITE_LINKS = "website-links"


@receiver(post_save, sender=WebsiteLink, dispatch_uid="page_cache_website_link_saved")
@receiver(post_delete, sender=WebsiteLink, dispatch_uid="page_cache_website_link_deleted")
def website_link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate(WEBSITE_LINKS)


@receiver(post_save, sender=Portal, dispatch_uid="page_cache_portal_saved")
@receiver(post_delete, sender=Portal, dispatch_uid="page_cache_portal_deleted")
@receiver(post_save, sender=PortalDomain, dispatch_uid="page_cache_portal_domain_saved")
@receiver(post_delete, sender=PortalDomain, dispatch_uid="page_cache_portal_domain_deleted")
def portal_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate(page_cache.LAYOUT)
