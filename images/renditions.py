"""Image renditions: the resized WebP and JPEG copies that pages show instead of uploads.

Each tracked image field (see images/rendition_tracking.py) has a *kind* saying
which widths it is shown at and whether it is cropped. The renditions are made
once, by the task worker after the image is saved (images/tasks.py), and written
through the field's storage (local disk or S3 alike); until then pages show the
upload itself (OriginalPicture). What the templates need — names, widths, heights — is kept
in a JSON description on the row itself:

    {"source": "articles/covers/2026/05/a.jpg", "kind": "card", "width": 960, "height": 540,
     "jpeg": [[320, 180, "renditions/articles/covers/2026/05/a.jpg/card-320.jpg"], ...],
     "webp": [[320, 180, "renditions/articles/covers/2026/05/a.jpg/card-320.webp"], ...]}

so showing an image costs no query and no file access. A description whose
"source" is not the field's current file is stale: its renditions are being made.

Cropped kinds keep the subject in the crop when the row has a focal point (fractions of
the width and height, kept to whole percents): the crop is placed so that the point is
as near its middle as the image allows. Such renditions carry the point in their names
("card-320-f50x30.jpg") and their description records it ("focal": [0.5, 0.3]), so a new
point gives new addresses; a centred crop keeps the plain names.
A file no rendition can be made of (missing, unreadable) is described as "failed"
and shows nothing.
"""

import contextlib
import functools
import logging
import os
import posixpath
from dataclasses import dataclass
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.signals import setting_changed
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

JPEG_QUALITY = 82
WEBP_QUALITY = 80
RENDITIONS_DIR = "renditions"
# Below this gain a step for the photo's own width is not worth another file.
_MIN_STEP = 1.15


@dataclass(frozen=True)
class Kind:
    """How one sort of image is shown: the widths made, and the crop (None keeps the shape).

    With box=True the widths are square boxes the whole image fits in (logos).
    """

    name: str
    widths: tuple[int, ...]
    ratio: tuple[int, int] | None = None
    box: bool = False

    @property
    def cropped(self) -> bool:
        """Whether the image is cut to a shape (and so may follow a focal point)."""
        return self.ratio is not None and not self.box


# Article covers in lists and cards, 16:9 like the cards; the largest is also og:image.
CARD = Kind("card", (320, 480, 640, 960), ratio=(16, 9))
# Numbered photos under an article, in their own shape.
FIGURE = Kind("figure", (480, 800, 1200))
# Organisation logos at 96 px and twice that for sharp screens.
LOGO = Kind("logo", (96, 192), box=True)
# Leaders' photos on organisation pages, 120×150 and twice that.
PORTRAIT = Kind("portrait", (120, 240), ratio=(4, 5))

KINDS = {kind.name: kind for kind in (CARD, FIGURE, LOGO, PORTRAIT)}


# -- making renditions ------------------------------------------------------


def _load(file, largest: int) -> Image.Image:
    """The decoded image, upright, in RGB or RGBA."""
    with Image.open(file) as image:
        if getattr(image, "is_animated", False):
            image.seek(0)  # a still of the first frame
        if image.format == "JPEG":
            # Decode a big JPEG at a reduced scale that is still at least as large as needed.
            image.draft("RGB", (largest, largest))
        # Phones store the photo sideways and an EXIF tag saying how to turn it.
        return _normalized(ImageOps.exif_transpose(image))


def _normalized(image: Image.Image) -> Image.Image:
    """RGB, or RGBA when the image has transparency (palette, grey, CMYK and 16-bit included)."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if has_alpha:
        return image.convert("RGBA")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda value: value / 256).convert("L")
    return image.convert("RGB")


def _on_white(image: Image.Image) -> Image.Image:
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


Focal = tuple[float, float]


def focal_point(x: float | None, y: float | None) -> Focal | None:
    """The focal point renditions are made for, from a row's two fractions: None when
    neither is set, the middle for the one missing, each kept within 0–1 and to whole
    percents (the precision of the names, so one name never stands for two crops)."""
    if x is None and y is None:
        return None
    return tuple(
        round(min(max(0.5 if value is None else float(value), 0.0), 1.0) * 100) / 100
        for value in (x, y)
    )


def _offset(full: int, part: int, centre: float | None) -> int:
    """Where a `part` long span starts in `full` so that `centre` (a fraction of `full`)
    is as near its middle as fits; the middle of `full` without a centre."""
    if centre is None:
        return (full - part) // 2
    return min(max(round(centre * full - part / 2), 0), full - part)


def _crop_box(
    size: tuple[int, int], ratio: tuple[int, int] | None, focal: Focal | None = None
) -> tuple[int, int, int, int]:
    """The largest region of the given shape, around the focal point (centred without one)."""
    width, height = size
    if ratio is None:
        return (0, 0, width, height)
    ratio_width, ratio_height = ratio
    focal_x, focal_y = focal or (None, None)
    if width * ratio_height > height * ratio_width:  # wider than the shape: trim the sides
        crop_width = round(height * ratio_width / ratio_height)
        left = _offset(width, crop_width, focal_x)
        return (left, 0, left + crop_width, height)
    crop_height = round(width * ratio_height / ratio_width)
    top = _offset(height, crop_height, focal_y)
    return (0, top, width, top + crop_height)


def _steps(wanted: tuple[int, ...], available: int) -> list[int]:
    """The wanted sizes that need no upscaling, plus the image's own size when it is between."""
    steps = [size for size in wanted if size <= available]
    if len(steps) < len(wanted) and (not steps or available >= steps[-1] * _MIN_STEP):
        steps.append(available)
    return steps


def _sizes(kind: Kind, region: tuple[int, int, int, int]) -> list[tuple[int, int]]:
    width, height = region[2] - region[0], region[3] - region[1]
    if kind.box:
        return [
            (max(1, round(width * box / max(width, height))),
             max(1, round(height * box / max(width, height))))
            for box in _steps(kind.widths, max(width, height))
        ]
    return [(step, max(1, round(height * step / width))) for step in _steps(kind.widths, width)]


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = BytesIO()
    if fmt == "jpeg":
        _on_white(image).save(
            buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True
        )
    else:
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    return buffer.getvalue()


def render(file, kind: Kind, focal: Focal | None = None) -> list[tuple[int, int, str, bytes]]:
    """(width, height, "jpeg"/"webp", bytes) of every rendition of an image file; a cropped
    kind's crop is placed around `focal` (see focal_point), an uncropped kind ignores it."""
    image = _load(file, max(kind.widths))
    region = _crop_box(image.size, kind.ratio, focal if kind.cropped else None)
    made = []
    for width, height in _sizes(kind, region):
        resized = image.resize((width, height), Image.Resampling.LANCZOS, box=region,
                               reducing_gap=3.0)
        made += [(width, height, fmt, _encode(resized, fmt)) for fmt in ("webp", "jpeg")]
    return made


def rendition_name(
    source: str, kind: Kind, width: int, fmt: str, focal: Focal | None = None
) -> str:
    # A folder per source file, extension included: "bia.jpg" and "bia.png" are two photos.
    extension = "jpg" if fmt == "jpeg" else fmt
    point = f"-f{round(focal[0] * 100)}x{round(focal[1] * 100)}" if focal else ""
    return f"{RENDITIONS_DIR}/{source}/{kind.name}-{width}{point}.{extension}"


def used_focal(kind: Kind, focal: Focal | None) -> Focal | None:
    """The focal point the renditions of `kind` are made for: none for an uncropped kind."""
    return focal_point(*focal) if focal and kind.cropped else None


def recorded_focal(description: dict | None) -> Focal | None:
    """The focal point a description's renditions were made for (None: centred or uncropped)."""
    recorded = (description or {}).get("focal")
    return tuple(recorded) if recorded else None


def describes(description: dict | None, source: str, focal: Focal | None) -> bool:
    """Whether `description` is of the file `source` cropped around `focal` (used_focal())."""
    return (description or {}).get("source", "") == source and recorded_focal(description) == focal


def make_renditions(storage, source: str, kind: Kind, focal: Focal | None = None) -> dict:
    """Render the stored file `source` and store its renditions; returns its description.

    Names are fixed by the source and the focal point, so making them again replaces the
    same files.
    """
    focal = used_focal(kind, focal)
    with storage.open(source, "rb") as file:
        made = render(file, kind, focal)
    description = {"source": source, "kind": kind.name, "jpeg": [], "webp": []}
    if focal:
        description["focal"] = list(focal)
    for width, height, fmt, content in made:
        name = rendition_name(source, kind, width, fmt, focal)
        if storage.exists(name):
            storage.delete(name)
        stored = storage.save(name, ContentFile(content))
        description[fmt].append([width, height, stored])
    description["width"], description["height"] = description["jpeg"][-1][:2]
    return description


def failed_description(source: str, kind: Kind, focal: Focal | None = None) -> dict:
    """The description of a file no rendition could be made of: pages show nothing for it."""
    description = {"source": source, "kind": kind.name, "failed": True, "jpeg": [], "webp": []}
    if focal := used_focal(kind, focal):
        description["focal"] = list(focal)
    return description


def try_make_renditions(storage, source: str, kind: Kind, focal: Focal | None = None) -> dict:
    """make_renditions(), or failed_description() when the file is missing or unreadable."""
    try:
        return make_renditions(storage, source, kind, focal)
    except Exception:  # a broken upload must not break the save that stored it
        logger.exception("Could not make renditions of %s", source)
        return failed_description(source, kind, focal)


def rendition_names(description: dict) -> list[str]:
    return [name for fmt in ("jpeg", "webp") for _, _, name in description.get(fmt, ())]


def delete_renditions(storage, description: dict) -> None:
    names = rendition_names(description)
    for name in names:
        try:
            storage.delete(name)
        except Exception:  # a file already gone or a storage hiccup leaves only an orphan
            logger.warning("Could not delete rendition %s", name, exc_info=True)
    # On disk the folder named after the source stays behind, empty: a web server would
    # answer for it (403, or a redirect) and so confirm a guessed name. A bucket has no folders.
    for folder in {posixpath.dirname(name) for name in names}:
        # Not on disk, not empty, or already gone: nothing to do.
        with contextlib.suppress(NotImplementedError, OSError):
            os.rmdir(storage.path(folder))


def renditions_exist(storage, description: dict) -> bool:
    names = rendition_names(description)
    return bool(names) and all(storage.exists(name) for name in names)


# -- showing renditions -----------------------------------------------------


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


@functools.lru_cache(maxsize=8192)
def _url(storage, name: str) -> str:
    """storage.url(name), remembered: a rendition's name never changes its address, and a
    list page asks for a few hundred of them (urljoin and quoting each time add up)."""
    return storage.url(name)


def _forget_urls(*, setting, **kwargs):
    if setting in {"MEDIA_URL", "STORAGES"}:  # tests that move the media
        _url.cache_clear()


setting_changed.connect(_forget_urls)


class Picture:
    """What a template shows of one image: its renditions with their URLs.

    Built from the row's description only; false when there is nothing to show
    (no image, or no rendition could be made of it), so templates can write
    {% if picture %}. See OriginalPicture for an image whose renditions are being made.
    """

    pending = False

    def __init__(self, description: dict | None = None, storage=None):
        description = description or {}
        kind = KINDS.get(description.get("kind"))
        # A logo's width is the side of the square it fits in, whichever side is longer.
        self.box = bool(kind and kind.box)
        self.jpeg = [
            Rendition(_url(storage, name), w, h) for w, h, name in description.get("jpeg", ())
        ]
        self.webp = [
            Rendition(_url(storage, name), w, h) for w, h, name in description.get("webp", ())
        ]

    def __bool__(self):
        return bool(self.jpeg)

    @property
    def largest_jpeg(self) -> Rendition | None:
        return self.jpeg[-1] if self.jpeg else None

    def _extent(self, rendition: Rendition) -> int:
        return max(rendition.width, rendition.height) if self.box else rendition.width

    def fallback(self, width: int | None) -> Rendition:
        """The smallest JPEG at least `width` wide (the largest when none is)."""
        if width:
            for rendition in self.jpeg:
                if self._extent(rendition) >= width:
                    return rendition
        return self.jpeg[-1]

    def layout_size(self, width: int | None) -> tuple[int, int]:
        """Width and height for the img tag when laid out `width` wide (its own size if None)."""
        shape = self.jpeg[-1]
        # Never laid out larger than the largest rendition: a small photo stays sharp.
        width = min(width or self._extent(shape), self._extent(shape))
        scale = width / self._extent(shape)
        return max(1, round(shape.width * scale)), max(1, round(shape.height * scale))


class OriginalPicture(Picture):
    """The uploaded file itself, for the few seconds until the task worker has made its
    renditions (images/tasks.py). Its size is not known without reading the file, so it
    has only the shape of its kind, when the kind has one."""

    pending = True

    def __init__(self, field_file, kind: Kind | None):
        self.box = bool(kind and kind.box)
        self.ratio = kind.ratio if kind and not kind.box else None
        self.jpeg = [Rendition(field_file.url, 0, 0)]
        self.webp = []

    def layout_size(self, width: int | None) -> tuple[int | None, int | None]:
        if not width:
            return None, None
        if self.box:
            return width, width
        if self.ratio:
            return width, max(1, round(width * self.ratio[1] / self.ratio[0]))
        return width, None


def picture_of(field_file, description: dict | None, kind: Kind | None = None) -> Picture:
    """The Picture of an image field from its stored description.

    Empty without a file, or when no rendition could be made of it; the original
    (OriginalPicture) while its renditions are not made yet (no description of this file).
    """
    name = getattr(field_file, "name", "") or ""
    if not name:
        return Picture()
    if not description or description.get("source") != name:
        return OriginalPicture(field_file, kind)
    return Picture(description, field_file.storage)


# -- uploads to the rich-text editor ---------------------------------------

# Wider than an article column on any screen, twice over.
EDITOR_MAX_WIDTH = 2000
_UPLOAD_FORMATS = {"JPEG": {"quality": 85, "optimize": True, "progressive": True},
                   "PNG": {"optimize": True}, "WEBP": {"quality": 85}}


def downscale_upload(upload, max_width: int = EDITOR_MAX_WIDTH):
    """An editor upload wider than max_width (or turned by EXIF), resized once; else as given.

    Body images are shown at the article's column width, so a 6000-pixel photo
    from a camera would only cost readers time. Animated GIFs are kept as they are.
    """
    upload.seek(0)
    with Image.open(upload) as image:
        fmt = image.format
        rotated = image.getexif().get(0x0112, 1) not in (1, None)
        if fmt not in _UPLOAD_FORMATS or (image.width <= max_width and not rotated):
            upload.seek(0)
            return upload
        image = ImageOps.exif_transpose(image)
        if image.width > max_width:
            height = max(1, round(image.height * max_width / image.width))
            image = image.resize((max_width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        if fmt == "JPEG":
            image = _on_white(_normalized(image))
        buffer = BytesIO()
        image.save(buffer, fmt, **_UPLOAD_FORMATS[fmt])
    return ContentFile(buffer.getvalue(), name=upload.name)
