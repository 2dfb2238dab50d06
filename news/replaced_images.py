"""Articles follow a library photo whose file was replaced ("Thay ảnh", library/services.py).

The library stores the new photo under a new random name and says so with
`image_file_replaced`; the bodies that show the photo hold its old address, so each is
rewritten to the new one and saved through news.services.article_save (a version of its
own, the page cache renewed, the uses recorded again). Covers point at the library row and
need nothing. Older versions keep the old address, whose file stays in place.
"""

from django.dispatch import receiver

from library.services import image_file_replaced

from . import services
from .models import Article


@receiver(image_file_replaced, dispatch_uid="news.replaced_images")
def follow_replaced_image(sender, image, old_name, new_url, **kwargs):
    if not old_name:
        return
    new_name = image.file.name
    showing = Article.all_objects.filter(
        image_uses__image=image, image_uses__as_cover=False
    ).distinct()
    for article in showing:
        if old_name not in article.body:
            continue
        article.body = article.body.replace(old_name, new_name)
        services.article_save(article=article, update_fields=["body"])
