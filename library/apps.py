"""The media library: every image and document uploaded for the portal, once, with its
caption, credit and organisation, used from articles, covers and directives."""

from django.apps import AppConfig


class LibraryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "library"
    verbose_name = "Thư viện ảnh và tài liệu"
