"""Library photos and bodies with figures, for the tests of figures in an article's text
(news/figures.py)."""

from django.conf import settings
from factories import OrganizationFactory, image_file

from library.models import LibraryImage


def library_image(*, size=(1600, 1000), organization=None, **fields) -> LibraryImage:
    """A saved library photo; its renditions are made at once (the tests' task backend)."""
    image = LibraryImage(
        file=image_file(fields.pop("name", "le-ra-quan.jpg"), size=size),
        organization=organization or OrganizationFactory(),
        **fields,
    )
    image.save()
    image.refresh_from_db()
    return image


def figure(src: str, caption: str | None = "", alt: str = "", css: str = "image") -> str:
    """A figure as CKEditor 5 writes it."""
    img = f'<img src="{src}" alt="{alt}">' if src else ""
    figcaption = f"<figcaption>{caption}</figcaption>" if caption is not None else ""
    return f'<figure class="{css}">{img}{figcaption}</figure>'


def library_figure(image: LibraryImage, caption: str = "", alt: str = "") -> str:
    return figure(settings.MEDIA_URL + image.file.name, caption, alt)
