from django.apps import AppConfig


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = "Tin tức và văn bản"

    def ready(self):
        from . import (
            cache_tags,  # noqa: F401  (the page cache of categories)
            replaced_images,  # noqa: F401  (bodies follow a replaced library photo)
        )
