"""The S3 storage of uploads (MEDIA_STORAGE=s3): django-storages' S3Storage, except that
the Content-Type of a stored file comes from its name, never from the uploader.

The upload validators check a file's content and extension, but the browser's own
claim about its type would otherwise be stored with it and sent to every reader: a
valid JPEG sent as text/html is a page, not a picture. Names only keep the extensions
the validators accept, so the type follows from them.
"""

import mimetypes

from storages.backends.s3 import S3Storage

UNKNOWN_TYPE = "application/octet-stream"


class MediaS3Storage(S3Storage):
    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        content_type, _ = mimetypes.guess_type(name)
        parameters.setdefault("ContentType", content_type or UNKNOWN_TYPE)
        return parameters
