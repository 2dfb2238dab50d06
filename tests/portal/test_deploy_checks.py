"""`manage.py check --deploy` refuses a wildcard in DJANGO_ALLOWED_HOSTS and a weak secret key
with errors (portal.E001, portal.E002); a key of only spaces stops start-up."""

import secrets
import string

import pytest
from django.core.checks import run_checks
from ops_servers import manage
from test_deploy_settings import production

from portal.settings.base import DEVELOPMENT_SECRET_KEY


def deploy_issues(settings, **values) -> dict[str, str]:
    for name, value in values.items():
        setattr(settings, name, value)
    return {
        issue.id: issue.msg
        for issue in run_checks(tags=["security"], include_deployment_checks=True)
        if issue.id and issue.id.startswith("portal.E")
    }


@pytest.mark.parametrize(
    "hosts",
    [["*"], ["portal.example.vn", "*"], ["*.example.vn"], [".example.vn", "*"]],
)
def test_a_wildcard_host_is_an_error(settings, hosts):
    issues = deploy_issues(
        settings, PORTAL_FALLBACK_HOSTS=hosts, SECRET_KEY=secrets.token_urlsafe(50)
    )
    assert set(issues) == {"portal.E001"}
    assert "DJANGO_ALLOWED_HOSTS contains" in issues["portal.E001"]


@pytest.mark.parametrize(
    "key",
    [
        "changeme",
        "Change-Me",
        "secret",
        DEVELOPMENT_SECRET_KEY,
        "test-only-secret-key-not-for-production",
        "django-insecure-" + secrets.token_urlsafe(40),
        secrets.token_urlsafe(30),  # random, but short
        "x" * 80,
        "changeme" * 10,
        "abcdefghijklmnopqrstuvwxyz" * 3,
        string.ascii_letters + string.digits,  # runs of neighbouring characters
        "aAbBcCdDeEfF" * 6,
    ],
)
def test_a_weak_secret_key_is_an_error(settings, key):
    issues = deploy_issues(
        settings, PORTAL_FALLBACK_HOSTS=["portal.example.vn"], SECRET_KEY=key
    )
    assert set(issues) == {"portal.E002"}
    assert issues["portal.E002"].startswith("DJANGO_SECRET_KEY is not fit for production: ")


def test_a_random_key_and_named_hosts_pass(settings):
    for _ in range(20):
        issues = deploy_issues(
            settings,
            PORTAL_FALLBACK_HOSTS=["portal.example.vn", ".example.vn"],
            SECRET_KEY=secrets.token_urlsafe(50),
        )
        assert issues == {}


def test_check_deploy_fails_on_a_wildcard_host_and_on_a_known_key(tmp_path):
    env = production(tmp_path, DJANGO_ALLOWED_HOSTS="*", DJANGO_SECRET_KEY="changeme")

    result = manage(env, "check", "--deploy", check=False)

    assert result.returncode != 0
    assert "portal.E001" in result.stderr
    assert "portal.E002" in result.stderr
    assert "DJANGO_ALLOWED_HOSTS contains '*'" in result.stderr


@pytest.mark.parametrize("debug", ["", "1"])
def test_a_secret_key_of_only_spaces_is_never_accepted(tmp_path, debug):
    env = production(tmp_path, DJANGO_SECRET_KEY="     ", DJANGO_DEBUG=debug)

    result = manage(env, "check", check=False)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is only spaces" in result.stderr
