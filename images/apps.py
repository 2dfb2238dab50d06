"""Images: renditions made once on upload, unguessable upload names, the editor's uploads."""

from django.apps import AppConfig


class ImagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "images"
    verbose_name = "Ảnh và tệp tải lên"
