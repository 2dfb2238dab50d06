"""RSS feeds of the latest published news, for the whole site and per category.

Each item carries its summary in full and its cover twice, as feed readers look for it:
an <enclosure> (RSS 2.0: address, length in bytes, type) and a Media RSS <media:content>
with its size and alternative text. The channel names the portal, its language and its
icon as the channel's <image>: what the portal says of itself lives above the news
(pages.models.PortalInformation), so the pages app registers it (`register_channel`);
until then the channel is named from the PORTAL_NAME setting and has no image.
"""

import copy
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed

from portals import hosts

from . import selectors
from .models import Category

logger = logging.getLogger(__name__)

FEED_SIZE = 30
MEDIA_NAMESPACE = "http://search.yahoo.com/mrss/"
# The largest channel image RSS 2.0 allows is 144 pixels wide.
CHANNEL_IMAGE_SIZE = 144
SIZE_CACHE_PREFIX = "feed:enclosure-size:"
SIZE_CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Channel:
    """What a feed says of the portal: its name and its icon (an address on the site)."""

    name: str
    icon_url: str | None = None
    icon_size: int = 0


def _channel_from_settings(icon_size: int) -> Channel:
    return Channel(settings.PORTAL_NAME)


_describe_channel: Callable[[int], Channel] = _channel_from_settings


def register_channel(describe: Callable[[int], Channel]) -> None:
    """`describe(icon_size)` names the portal in its feeds (pages.apps registers it)."""
    global _describe_channel
    _describe_channel = describe


class PortalRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the Media RSS namespace and the channel's <image>."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NAMESPACE}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        image = self.feed.get("channel_image")
        if image:
            handler.startElement("image", {})
            handler.addQuickElement("url", image["url"])
            handler.addQuickElement("title", self.feed["title"])
            handler.addQuickElement("link", self.feed["link"])
            handler.addQuickElement("width", str(image["size"]))
            handler.addQuickElement("height", str(image["size"]))
            handler.endElement("image")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        cover = item.get("cover")
        if cover:
            handler.startElement("media:content", {
                "url": cover["url"], "medium": "image", "type": "image/jpeg",
                "width": str(cover["width"]), "height": str(cover["height"]),
            })
            if cover["alt"]:
                handler.addQuickElement("media:description", cover["alt"], {"type": "plain"})
            handler.endElement("media:content")


class LatestArticlesFeed(Feed):
    feed_type = PortalRssFeed
    description_template = None
    language = "vi"

    def __call__(self, request, *args, **kwargs):
        # The URLconf holds one instance for every request: this one's copy knows it.
        feed = copy.copy(self)
        feed.request = request
        feed.channel = _describe_channel(CHANNEL_IMAGE_SIZE)
        return Feed.__call__(feed, request, *args, **kwargs)

    def title(self, obj=None):
        if obj is None:
            return f"{self.channel.name} — tin mới"
        return f"{obj.name} — {self.channel.name}"

    def link(self, obj=None):
        return reverse("news:article_list") if obj is None else obj.get_absolute_url()

    def description(self, obj=None):
        if obj is None:
            return f"Tin mới đăng trên {self.channel.name}"
        return f"Tin mới của chuyên mục {obj.name} trên {self.channel.name}"

    def feed_extra_kwargs(self, obj):
        if not self.channel.icon_url:
            return {}
        return {"channel_image": {
            "url": self.request.build_absolute_uri(self.channel.icon_url),
            "size": self.channel.icon_size,
        }}

    def items(self, obj=None):
        articles = selectors.shown_articles().for_listing("updated_at", "author_name", "source")
        if obj is not None:
            articles = articles.filter(category=obj)
        return articles[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name]

    def item_author_name(self, item):
        return item.author_name or item.source or None

    def item_enclosures(self, item):
        cover = self.cover(item)
        if cover is None or cover["length"] is None:
            return []
        return [Enclosure(cover["url"], str(cover["length"]), "image/jpeg")]

    def item_extra_kwargs(self, item):
        return {"cover": self.cover(item)}

    def cover(self, item) -> dict | None:
        """The largest card-sized JPEG of the item's cover: address, size, length in bytes
        (None when the storage cannot tell), alternative text; None without one."""
        cached = getattr(item, "_feed_cover", False)
        if cached is not False:
            return cached
        item._feed_cover = None
        rendition = item.cover_picture.largest_jpeg
        if rendition is not None and rendition.width:
            item._feed_cover = {
                "url": self.request.build_absolute_uri(rendition.url),
                "width": rendition.width, "height": rendition.height,
                "alt": item.cover.alt_text or item.title,
                "length": self.stored_size(item.cover),
            }
        return item._feed_cover

    @staticmethod
    def stored_size(image) -> int | None:
        """The rendition's length in bytes, remembered for a day: a rendition's name stands
        for one content, and asking a bucket for 30 sizes on every poll of a feed reader
        would cost 30 requests."""
        try:
            name = image.card_renditions["jpeg"][-1][2]
            key = SIZE_CACHE_PREFIX + hashlib.sha256(name.encode()).hexdigest()
            size = cache.get(key)
            if size is None:
                size = image.file.storage.size(name)
                cache.set(key, size, SIZE_CACHE_SECONDS)
            return size
        except Exception:  # a missing file or a storage outage leaves out only the enclosure
            logger.warning("No size for the feed's enclosure of image %s", image.pk,
                           exc_info=True)
            return None


class CategoryArticlesFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category.objects.visible_on(hosts.current()), slug=slug)
