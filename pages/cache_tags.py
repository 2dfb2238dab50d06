"""Page cache tags of the site-wide pages, and which changes invalidate them.

Menus are in the frame of every page (LAYOUT). A static page has its own tag,
page:<id>; menus link pages by address with their own titles, so editing a page
changes no other page.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from caching import page_cache
from pages.models import Menu, MenuItem, StaticPage


def static_page(pk) -> str:
    return f"page:{pk}"


@receiver(post_save, sender=Menu, dispatch_uid="page_cache_menu_saved")
@receiver(post_delete, sender=Menu, dispatch_uid="page_cache_menu_deleted")
@receiver(post_save, sender=MenuItem, dispatch_uid="page_cache_menu_item_saved")
@receiver(post_delete, sender=MenuItem, dispatch_uid="page_cache_menu_item_deleted")
def menu_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate(page_cache.LAYOUT)


@receiver(post_save, sender=StaticPage, dispatch_uid="page_cache_page_saved")
@receiver(post_delete, sender=StaticPage, dispatch_uid="page_cache_page_deleted")
def static_page_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate(static_page(instance.pk))
