"""Media in an S3-compatible bucket (MEDIA_STORAGE=s3) against a real S3 server over HTTP:
uploads through the editor's upload view and the article's cover go into the bucket, the
links on the pages point to the bucket, and the files read back from those links are the
bytes that were uploaded.

The server: S3_TEST_ENDPOINT_URL (e.g. a MinIO at http://127.0.0.1:9000, with its keys in
AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), or else moto's S3 server (`moto_server`) started
on a free loopback port when it is installed. Without either the tests are skipped."""

import contextlib
import json
import os
import re
import secrets
import shutil
import subprocess
import urllib.request

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from factories import (
    ArticleFactory,
    DirectiveFactory,
    LibraryDocumentFactory,
    LibraryImageFactory,
)
from ops_servers import free_port, wait_for_port
from sample_files import jpeg_bytes, pdf_bytes, upload

from news.models import Article
from operations.media_storage import media_storage_from_env

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_endpoint():
    endpoint = os.environ.get("S3_TEST_ENDPOINT_URL", "").strip()
    if endpoint:
        yield endpoint, (
            os.environ.get("AWS_ACCESS_KEY_ID", "minioadmin"),
            os.environ.get("AWS_SECRET_ACCESS_KEY", "minioadmin"),
        )
        return
    program = shutil.which("moto_server")
    if program is None:
        pytest.skip(
            "Không có máy chủ S3 để kiểm thử: đặt S3_TEST_ENDPOINT_URL (ví dụ MinIO) hoặc cài "
            "moto[server] / no S3 server to test against: set S3_TEST_ENDPOINT_URL or install "
            "moto[server] (moto_server)"
        )
    port = free_port()
    process = subprocess.Popen(
        [program, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        try:
            wait_for_port(port, timeout=30)
        except TimeoutError:
            pytest.skip("moto_server did not start")
        yield f"http://127.0.0.1:{port}", ("test-key", "test-secret")
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@pytest.fixture
def bucket(s3_endpoint, settings):
    """A new public-read bucket, and the portal's storage configured for it from the same
    variables an operator sets."""
    import boto3

    endpoint, (key, secret) = s3_endpoint
    name = f"cong-test-{secrets.token_hex(4)}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id=key, aws_secret_access_key=secret,
        region_name="us-east-1",
    )  # fmt: skip
    client.create_bucket(Bucket=name)
    client.put_bucket_policy(
        Bucket=name,
        Policy=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject"],
                "Resource": [f"arn:aws:s3:::{name}/*"],
            }],
        }),
    )  # fmt: skip
    media = media_storage_from_env(
        {
            "MEDIA_STORAGE": "s3",
            "MEDIA_S3_BUCKET": name,
            "MEDIA_S3_ENDPOINT_URL": endpoint,
            "MEDIA_S3_ACCESS_KEY_ID": key,
            "MEDIA_S3_SECRET_ACCESS_KEY": secret,
        }
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": media.backend, "OPTIONS": media.options},
    }
    settings.MEDIA_URL = media.url
    yield client, name, media.url
    with contextlib.suppress(Exception):
        for item in client.list_objects_v2(Bucket=name).get("Contents", []):
            client.delete_object(Bucket=name, Key=item["Key"])
        client.delete_bucket(Bucket=name)


def keys(client, name) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", []))


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), response.headers


def test_an_image_uploaded_in_the_editor_goes_to_the_bucket_and_reads_back(
    reporter_client, bucket, media_files
):
    s3, name, media_url = bucket
    client = reporter_client
    picture = jpeg_bytes(size=(120, 80))

    # The browser's claim about the type is not what readers get: the name decides.
    sent = upload(picture, "Ảnh hội nghị.jpg", content_type="text/html")
    response = client.post("/editor/upload-image/", {"upload": sent})

    assert response.status_code == 200, response.content
    url = response.json()["url"]
    assert url.startswith(media_url)  # a public link to the bucket, without a signature
    assert "Signature" not in url
    assert "X-Amz" not in url
    # The upload goes into the library; the task has made its renditions beside it.
    [key] = [key for key in keys(s3, name) if not key.startswith("renditions/")]
    assert key.startswith("library/images/")
    assert key.endswith(".jpg")
    body, headers = fetch(url)
    assert body == picture
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == "public, max-age=604800"
    assert media_files() == []  # nothing on the app server's disk


def test_the_same_name_twice_keeps_both_files(bucket):
    s3, name, _ = bucket
    first = default_storage.save("articles/anh.jpg", upload(jpeg_bytes(), "anh.jpg"))
    second = default_storage.save("articles/anh.jpg", upload(jpeg_bytes(size=(10, 10)), "anh.jpg"))

    assert first == "articles/anh.jpg"
    assert second != first
    assert keys(s3, name) == sorted([first, second])
    default_storage.delete(second)
    assert keys(s3, name) == [first]


def test_an_article_cover_is_stored_in_the_bucket_and_linked_from_the_page(client, bucket):
    s3, name, media_url = bucket
    picture = jpeg_bytes(size=(800, 450))
    article = ArticleFactory(
        title="Khánh thành cầu Rạch Miễu 2",
        cover=LibraryImageFactory(file=upload(picture, "cau-rach-mieu.jpg")),
    )

    stored = keys(s3, name)
    assert article.cover.file.name in stored
    # Random names in the bucket too, renditions included; the uploader's name is not a key.
    assert re.fullmatch(r"library/images/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", article.cover.file.name)
    assert all(key.startswith(("library/images/", f"renditions/{article.cover.file.name}/"))
               for key in stored)
    assert not any("cau-rach-mieu" in key for key in stored)
    assert "ContentDisposition" not in s3.head_object(Bucket=name, Key=article.cover.file.name)
    body, _ = fetch(article.cover.file.url)
    assert body == picture
    # The renditions were made from the bucket's copy and written back into the bucket.
    renditions = [key for key in stored if key != article.cover.file.name]
    assert any(key.endswith(".webp") for key in renditions)
    assert any(key.endswith(".jpg") for key in renditions)

    listing = client.get("/tin-tuc/")
    assert listing.status_code == 200
    [src] = re.findall(r'<a class="card-image" href="/tin-tuc/khanh-thanh-cau-rach-mieu-2/"'
                       r'[^>]*><picture>.*?<img src="([^"]+)"', listing.text)  # fmt: skip
    assert src.startswith(media_url)  # the picture on the page comes from the bucket
    body, headers = fetch(src)
    assert headers["Content-Type"] == "image/jpeg"
    assert body[:2] == b"\xff\xd8"

    page = client.get(article.get_absolute_url())
    assert f'<meta property="og:image" content="{media_url}' in page.text


def test_a_directive_document_downloads_from_the_bucket_under_its_original_name(bucket):
    s3, name, _ = bucket
    document = LibraryDocumentFactory(
        file=upload(pdf_bytes(), "Chỉ thị 20-CT-TW.pdf", content_type="text/html")
    )
    directive = DirectiveFactory(document=document)

    [key] = keys(s3, name)
    assert key == directive.document.file.name
    assert re.fullmatch(r"library/documents/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", key)
    body, headers = fetch(directive.document.file.url)
    assert body == pdf_bytes()
    assert headers["Content-Type"] == "application/pdf"
    # Browsers ignore download="…" for another origin: the bucket names the file itself.
    assert headers["Content-Disposition"] == (
        "attachment; filename*=utf-8''Ch%E1%BB%89%20th%E1%BB%8B%2020-CT-TW.pdf"
    )


def test_renaming_an_unpublished_article_s_files_works_in_the_bucket(bucket):
    s3, name, _ = bucket
    old = default_storage.save("articles/covers/2026/12/bia-hoi-nghi.jpg",
                               upload(jpeg_bytes(size=(640, 360)), "bia-hoi-nghi.jpg"))
    article = ArticleFactory(  # stored by an older version, under the uploader's name
        status=Article.Status.DRAFT, published_at=None, cover=LibraryImageFactory(file=old),
    )
    assert any(key.startswith(f"renditions/{old}/") for key in keys(s3, name))

    call_command("rename_unpublished_media", verbosity=0)

    article.refresh_from_db()
    new = article.cover.file.name
    assert re.fullmatch(r"library/images/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", new)
    stored = keys(s3, name)
    assert not any("bia-hoi-nghi" in key for key in stored)
    assert new in stored
    assert any(key.startswith(f"renditions/{new}/") for key in stored)
    assert fetch(article.cover.file.url)[0][:2] == b"\xff\xd8"
