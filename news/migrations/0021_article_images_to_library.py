"""The photos of "Ảnh có chú thích" (news.ArticleImage, shown under the article) become
library images shown as figures at the end of the article's text.

For every stored file of an ArticleImage row:

- one library.LibraryImage pointing at the SAME stored file (no bytes are copied), with
  the first row's original name, caption, alternative text and figure renditions (their
  "source" is the file's name, so they stay valid); the organisation and upload time of
  the article of that first row; shared (is_shared) when articles of several
  organisations show it, so that each of them still finds it in the library. Width and
  height are read from the file's header. Demo content shows one file in many articles:
  it becomes one library image, not one per article;
- appended to the article's body, in the rows' order, the figure CKEditor 5 writes:
  <figure class="image"><img src="URL" alt="ALT"><figcaption>CAPTION</figcaption></figure>
  where URL is default_storage.url(name), i.e. MEDIA_URL + the file's name, exactly what
  the editor's uploads put in a text; ALT is what readers were given (the row's
  alternative text, else its caption, else the article's title); no figcaption when the
  caption was empty. The text never holds "Hình N:", figures are numbered when shown;
- a news.ImageUse row (article, image) saying where the image is shown.

The same figures are appended to every kept version of the article (HistoricalArticle):
the photos had no versions, so restoring any older version kept them; with the figures in
the text, a version without them would lose them on a one-click restore.

A file whose dimensions cannot be read (missing, or not an image) keeps its figure in the
text (caption and alternative text are not lost) but gets no library record: there is no
photo to manage, and a library image with unknown dimensions would read its file at
every load (ImageField's width_field/height_field).

Nothing else of the article changes: no new version, the same version number and update
time; its search document already holds the captions, which the text now holds.

Reverse: the figures at the very end of a text (and of its versions) showing a file under
articles/images/ (where ArticleImage stored its uploads) become ArticleImage rows again,
in order, and leave the text; their uses go, and so do the library images made here that
are left without any use. A figure an editor has moved or edited since stays in the text.
"""

import html
import re
from itertools import batched
from urllib.parse import unquote

from django.core.files.images import get_image_dimensions
from django.core.files.storage import default_storage
from django.db import migrations
from django.db.models import Count, F, Min, Value
from django.db.models.functions import Concat

from core.sanitize import clean_html

BATCH_SIZE = 500
# Where ArticleImage stored its uploads: the library images this migration made.
ARTICLE_IMAGES_DIR = "articles/images/"


def figure_html(*, url: str, alt: str, caption: str) -> str:
    """One figure as CKEditor 5 writes it (escaped)."""
    caption_html = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure class="image"><img src="{html.escape(url)}" alt="{html.escape(alt)}">'
        f"{caption_html}</figure>"
    )


def _dimensions(name: str) -> tuple[int | None, int | None]:
    try:
        with default_storage.open(name, "rb") as file:
            width, height = get_image_dimensions(file)
    except OSError:
        return None, None
    return (width, height) if width and height else (None, None)


def move_to_library(apps, schema_editor):
    Article = apps.get_model("news", "Article")
    HistoricalArticle = apps.get_model("news", "HistoricalArticle")
    ArticleImage = apps.get_model("news", "ArticleImage")
    ImageUse = apps.get_model("news", "ImageUse")
    LibraryImage = apps.get_model("library", "LibraryImage")

    # One library image per stored file, described by the first row that shows it.
    files = {
        row["image"]: row
        for row in ArticleImage.objects.exclude(image="").order_by().values("image").annotate(
            first=Min("pk"), organizations=Count("article__organization", distinct=True)
        )
    }
    library = {}  # file name -> LibraryImage id (None: not readable, no library record)
    for chunk in batched(sorted(row["first"] for row in files.values()), BATCH_SIZE):
        images = []
        firsts = ArticleImage.objects.filter(pk__in=chunk).select_related("article").only(
            "image", "original_name", "caption", "alt_text", "renditions",
            "article__organization_id", "article__created_at",
        )
        for row in firsts:
            name = row.image.name
            width, height = _dimensions(name)
            if width is None:
                library[name] = None
                continue
            renditions = row.renditions if (row.renditions or {}).get("source") == name else {}
            images.append(LibraryImage(
                file=name, original_name=row.original_name, width=width, height=height,
                caption=row.caption, alt_text=row.alt_text, renditions=renditions,
                organization_id=row.article.organization_id,
                is_shared=files[name]["organizations"] > 1,
                uploaded_at=row.article.created_at,
            ))
        for image in LibraryImage.objects.bulk_create(images):
            library[image.file.name] = image.pk

    rows = (
        ArticleImage.objects.exclude(image="").select_related("article")
        .only("article_id", "image", "caption", "alt_text", "article__title")
        .order_by("article_id", "order", "pk")
    )
    article_ids = rows.values_list("article_id", flat=True).distinct().order_by("article_id")
    for chunk in batched(article_ids.iterator(), BATCH_SIZE):
        figures, uses = {}, set()
        for row in rows.filter(article_id__in=chunk):
            name = row.image.name
            alt = row.alt_text or row.caption or row.article.title
            figures.setdefault(row.article_id, []).append(
                figure_html(url=default_storage.url(name), alt=alt, caption=row.caption)
            )
            if library.get(name) is not None:
                uses.add((row.article_id, library[name]))
        ImageUse.objects.bulk_create(
            [ImageUse(article_id=article, image_id=image) for article, image in sorted(uses)]
        )
        for article_id, its_figures in figures.items():
            # Cleaned as the body's field would clean it (img gets loading and decoding).
            appended = Value(clean_html("".join(its_figures)))
            Article._base_manager.filter(pk=article_id).update(body=Concat(F("body"), appended))
            HistoricalArticle.objects.filter(id=article_id).update(
                body=Concat(F("body"), appended)
            )


_LAST_FIGURE = re.compile(
    r'<figure class="image"><img\b(?P<attributes>[^>]*)>'
    r"(?:<figcaption>(?P<caption>(?:(?!</figcaption>).)*)</figcaption>)?</figure>\s*\Z",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r'\b(src|alt)="([^"]*)"')
_TAG = re.compile(r"<[^>]*>")


def _trailing_figures(body: str, *, title: str) -> tuple[str, list[dict]]:
    """`body` without the figures at its end that this migration wrote (an image under
    articles/images/), and those figures in order: the file's name, caption and
    alternative text (empty when it was the caption or the title, as the row had it)."""
    prefix = default_storage.url(ARTICLE_IMAGES_DIR)
    taken = []
    while match := _LAST_FIGURE.search(body):
        attributes = {key: html.unescape(value) for key, value in
                      _ATTRIBUTE.findall(match["attributes"])}
        src = attributes.get("src", "")
        if not src.startswith(prefix):
            break
        caption = html.unescape(_TAG.sub("", match["caption"] or "")).strip()
        alt = attributes.get("alt", "")
        taken.append({
            "name": ARTICLE_IMAGES_DIR + unquote(src.removeprefix(prefix)),
            "caption": caption,
            "alt_text": "" if alt in (caption, title) else alt,
        })
        body = body[: match.start()]
    return body, taken[::-1]


def move_back_from_library(apps, schema_editor):
    Article = apps.get_model("news", "Article")
    HistoricalArticle = apps.get_model("news", "HistoricalArticle")
    ArticleImage = apps.get_model("news", "ArticleImage")
    ImageUse = apps.get_model("news", "ImageUse")
    LibraryImage = apps.get_model("library", "LibraryImage")

    made_here = LibraryImage.objects.filter(file__startswith=ARTICLE_IMAGES_DIR)
    images = {image.file.name: image for image in made_here}
    pattern = f'src="{default_storage.url(ARTICLE_IMAGES_DIR)}'
    candidates = Article._base_manager.filter(body__contains=pattern).order_by("pk")
    for chunk in batched(candidates.only("title", "body").iterator(), BATCH_SIZE):
        rows = []
        for article in chunk:
            body, figures = _trailing_figures(article.body, title=article.title)
            if not figures:
                continue
            Article._base_manager.filter(pk=article.pk).update(body=body)
            for version in HistoricalArticle.objects.filter(id=article.pk).only("title", "body"):
                old_body, _ = _trailing_figures(version.body, title=version.title)
                if old_body != version.body:
                    HistoricalArticle.objects.filter(pk=version.pk).update(body=old_body)
            for order, shown in enumerate(figures, start=1):
                image = images.get(shown["name"])
                rows.append(ArticleImage(
                    article_id=article.pk, image=shown["name"], caption=shown["caption"],
                    alt_text=shown["alt_text"], order=order,
                    original_name=image.original_name if image else "",
                    renditions=image.renditions if image else {},
                ))
            ImageUse.objects.filter(
                article_id=article.pk, as_cover=False,
                image__in=[images[shown["name"]].pk for shown in figures
                           if shown["name"] in images],
            ).delete()
        ArticleImage.objects.bulk_create(rows)
    made_here.filter(article_uses__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("library", "0001_initial"),
        ("news", "0020_imageuse"),
    ]

    operations = [
        migrations.RunPython(move_to_library, move_back_from_library),
    ]
