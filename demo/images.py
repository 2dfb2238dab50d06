"""A small pool of illustration photos drawn with Pillow, stored once under
library/images/demo/ (where the library keeps its uploads, so that the figures of the demo
articles are known as library images, as an editor's are), and their records in the media
library.

Each file is one shared image of the library (library.LibraryImage, found again by its
file, "library/images/demo/photo-03.jpg"), which articles use as their cover and show as
figures in their text, between paragraphs, as an editor places them with CKEditor; so
thousands of demo articles share twelve files. A file that already exists is never drawn
again.
"""

import math
import random
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont, ImageOps

from demo.articles import FIELD_PHOTOS, PHOTO_POOL_SIZE, photo_name
from library.models import LibraryImage

WIDTH, HEIGHT = 1200, 800

# (banner text, wall/sky top colour, bottom colour) for each photo, 1-based.
SCENES = {
    1: ("HỘI NGHỊ SƠ KẾT", (150, 28, 32), (238, 214, 180)),
    2: ("HỘI NGHỊ QUÁN TRIỆT NGHỊ QUYẾT", (120, 22, 30), (225, 205, 170)),
    3: ("BUỔI LÀM VIỆC", (70, 90, 120), (215, 220, 225)),
    4: ("TỌA ĐÀM", (60, 100, 90), (220, 230, 215)),
    5: ("LỚP TẬP HUẤN NGHIỆP VỤ", (40, 70, 130), (210, 220, 240)),
    6: ("LỄ KHEN THƯỞNG", (160, 40, 30), (245, 225, 170)),
    7: ("RA QUÂN TÌNH NGUYỆN HÈ", (90, 170, 230), (120, 175, 80)),
    8: ("TUỔI TRẺ CHUNG TAY PHÒNG, CHỐNG HẠN MẶN", (120, 190, 235), (170, 160, 90)),
    9: ("TRAO QUÀ CHO THIẾU NHI", (110, 180, 225), (110, 160, 90)),
    10: ("NGÀY CHỦ NHẬT XANH", (100, 185, 240), (95, 150, 70)),
    11: ("THÁNG THANH NIÊN", (130, 195, 240), (140, 170, 90)),
    12: ("TUỔI TRẺ SÁNG TẠO", (90, 160, 215), (105, 150, 95)),
}

_FONT_CANDIDATES = (
    "DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "Arial Bold.ttf",
)


def _font(size: int):
    for candidate in _FONT_CANDIDATES:
        try:
            return ImageFont.truetype(candidate, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _gradient(top, bottom) -> Image.Image:
    ramp = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    return ImageOps.colorize(ramp, top, bottom).convert("RGB")


def _centered_text(draw, box, text, size, fill):
    font = _font(size)
    left, top, right, bottom = box
    while size > 14 and draw.textlength(text, font=font) > (right - left) - 40:
        size -= 2
        font = _font(size)
    width = draw.textlength(text, font=font)
    x = left + ((right - left) - width) / 2
    y = top + ((bottom - top) - size) / 2 - size * 0.15
    draw.text((x, y), text, font=font, fill=fill)


def _person(draw, x, y, scale, shirt, rng):
    skin = rng.choice(((224, 186, 150), (205, 160, 120), (235, 200, 165)))
    hair = (30, 25, 25)
    head = 16 * scale
    draw.rounded_rectangle(
        (x - 26 * scale, y + head * 1.6, x + 26 * scale, y + head * 1.6 + 70 * scale),
        radius=int(14 * scale), fill=shirt,
    )
    draw.ellipse((x - head, y, x + head, y + head * 2.1), fill=skin)
    draw.chord((x - head, y - 2 * scale, x + head, y + head * 1.4), 180, 360, fill=hair)


def _hall(image, rng, banner, top):
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 70, WIDTH, 250), fill=(top[0] // 2 + 90, 20, 24))
    draw.rectangle((0, 70, WIDTH, 76), fill=(235, 190, 60))
    draw.rectangle((0, 244, WIDTH, 250), fill=(235, 190, 60))
    _centered_text(draw, (0, 90, WIDTH, 230), banner, 64, (250, 215, 80))
    # Presidium seated behind the table, and the podium.
    for seat in range(7):
        _person(draw, 220 + seat * 127, 270, 0.9, (245, 245, 245), rng)
    draw.rectangle((140, 330, 1060, 420), fill=(245, 245, 240))
    draw.rectangle((140, 410, 1060, 430), fill=(160, 30, 35))
    draw.polygon(((1080, 300), (1160, 300), (1150, 470), (1090, 470)), fill=(150, 95, 50))
    # Audience rows, nearer rows larger.
    shirts = ((250, 250, 250), (225, 232, 245), (70, 95, 150), (245, 240, 225))
    for row, (y, scale) in enumerate(((470, 0.9), (540, 1.1), (620, 1.35), (710, 1.6))):
        step = int(95 * scale)
        offset = (row % 2) * step // 2
        for x in range(30 + offset, WIDTH, step):
            _person(draw, x + rng.randint(-6, 6), y, scale, rng.choice(shirts), rng)


def _field(image, rng, banner, number):
    draw = ImageDraw.Draw(image)
    draw.ellipse((930, 60, 1050, 180), fill=(255, 225, 120))
    horizon = 430
    draw.rectangle((0, horizon, WIDTH, HEIGHT), fill=(110, 160, 85))
    draw.polygon(((0, horizon), (WIDTH, horizon - 30), (WIDTH, horizon + 40), (0, horizon + 60)),
                 fill=(90, 140, 70))
    # Coconut palms.
    for x in (80, 250, 1000, 1130)[: 2 + number % 3]:
        draw.line((x, horizon + 20, x + 25, horizon - 220), fill=(110, 80, 50), width=14)
        crown = (x + 25, horizon - 220)
        for angle in range(0, 360, 45):
            dx = int(110 * math.cos(math.radians(angle)))
            dy = int(45 * math.sin(math.radians(angle)))
            draw.line((crown, (crown[0] + dx, crown[1] + dy + 30)), fill=(40, 120, 50), width=12)
    # Banner held up by the group.
    draw.rectangle((230, 250, 970, 340), fill=(200, 30, 35))
    _centered_text(draw, (230, 250, 970, 340), banner, 40, (255, 230, 90))
    shirt = (40, 110, 200) if number % 2 else (30, 140, 80)
    for row, (y, scale) in enumerate(((420, 1.2), (520, 1.5), (630, 1.8))):
        step = int(100 * scale)
        for x in range(60 + (row % 2) * step // 2, WIDTH, step):
            _person(draw, x + rng.randint(-10, 10), y, scale, shirt, rng)


def draw_photo(number: int) -> bytes:
    banner, top, bottom = SCENES[number]
    rng = random.Random(number)
    image = _gradient(top, bottom)
    if number in FIELD_PHOTOS:
        _field(image, rng, banner, number)
    else:
        _hall(image, rng, banner, top)
    draw = ImageDraw.Draw(image)
    draw.rectangle((WIDTH - 400, HEIGHT - 48, WIDTH, HEIGHT), fill=(35, 35, 35))
    _centered_text(draw, (WIDTH - 420, HEIGHT - 50, WIDTH, HEIGHT), "Ảnh minh họa – dữ liệu mẫu",
                   20, (255, 255, 255))
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def ensure_photo_pool(storage=default_storage) -> tuple[list[str], int]:
    """Names of the pool's files, and how many had to be drawn now."""
    names, created = [], 0
    for number in range(1, PHOTO_POOL_SIZE + 1):
        name = photo_name(number)
        if not storage.exists(name):
            name = storage.save(name, ContentFile(draw_photo(number)))
            created += 1
        names.append(name)
    return names, created


# -- the pool in the media library ------------------------------------------------------

# Who the library credits ("Ảnh: …" on the page): the province's portal for meetings, the
# Youth Union for its activities.
HALL_CREDIT = "Cổng TTĐT Tỉnh ủy"
FIELD_CREDIT = "Tỉnh Đoàn Bến Tre"


def _sentence(banner: str) -> str:
    """'HỘI NGHỊ SƠ KẾT' -> 'Hội nghị sơ kết'."""
    lowered = banner.lower()
    return lowered[:1].upper() + lowered[1:]


def library_fields(number: int) -> dict:
    """What the library says of pool photo `number`: caption, description, credit, tags."""
    banner = SCENES[number][0]
    if number in FIELD_PHOTOS:
        alt_text = (
            f"Đoàn viên áo xanh đứng thành hàng dưới hàng dừa, giương băng rôn đỏ "
            f"“{_sentence(banner)}”."
        )
        credit, tags = FIELD_CREDIT, "thanh niên tình nguyện, hoạt động Đoàn"
    else:
        alt_text = (
            f"Hội trường treo băng rôn đỏ “{_sentence(banner)}”; đoàn chủ tọa ngồi sau bàn, "
            "đại biểu ngồi kín các hàng ghế."
        )
        credit, tags = HALL_CREDIT, "hội nghị, hội trường"
    return {
        "caption": f"{_sentence(banner)} (ảnh minh họa)", "alt_text": alt_text,
        "credit": credit, "tags": tags,
    }


def ensure_library_photos(
    *, organization, names: list[str], figure_renditions: dict, card_renditions: dict
) -> tuple[dict[str, LibraryImage], int]:
    """The pool's library images by file name (shared, kept by `organization`), and how
    many had to be created now. The renditions are the pool's, made once per file."""
    existing = {image.file.name: image for image in LibraryImage.objects.filter(file__in=names)}
    missing = [
        LibraryImage(
            file=name, original_name=name.rsplit("/", 1)[-1], width=WIDTH, height=HEIGHT,
            organization=organization, is_shared=True,
            renditions=figure_renditions[name], card_renditions=card_renditions[name],
            **library_fields(number),
        )
        for number, name in enumerate(names, start=1)
        if name not in existing
    ]
    for image in LibraryImage.objects.bulk_create(missing):
        existing[image.file.name] = image
    return existing, len(missing)


def figure_html(image: LibraryImage, caption: str) -> str:
    """A library image as a figure of an article's text, as CKEditor 5 writes it."""
    figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure class="image"><img src="{escape(image.file.url)}" '
        f'alt="{escape(image.alt_text)}">{figcaption}</figure>'
    )


def body_with_figures(body: str, figures: list[str]) -> str:
    """`body` (paragraphs) with `figures` placed as an editor would: the first after the
    opening paragraph, the others every second paragraph after it (the last ones at the end
    of a short text)."""
    paragraphs = [f"{part}</p>" for part in body.split("</p>") if part]
    count = len(paragraphs)
    for position, figure in reversed(list(enumerate(figures))):
        paragraphs.insert(min(1 + 2 * position, count), figure)
    return "".join(paragraphs)
