"""The S3 storage of uploads (MEDIA_STORAGE=s3): django-storages' S3Storage, except that
the Content-Type of a stored file comes from its name, never from the uploader, and an
attachment is downloaded under its original name.

The upload validators check a file's content and extension, but the browser's own
claim about its type would otherwise be stored with it and sent to every reader: a
valid JPEG sent as text/html is a page, not a picture. Names only keep the extensions
the validators accept, so the type follows from them.

Files are stored under random names (images/uploads.py). A directive's document is
linked with download="Chi-thi-20-CT-TW.pdf", but browsers ignore that attribute for a
file on another origin, as a bucket is: the object gets a Content-Disposition with the
original name instead. Images get none, so an unpublished photo's name stays unknown.
"""

import mimetypes

from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage

from images.uploads import DOWNLOAD_NAME_ATTRIBUTE

UNKNOWN_TYPE = "application/octet-stream"


class MediaS3Storage(S3Storage):
    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        content_type, _ = mimetypes.guess_type(name)
        parameters.setdefault("ContentType", content_type or UNKNOWN_TYPE)
        return parameters

    def _get_write_parameters(self, name, content=None):
        parameters = super()._get_write_parameters(name, content)
        download_name = getattr(content, DOWNLOAD_NAME_ATTRIBUTE, "")
        if download_name:
            parameters["ContentDisposition"] = content_disposition_header(True, download_name)
        return parameters
