"""Demo topic pages (chuyên trang) with some articles, and the "Liên kết website" block.

The logos are plain tiles drawn here with Pillow: a coloured bar, the site's address and
its name. They are not the organisations' own logos, which a portal's owner uploads.

Both functions may run any number of times: what exists already (also when an editor has
changed or emptied it) is left alone, only what is missing is added.
"""

import textwrap
from dataclasses import dataclass
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from caching import page_cache
from demo.articles import photo_name
from demo.images import _font
from news import cache_tags
from news.models import Article, Topic
from pages.models import WebsiteLink

LOGO_SIZE = (360, 120)


@dataclass(frozen=True)
class DemoLink:
    name: str
    address: str
    label: str  # the address as the tile shows it
    colour: tuple[int, int, int]
    drawn: bool = True  # False: the block shows the name as a text tile


WEBSITE_LINKS = (
    DemoLink("Báo điện tử Đảng Cộng sản Việt Nam", "https://dangcongsan.vn/",
             "dangcongsan.vn", (179, 19, 27)),
    DemoLink("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn/",
             "chinhphu.vn", (20, 80, 150)),
    DemoLink("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/",
             "dichvucong.gov.vn", (10, 110, 90)),
    DemoLink("Tạp chí Tuyên giáo", "https://tuyengiao.vn/",
             "tuyengiao.vn", (150, 60, 20)),
    DemoLink("Quốc hội", "https://quochoi.vn/", "quochoi.vn", (125, 13, 18), drawn=False),
)


@dataclass(frozen=True)
class DemoTopic:
    title: str
    slug: str
    description: str
    photo: str  # a photo of the demo pool (demo/images.py), its banner
    words: tuple[str, ...]  # articles whose title holds one of these belong to it
    order: int


TOPICS = (
    DemoTopic(
        "Đại hội Đảng bộ tỉnh lần thứ XII", "dai-hoi-dang-bo-tinh-lan-thu-xii",
        "Tin tức, hình ảnh về công tác chuẩn bị và tổ chức Đại hội đại biểu Đảng bộ tỉnh lần "
        "thứ XII, nhiệm kỳ 2025 – 2030, và đại hội đảng bộ các cấp trong tỉnh.",
        photo_name(1), ("đại hội", "hội nghị"), 10,
    ),
    DemoTopic(
        "Bảo vệ nền tảng tư tưởng của Đảng", "bao-ve-nen-tang-tu-tuong-cua-dang",
        "Đấu tranh phản bác các quan điểm sai trái, thù địch; lan tỏa những điển hình tốt, "
        "gương người tốt, việc tốt trong học tập và làm theo tư tưởng, đạo đức, phong cách "
        "Hồ Chí Minh.",
        photo_name(2), ("tư tưởng", "tuyên truyền", "dư luận"), 20,
    ),
)
ARTICLES_PER_TOPIC = 6


def logo_png(link: DemoLink) -> bytes:
    """A plain tile: a coloured bar on the left, the address in bold, the name below."""
    width, height = LOGO_SIZE
    image = Image.new("RGB", LOGO_SIZE, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 22, height), fill=link.colour)
    draw.rectangle((22, height - 6, width, height), fill=(244, 196, 48))
    size = 34
    font = _font(size)
    while size > 16 and draw.textlength(link.label, font=font) > width - 52:
        size -= 2
        font = _font(size)
    draw.text((38, 14), link.label, font=font, fill=link.colour)
    small = _font(20)
    for row, line in enumerate(textwrap.wrap(link.name, 27)[:2]):
        draw.text((38, 22 + size + row * 25), line, font=small, fill=(60, 60, 60))
    output = BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()


def ensure_website_links() -> int:
    """The demo links that are missing, with their tiles; how many were created."""
    created = 0
    for order, link in enumerate(WEBSITE_LINKS, start=1):
        if WebsiteLink.objects.filter(address=link.address).exists():
            continue
        row = WebsiteLink(name=link.name, address=link.address, order=order * 10)
        if link.drawn:
            row.logo = ContentFile(logo_png(link), name=f"{link.label}.png")
        row.full_clean()
        row.save()
        created += 1
    return created


def ensure_topics(library: dict) -> tuple[int, int]:
    """The demo topics that are missing, featured, with a banner from the photo pool
    (`library`: its library images by file name) and a few published articles each; how
    many topics and article links were created. A topic found already keeps its articles."""
    topics_created = links_created = 0
    through = Article.topics.through
    for spec in TOPICS:
        topic, created = Topic.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "title": spec.title, "description": spec.description, "order": spec.order,
                "banner": library.get(spec.photo), "is_featured": True,
            },
        )
        if not created:
            continue
        topics_created += 1
        article_ids = _articles_about(spec)
        through.objects.bulk_create(
            [through(article_id=pk, topic_id=topic.pk) for pk in article_ids],
            ignore_conflicts=True,
        )
        links_created += len(article_ids)
        page_cache.invalidate(cache_tags.topic_articles(topic.pk))
    return topics_created, links_created


def _articles_about(spec: DemoTopic) -> list[int]:
    """The newest published articles whose title holds one of the topic's words, then the
    newest others until there are ARTICLES_PER_TOPIC."""
    published = Article.objects.published().order_by("-published_at", "-id")
    chosen = []
    for word in spec.words:
        found = published.filter(title__icontains=word).exclude(pk__in=chosen)
        chosen += list(found.values_list("pk", flat=True)[: ARTICLES_PER_TOPIC - len(chosen)])
    missing = ARTICLES_PER_TOPIC - len(chosen)
    if missing > 0:
        others = published.exclude(pk__in=chosen).values_list("pk", flat=True)
        chosen += list(others[:missing])
    return chosen
