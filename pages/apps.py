"""The portal's own pages and parts: home, menus, static pages, contact, sitemaps."""

from django.apps import AppConfig


class PagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
    verbose_name = "Trang và menu của cổng"

    def ready(self):
        from caching import page_cache
        from news import feeds
        from portals import hosts

        # Receivers: page cache invalidation, icons made when the logo changes.
        from . import cache_tags, portal_images  # noqa: F401
        from .templatetags.portal_tags import render_visitor_stats

        # One box per portal: the figures of the portal the cached page is served on.
        page_cache.register_live_box(render_visitor_stats, key=lambda: hosts.current().pk)
        feeds.register_channel(portal_images.feed_channel)
