"""Settings for more than one app server, as an operator gets them from the environment:
the read replica (DATABASE_REPLICA_URL), sessions with Redis, media in an S3 bucket
(MEDIA_STORAGE), and the deploy check that asks for Redis once the set-up is scaled out.

Each case loads portal.settings.base in a fresh process with only the given variables."""

import json

import pytest
from ops_servers import manage, production_env

from operations.media_storage import media_storage_from_env

NAMES = [
    "DATABASES", "DATABASE_ROUTERS", "MIDDLEWARE", "SESSION_ENGINE", "MEDIA_STORAGE",
    "MEDIA_URL", "STORAGES", "SECURE_CSP", "DATABASE_REPLICA_LAG_SECONDS",
]  # fmt: skip
PG = "postgres://cong:secret@db1.example.vn:5432/cong"
REPLICA = "postgres://cong:secret@db2.example.vn:5432/cong"
S3 = {
    "MEDIA_STORAGE": "s3",
    "MEDIA_S3_BUCKET": "cong-media",
    "MEDIA_S3_ENDPOINT_URL": "https://s3.example.vn",
    "MEDIA_S3_ACCESS_KEY_ID": "cong",
    "MEDIA_S3_SECRET_ACCESS_KEY": "bi-mat-dai",
}


def environment(tmp_path, **variables) -> dict:
    env = production_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="portal.settings.base",
        DJANGO_ALLOWED_HOSTS="portal.example.vn",
        EMAIL_HOST="smtp.example.vn",
    )
    env.pop("MEDIA_STORAGE", None)
    env.update(variables)
    return env


def load(tmp_path, **variables) -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {NAMES!r}}}, default=str))"
    )
    result = manage(environment(tmp_path, **variables), "shell", "-c", code)
    return json.loads(result.stdout.strip().splitlines()[-1])


def fails(tmp_path, **variables) -> str:
    result = manage(environment(tmp_path, **variables), "check", check=False)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    return result.stderr


# Read replica ----------------------------------------------------------------------------


def test_without_a_replica_nothing_is_routed(tmp_path):
    loaded = load(tmp_path, DATABASE_URL=PG)
    assert set(loaded["DATABASES"]) == {"default"}
    assert loaded["DATABASE_ROUTERS"] == []
    assert "operations.db_router.ReplicaReadsMiddleware" not in loaded["MIDDLEWARE"]


def test_a_replica_gets_the_router_the_middleware_and_the_same_pool(tmp_path):
    loaded = load(tmp_path, DATABASE_URL=PG, DATABASE_REPLICA_URL=REPLICA, DATABASE_POOL_MAX="7")
    primary, replica = loaded["DATABASES"]["default"], loaded["DATABASES"]["replica"]
    assert (primary["HOST"], replica["HOST"]) == ("db1.example.vn", "db2.example.vn")
    assert replica["ENGINE"] == "django.db.backends.postgresql"
    assert replica["OPTIONS"]["pool"]["max_size"] == primary["OPTIONS"]["pool"]["max_size"] == 7
    assert replica["OPTIONS"]["connect_timeout"] == 2
    assert replica["CONN_MAX_AGE"] == 0
    assert loaded["DATABASE_ROUTERS"] == ["operations.db_router.ReplicaRouter"]
    assert loaded["DATABASE_REPLICA_LAG_SECONDS"] == 10
    middleware = loaded["MIDDLEWARE"]
    auth = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert middleware[auth + 1] == "operations.db_router.ReplicaReadsMiddleware"


def test_a_replica_needs_postgresql(tmp_path):
    error = fails(tmp_path, DATABASE_REPLICA_URL=REPLICA)  # primary: the quickstart's SQLite
    assert "DATABASE_REPLICA_URL needs PostgreSQL" in error


# Sessions -------------------------------------------------------------------------------


def test_with_redis_sessions_are_cached_and_kept_in_the_database(tmp_path):
    loaded = load(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0")
    assert loaded["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_without_redis_sessions_stay_in_the_database(tmp_path):
    assert load(tmp_path)["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


# Media storage --------------------------------------------------------------------------


def test_media_stay_on_the_local_disk_by_default(tmp_path):
    loaded = load(tmp_path)
    assert loaded["MEDIA_STORAGE"] == "local"
    assert loaded["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert loaded["MEDIA_URL"] == "/media/"


def test_media_in_an_s3_compatible_bucket(tmp_path):
    loaded = load(tmp_path, **S3)
    storage = loaded["STORAGES"]["default"]
    assert storage["BACKEND"] == "operations.s3_storage.MediaS3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "cong-media"
    assert options["endpoint_url"] == "https://s3.example.vn"
    assert options["addressing_style"] == "path"
    assert (options["access_key"], options["secret_key"]) == ("cong", "bi-mat-dai")
    # Public links without a signature, names never overwritten, cacheable for a week.
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False
    assert options["object_parameters"] == {"CacheControl": "public, max-age=604800"}
    assert loaded["MEDIA_STORAGE"] == "s3"
    assert loaded["MEDIA_URL"] == "https://s3.example.vn/cong-media/"
    # Pictures from the bucket are allowed by the Content-Security-Policy.
    assert "https://s3.example.vn" in loaded["SECURE_CSP"]["img-src"]
    assert "https://s3.example.vn" in loaded["SECURE_CSP"]["media-src"]


def test_a_custom_domain_in_front_of_the_bucket_gives_the_links(tmp_path):
    loaded = load(
        tmp_path, **S3, MEDIA_S3_CUSTOM_DOMAIN="media.portal.example.vn", MEDIA_S3_PREFIX="cong/"
    )
    options = loaded["STORAGES"]["default"]["OPTIONS"]
    assert options["custom_domain"] == "media.portal.example.vn"
    assert options["location"] == "cong"
    assert loaded["MEDIA_URL"] == "https://media.portal.example.vn/cong/"
    assert "https://media.portal.example.vn" in loaded["SECURE_CSP"]["img-src"]


def test_the_check_deploy_passes_with_media_in_a_bucket_and_redis(tmp_path):
    env = environment(tmp_path, **S3, REDIS_URL="redis://127.0.0.1:6379/0")
    for key in ("DJANGO_SECURE_SSL_REDIRECT", "DJANGO_SECURE_COOKIES", "DJANGO_BEHIND_TLS_PROXY"):
        env.pop(key)
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING", check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_deploy_asks_for_redis_once_the_set_up_is_scaled_out(tmp_path):
    env = environment(tmp_path, **S3)
    result = manage(env, "check", "--deploy", check=False)
    assert "portal.W010" in result.stderr
    assert "REDIS_URL" in result.stderr
    # Not an error: one server with one worker process may well do without Redis.
    assert result.returncode == 0


def test_an_unknown_media_storage_fails_at_start_up(tmp_path):
    error = fails(tmp_path, MEDIA_STORAGE="ftp")
    assert "MEDIA_STORAGE='ftp' is not known" in error


def test_a_bucket_is_required_with_s3(tmp_path):
    error = fails(tmp_path, MEDIA_STORAGE="s3")
    assert "MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET" in error


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"MEDIA_S3_ENDPOINT_URL": "s3.example.vn"}, "MEDIA_S3_ENDPOINT_URL must be an http(s)"),
        ({"MEDIA_S3_ADDRESSING_STYLE": "sideways"}, "MEDIA_S3_ADDRESSING_STYLE must be one of"),
    ],
)
def test_bad_s3_settings_are_named(variables, message):
    with pytest.raises(Exception, match=message.replace("(", r"\(").replace(")", r"\)")):
        media_storage_from_env({**S3, **variables})


def test_on_aws_the_links_use_the_bucket_s_own_address():
    storage = media_storage_from_env(
        {
            "MEDIA_STORAGE": "S3", "MEDIA_S3_BUCKET": "cong-media",
            "MEDIA_S3_REGION": "ap-southeast-1",
        }
    )
    assert storage.url == "https://cong-media.s3.ap-southeast-1.amazonaws.com/"
    assert storage.options["custom_domain"] == "cong-media.s3.ap-southeast-1.amazonaws.com"
    assert storage.options["addressing_style"] is None
    assert "endpoint_url" not in storage.options
    assert "access_key" not in storage.options  # boto3 finds AWS_ACCESS_KEY_ID or a role itself
