"""Where uploaded media live: the local disk, or an S3-compatible bucket (MEDIA_STORAGE).

Read by portal/settings/base.py, before Django is set up:

    media_storage_from_env(os.environ) -> MediaStorage(backend=..., options=..., url=...)

MEDIA_STORAGE=local (the default) keeps FileSystemStorage under DJANGO_MEDIA_ROOT.
MEDIA_STORAGE=s3 stores them through django-storages (operations/s3_storage.py) in MEDIA_S3_BUCKET,
on AWS or on any S3-compatible server (MinIO, Ceph, Garage, a cloud provider's object
storage) given by MEDIA_S3_ENDPOINT_URL. Files are public and their URLs carry no
signature, so pages and the page cache keep the same links; names are never
overwritten (as on disk, a second "anh.jpg" gets a suffix). `url` is the address
files are served from, so the Content-Security-Policy can allow exactly that origin.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"
S3_BACKEND = "operations.s3_storage.MediaS3Storage"
# Uploads keep their name for good (a new upload gets a new name), so browsers and a CDN
# may keep them for a week, as nginx does for /media/ on a single server.
CACHE_CONTROL = "public, max-age=604800"
ADDRESSING_STYLES = {"auto", "path", "virtual"}


@dataclass(frozen=True)
class MediaStorage:
    kind: str
    backend: str
    options: dict = field(default_factory=dict)
    url: str | None = None  # None: DJANGO_MEDIA_URL stays as it is


def media_storage_from_env(environ: Mapping[str, str]) -> MediaStorage:
    kind = environ.get("MEDIA_STORAGE", "").strip().lower() or "local"
    if kind == "local":
        return MediaStorage(kind="local", backend=LOCAL_BACKEND)
    if kind == "s3":
        return _s3(environ)
    raise ImproperlyConfigured(
        f"MEDIA_STORAGE={kind!r} is not known: use 'local' (files on this server's disk, "
        "the default) or 's3' (an S3-compatible bucket, see MEDIA_S3_BUCKET)."
    )


def _s3(environ: Mapping[str, str]) -> MediaStorage:
    def value(name: str) -> str:
        return environ.get(name, "").strip()

    bucket = _bucket(value("MEDIA_S3_BUCKET"))
    endpoint = _endpoint(value("MEDIA_S3_ENDPOINT_URL"))
    region = value("MEDIA_S3_REGION") or "us-east-1"
    addressing = _addressing_style(value("MEDIA_S3_ADDRESSING_STYLE"), endpoint=endpoint)
    prefix = value("MEDIA_S3_PREFIX").strip("/")
    domain = value("MEDIA_S3_CUSTOM_DOMAIN").removeprefix("https://").removeprefix("http://")
    domain = domain.rstrip("/")
    if not domain and not endpoint:
        # AWS: the bucket's own virtual-hosted address, valid in every region.
        domain = f"{bucket}.s3.{region}.amazonaws.com"

    options = {
        "bucket_name": bucket,
        "region_name": region,
        "addressing_style": None if addressing == "auto" else addressing,
        "signature_version": "s3v4",
        "location": prefix,
        "querystring_auth": False,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": CACHE_CONTROL},
    }
    if endpoint:
        options["endpoint_url"] = endpoint
    if domain:
        options["custom_domain"] = domain
    # Without these, boto3 finds credentials itself: AWS_ACCESS_KEY_ID and
    # AWS_SECRET_ACCESS_KEY, ~/.aws/credentials, or the machine's IAM role.
    if value("MEDIA_S3_ACCESS_KEY_ID"):
        options["access_key"] = value("MEDIA_S3_ACCESS_KEY_ID")
    if value("MEDIA_S3_SECRET_ACCESS_KEY"):
        options["secret_key"] = value("MEDIA_S3_SECRET_ACCESS_KEY")
    url = _files_url(
        bucket=bucket, endpoint=endpoint, addressing=addressing, domain=domain, prefix=prefix
    )
    return MediaStorage(kind="s3", backend=S3_BACKEND, options=options, url=url)


def _bucket(bucket: str) -> str:
    if not bucket:
        raise ImproperlyConfigured(
            "MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET, the name of the bucket that holds "
            "the uploads (and MEDIA_S3_ENDPOINT_URL unless the bucket is on AWS)."
        )
    return bucket


def _endpoint(endpoint: str) -> str:
    """MEDIA_S3_ENDPOINT_URL without its trailing slash; empty for AWS."""
    if not endpoint:
        return ""
    parts = urlsplit(endpoint)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ImproperlyConfigured(
            f"MEDIA_S3_ENDPOINT_URL must be an http(s) address such as "
            f"https://s3.example.vn, not {endpoint!r}."
        )
    return endpoint.rstrip("/")


def _addressing_style(addressing: str, *, endpoint: str) -> str:
    # S3-compatible servers mostly want the bucket in the path; AWS prefers it in the host.
    addressing = addressing.lower() or ("path" if endpoint else "auto")
    if addressing not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"MEDIA_S3_ADDRESSING_STYLE must be one of {', '.join(sorted(ADDRESSING_STYLES))}, "
            f"not {addressing!r}."
        )
    return addressing


def _files_url(*, bucket: str, endpoint: str, addressing: str, domain: str, prefix: str) -> str:
    """The address files are served from: the custom (or AWS) domain, else the endpoint."""
    if domain:
        url = f"https://{domain}/"
    elif addressing == "path":
        url = f"{endpoint}/{bucket}/"
    else:
        parts = urlsplit(endpoint)
        url = f"{parts.scheme}://{bucket}.{parts.netloc}/"
    return f"{url}{prefix}/" if prefix else url
