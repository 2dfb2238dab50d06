"""Uploads are stored under names nobody can guess; the name people gave them is kept apart.

A photo uploaded as "bia-hoi-nghi.jpg" for an embargoed story would otherwise be public at
media/articles/covers/2026/12/bia-hoi-nghi.jpg, and its renditions (named after it,
images/renditions.py) next to it, before the story is. So every upload field stores its
file as

    <folder>/<32 hex digits: 128 random bits><extension of what the file really is>
    articles/covers/2026/12/3f0c9d0e6b1a4c55a1e2f7b8c9d0e1f2.jpg

and the original name, for the admin and for downloads ("Chi-thi-20-CT-TW.pdf"), in a
field of its own next to it (`original_name_field`). The extension follows the content (a
JPEG sent as "anh.PNG" is stored as .jpg), so the type a server or a bucket derives from
the name is the real one. Storages are unchanged, local disk and S3 alike: the name is
decided before the storage sees it.

Files stored before this keep their names and keep working; the command
`rename_unpublished_media` gives the files of articles not yet public new names.
"""

import functools
import os
import posixpath
import re
import secrets
import unicodedata
from dataclasses import dataclass

from django import forms
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import File
from django.db import models
from django.db.models.fields.files import (
    FieldFile,
    FileDescriptor,
    ImageFieldFile,
    ImageFileDescriptor,
)
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from core.validators import detected_extension

TOKEN_BYTES = 16  # 128 bits
_TOKEN_NAME = re.compile(rf"[0-9a-f]{{{TOKEN_BYTES * 2}}}\.[a-z0-9]+")
ORIGINAL_NAME_MAX_LENGTH = 255
# The attribute telling the S3 storage the name a download should be saved under
# (operations/s3_storage.py); set only on attachments, whose names are public anyway.
DOWNLOAD_NAME_ATTRIBUTE = "portal_download_name"
_EXTENSION_ALIASES = {".jpeg": ".jpg", ".jpe": ".jpg"}


def is_unguessable(name: str) -> bool:
    """Whether a stored name ends in a random token ('…/3f0c…e1f2.jpg'), not a person's words."""
    return bool(_TOKEN_NAME.fullmatch(posixpath.basename(name or "")))


def name_extension(name: str) -> str:
    """'.jpg' for 'Ảnh.JPEG': the extension of a name, lower case, with one spelling per type."""
    extension = os.path.splitext(name or "")[1].lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,8}", extension):
        return ""
    return _EXTENSION_ALIASES.get(extension, extension)


def unguessable_name(folder: str, extension: str) -> str:
    """folder (strftime codes allowed: 'articles/covers/%Y/%m/') / token + extension."""
    folder = timezone.localtime().strftime(folder) if "%" in folder else folder
    return posixpath.join(folder, secrets.token_hex(TOKEN_BYTES) + extension)


def clean_original_name(name: str) -> str:
    """The name as the uploader's computer had it, without folders or control characters,
    in composed Unicode and short enough for its column (the extension kept)."""
    name = posixpath.basename((name or "").replace("\\", "/"))
    name = unicodedata.normalize("NFC", name)
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()
    if len(name) > ORIGINAL_NAME_MAX_LENGTH:
        stem, extension = os.path.splitext(name)
        extension = extension[:16]
        name = stem[: ORIGINAL_NAME_MAX_LENGTH - len(extension)] + extension
    return name


@deconstructible
class UnguessableUploadTo:
    """upload_to of the fields below: the folder, then a random name with the given
    extension (the field passes 'upload.<real extension>')."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        return unguessable_name(self.folder, name_extension(filename))

    def __eq__(self, other):
        return isinstance(other, UnguessableUploadTo) and other.folder == self.folder

    def __hash__(self):
        return hash(self.folder)


# -- the fields -------------------------------------------------------------------------


class _UnguessableFile:
    """What the field's value does besides a FieldFile's usual work."""

    def save(self, name, content, save=True):
        self.field.remember_original_name(self.instance, name)
        extension = detected_extension(content) or name_extension(name)
        if self.field.download_as_original:
            setattr(content, DOWNLOAD_NAME_ATTRIBUTE, self.field.original_name(self.instance))
        super().save(f"upload{extension}", content, save)

    @property
    def display_name(self) -> str:
        """The name to show and to download under: the original one when it is known."""
        return self.field.original_name(self.instance) or posixpath.basename(self.name or "")


class UnguessableFieldFile(_UnguessableFile, FieldFile):
    pass


class UnguessableImageFieldFile(_UnguessableFile, ImageFieldFile):
    pass


class _RememberingDescriptor:
    """Assigning a new upload (a form's, or Model(photo=ContentFile(…))) notes its name at
    once, as ImageField notes dimensions; clearing the file clears the name."""

    def __set__(self, instance, value):
        # Nothing before: Model.__init__() is filling in the row (from the database: a name).
        assigned = instance.__dict__.get(self.field.attname) is not None
        super().__set__(instance, value)
        if isinstance(value, File) and not isinstance(value, FieldFile):
            self.field.remember_original_name(instance, value.name)
        elif assigned and not value:
            self.field.remember_original_name(instance, "")


class UnguessableFileDescriptor(_RememberingDescriptor, FileDescriptor):
    pass


class UnguessableImageFileDescriptor(_RememberingDescriptor, ImageFileDescriptor):
    pass


@dataclass(frozen=True)
class _ShownFile:
    """A stored file as the admin's file widget shows it: its link, under its original name."""

    url: str
    name: str

    def __str__(self):
        return self.name


class OriginalNameWidgetMixin:
    def format_value(self, value):
        value = super().format_value(value)
        if isinstance(value, _UnguessableFile):
            return _ShownFile(value.url, value.display_name)
        return value


@functools.cache
def _original_name_widget(widget_class):
    return type(f"OriginalName{widget_class.__name__}", (OriginalNameWidgetMixin, widget_class), {})


class _UnguessableField:
    """upload_to is a folder ('articles/covers/%Y/%m/'); original_name_field names the
    CharField that keeps the uploader's file name; download_as_original (attachments) makes
    a bucket serve the file for download under that name."""

    def __init__(self, *args, upload_to="", original_name_field=None, download_as_original=False,
                 **kwargs):
        if isinstance(upload_to, str):
            upload_to = UnguessableUploadTo(upload_to)
        self.original_name_field = original_name_field
        self.download_as_original = download_as_original
        super().__init__(*args, upload_to=upload_to, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.original_name_field:
            kwargs["original_name_field"] = self.original_name_field
        if self.download_as_original:
            kwargs["download_as_original"] = True
        return name, path, args, kwargs

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if not self.original_name_field:
            return errors
        try:
            column = self.model._meta.get_field(self.original_name_field)
        except FieldDoesNotExist:
            return [*errors, checks.Error(
                f"original_name_field {self.original_name_field!r} is not a field of "
                f"{self.model._meta.label}.", obj=self, id="portal.E020",
            )]
        if column.creation_counter < self.creation_counter:
            # Saving the file (the file field's pre_save) fills in the name: the name's column
            # must come after it in the INSERT and UPDATE.
            errors.append(checks.Error(
                f"{self.model._meta.label}.{self.original_name_field} must be declared after "
                f"{self.name}.", obj=self, id="portal.E021",
            ))
        return errors

    def remember_original_name(self, instance, name: str) -> None:
        if self.original_name_field:
            setattr(instance, self.original_name_field, clean_original_name(name))

    def original_name(self, instance) -> str:
        return getattr(instance, self.original_name_field, "") if self.original_name_field else ""

    def formfield(self, **kwargs):
        widget = kwargs.get("widget") or forms.ClearableFileInput
        if isinstance(widget, type) and issubclass(widget, forms.ClearableFileInput):
            kwargs["widget"] = _original_name_widget(widget)
        return super().formfield(**kwargs)


class UnguessableFileField(_UnguessableField, models.FileField):
    attr_class = UnguessableFieldFile
    descriptor_class = UnguessableFileDescriptor


class UnguessableImageField(_UnguessableField, models.ImageField):
    attr_class = UnguessableImageFieldFile
    descriptor_class = UnguessableImageFileDescriptor


def original_name_field(verbose_name: str = "tên tệp gốc") -> models.CharField:
    """The column keeping an upload's original name (declared next to its file field)."""
    return models.CharField(
        verbose_name, max_length=ORIGINAL_NAME_MAX_LENGTH, blank=True, default="",
        editable=False,
        help_text="Tên tệp trên máy người tải lên; tệp được lưu dưới một tên ngẫu nhiên.",
    )
