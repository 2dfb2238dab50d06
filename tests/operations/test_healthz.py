"""/healthz for load balancers and monitoring. Failures of the database and of Redis are
covered against real servers in test_failure_behaviour.py."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from factories import LibraryImageFactory
from ops_servers import RedisServer, free_port

from images.tasks import make_image_renditions

pytestmark = pytest.mark.django_db


def test_healthy_instance_answers_200_json(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_probe_touches_no_session_and_sets_no_cookie(client, superuser):
    client.force_login(superuser)  # a session cookie comes with the probe
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", ""), "the session was read"


def test_only_get_and_head(client):
    assert client.head(reverse("healthz")).status_code == 200
    assert client.post(reverse("healthz")).status_code == 405


def test_plain_http_probe_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("home")).status_code == 301


def redis_caches(url):
    return {
        "default": {
            "BACKEND": "caching.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_with_redis_the_cache_is_checked_for_real(client):
    with RedisServer() as server, override_settings(CACHES=redis_caches(server.url)):
        assert client.get(reverse("healthz")).json()["cache"] == "ok"


def test_unreachable_redis_makes_the_probe_fail(client):
    with override_settings(CACHES=redis_caches(f"redis://127.0.0.1:{free_port()}/0")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}


def test_with_the_database_task_backend_a_task_waiting_too_long_is_reported(
    client, database_tasks, settings
):
    assert client.get(reverse("healthz")).json()["tasks"] == "ok"
    image = LibraryImageFactory()
    DBTaskResult.objects.all().delete()  # the image's own, done by the worker below anyway
    make_image_renditions.enqueue(
        model="library.LibraryImage", pk=image.pk, field="file",
        description_field="card_renditions", kind="card", source="khong-co.jpg",
    )
    settings.TASKS_STUCK_MINUTES = 10
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=9))
    assert client.get(reverse("healthz")).json()["tasks"] == "ok"
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=11))
    response = client.get(reverse("healthz"))
    # The instance still serves pages: monitoring alerts, the load balancer keeps it.
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "tasks": "stuck"}
    database_tasks()
    assert client.get(reverse("healthz")).json()["tasks"] == "ok"
