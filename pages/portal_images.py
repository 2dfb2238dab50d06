"""The portal's icons and share picture, as browsers, phones, feed readers and social
networks ask for them.

From the logo of the portal's information (PortalInformation.logo) the task worker makes,
once per new logo, square PNG icons (ICON_SIZES: 144 for the RSS channel, 180 for the
home screen of iPhones, 192 and 512 for the web manifest) and a favicon.ico; the share
picture's size is read once per new picture. Both are described on the row
(`PortalInformation.derived_images`):

    {"logo": "portal/3f0c….png",
     "icons": {"144": "portal/icons/3f0c…/icon-144.png", …,
               "ico": "portal/icons/3f0c…/favicon.ico"},
     "share": {"source": "portal/9a1b….jpg", "width": 1200, "height": 630}}

so a page names them without touching a file. Without a logo (or until its icons are
made, or when it cannot be read) the committed icons of the emblem (static/img/icons/)
are named; without a share picture, static/img/share-default.png (1200 × 630), drawn
from the emblem and the portal's name by scripts/make-default-images.
"""

import logging
import posixpath
from dataclasses import dataclass
from io import BytesIO

from django.core.files.base import ContentFile
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.tasks import task
from django.templatetags.static import static
from PIL import Image, ImageOps

from caching import page_cache
from core import tasks
from pages.models import PortalInformation

logger = logging.getLogger(__name__)

ICON_SIZES = (144, 180, 192, 512)
FAVICON_SIZES = ((16, 16), (32, 32), (48, 48))
ICONS_DIR = "portal/icons"
# Room around the logo inside the square, as a fraction of the side (maskable-safe).
ICON_PADDING = 0.08
DEFAULT_SHARE_IMAGE = ("img/share-default.png", 1200, 630)
# The header's red (static/css/portal.css, --red): the phone's bar around the portal.
THEME_COLOUR = "#b3131b"


@dataclass(frozen=True)
class Icon:
    url: str
    size: int
    type: str = "image/png"

    @property
    def sizes(self) -> str:
        return f"{self.size}x{self.size}"


@dataclass(frozen=True)
class ShareImage:
    url: str  # relative to the site, or absolute when the storage is elsewhere
    width: int | None
    height: int | None
    alt: str
    type: str


def _square(image: Image.Image, size: int, *, opaque: bool) -> Image.Image:
    """The image fitted into a size × size square with a margin; on white when `opaque`
    (an iPhone puts a transparent icon on black)."""
    image = ImageOps.exif_transpose(image).convert("RGBA")
    inner = max(1, round(size * (1 - 2 * ICON_PADDING)))
    fitted = ImageOps.contain(image, (inner, inner), Image.Resampling.LANCZOS)
    canvas = Image.new("RGBA", (size, size), (255, 255, 255, 255 if opaque else 0))
    offset = ((size - fitted.width) // 2, (size - fitted.height) // 2)
    canvas.alpha_composite(fitted, offset)
    return canvas.convert("RGB") if opaque else canvas


def render_icons(file) -> dict[str, bytes]:
    """PNG bytes of each icon size ("180" is opaque) and the favicon.ico, from an image file."""
    with Image.open(file) as opened:
        opened.load()
        image = opened.copy()
    made = {}
    for size in ICON_SIZES:
        buffer = BytesIO()
        _square(image, size, opaque=size == 180).save(buffer, "PNG", optimize=True)
        made[str(size)] = buffer.getvalue()
    buffer = BytesIO()
    _square(image, 48, opaque=False).save(buffer, "ICO", sizes=FAVICON_SIZES)
    made["ico"] = buffer.getvalue()
    return made


def _icon_name(logo: str, key: str) -> str:
    folder = posixpath.splitext(posixpath.basename(logo))[0]
    filename = "favicon.ico" if key == "ico" else f"icon-{key}.png"
    return f"{ICONS_DIR}/{folder}/{filename}"


def make_icons(storage, logo: str) -> dict[str, str]:
    """Store the icons of the stored logo `logo`; their names by key ({} when unreadable)."""
    try:
        with storage.open(logo, "rb") as file:
            made = render_icons(file)
    except Exception:  # an unreadable logo leaves the emblem's icons in place
        logger.exception("Could not make the portal's icons from %s", logo)
        return {}
    names = {}
    for key, content in made.items():
        name = _icon_name(logo, key)
        if storage.exists(name):
            storage.delete(name)
        names[key] = storage.save(name, ContentFile(content))
    return names


def share_size(storage, source: str) -> dict:
    try:
        with storage.open(source, "rb") as file, Image.open(file) as image:
            width, height = ImageOps.exif_transpose(image).size
    except Exception:
        logger.exception("Could not read the portal's share picture %s", source)
        return {"source": source}
    return {"source": source, "width": width, "height": height}


def describes(info: PortalInformation) -> bool:
    """Whether the row's description is of its current logo and share picture."""
    derived = info.derived_images or {}
    share = (derived.get("share") or {}).get("source", "")
    return derived.get("logo", "") == (info.logo.name or "") and share == (
        info.share_image.name or ""
    )


@task
def make_portal_images(*, pk: int, logo: str, share: str) -> dict:
    """Make the icons of `logo` and read the size of `share`, and store their description
    on the row if it still shows those files (a later save enqueued its own task)."""
    storage = PortalInformation._meta.get_field("logo").storage
    derived = {"logo": logo, "icons": make_icons(storage, logo) if logo else {}}
    if share:
        derived["share"] = share_size(
            PortalInformation._meta.get_field("share_image").storage, share
        )
    rows = PortalInformation.objects.filter(pk=pk, logo=logo, share_image=share)
    if rows.update(derived_images=derived):
        page_cache.invalidate(page_cache.LAYOUT)
    return derived


@receiver(post_save, sender=PortalInformation, dispatch_uid="portal_images_saved")
def portal_information_saved(sender, instance, raw=False, **kwargs):
    if raw or describes(instance):
        return
    result = tasks.enqueue(
        make_portal_images, pk=instance.pk, logo=instance.logo.name or "",
        share=instance.share_image.name or "",
    )
    made = tasks.finished(result)
    if made is not None:
        instance.derived_images = made


def _stored_url(info: PortalInformation, field: str, name: str) -> str:
    return info._meta.get_field(field).storage.url(name)


def icons(info: PortalInformation) -> list[Icon]:
    """The PNG icons by size: the logo's when made, else the emblem's."""
    made = _made_icons(info)
    if made:
        return [Icon(_stored_url(info, "logo", made[str(size)]), size) for size in ICON_SIZES]
    return [Icon(static(f"img/icons/icon-{size}.png"), size) for size in ICON_SIZES]


def icon(info: PortalInformation, size: int) -> Icon:
    return next(item for item in icons(info) if item.size == size)


def feed_channel(icon_size: int):
    """The portal as its RSS feeds name it (registered with news.feeds by pages.apps)."""
    from news.feeds import Channel

    info = PortalInformation.current()
    feed_icon = icon(info, icon_size)
    return Channel(info.full_name, feed_icon.url, feed_icon.size)


def favicon_url(info: PortalInformation) -> str:
    made = _made_icons(info)
    return _stored_url(info, "logo", made["ico"]) if made else static("img/icons/favicon.ico")


def _made_icons(info: PortalInformation) -> dict:
    derived = info.derived_images or {}
    made = derived.get("icons") or {}
    if not info.logo or derived.get("logo") != info.logo.name:
        return {}
    if not all(str(size) in made for size in ICON_SIZES) or "ico" not in made:
        return {}
    return made


def share_image(info: PortalInformation) -> ShareImage:
    """The picture shared for a page without its own: the uploaded one (its size once
    read), else the committed default."""
    alt = f"Biểu trưng và tên {info.full_name}"
    if info.share_image:
        share = (info.derived_images or {}).get("share") or {}
        known = share.get("source") == info.share_image.name
        return ShareImage(
            _stored_url(info, "share_image", info.share_image.name),
            share.get("width") if known else None,
            share.get("height") if known else None,
            info.full_name,
            _image_type(info.share_image.name),
        )
    path, width, height = DEFAULT_SHARE_IMAGE
    return ShareImage(static(path), width, height, alt, "image/png")


def _image_type(name: str) -> str:
    extension = posixpath.splitext(name)[1].lower()
    return {".png": "image/png", ".webp": "image/webp", ".gif": "image/gif"}.get(
        extension, "image/jpeg"
    )
