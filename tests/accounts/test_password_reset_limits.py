"""Password reset e-mails are limited per e-mail address and per requesting address, and the
page answers the same whether or not an e-mail was sent."""

import pytest
from django.conf import settings
from django.core import mail
from factories import StaffUserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]


def reset(client, email, ip="198.51.100.20"):
    return client.post("/admin/password_reset/", {"email": email}, REMOTE_ADDR=ip)


def test_default_limits():
    assert settings.PASSWORD_RESET_EMAIL_RATE_LIMIT == 5
    assert settings.PASSWORD_RESET_ADDRESS_RATE_LIMIT == 20


def test_twenty_five_requests_for_one_email_send_five_emails(client):
    StaffUserFactory(username="quen", email="quen@example.vn")

    answers = [reset(client, "quen@example.vn") for _ in range(25)]

    assert len(mail.outbox) == settings.PASSWORD_RESET_EMAIL_RATE_LIMIT
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, "/admin/password_reset/done/")
    }


def test_the_email_limit_ignores_case_and_the_requesting_address(client):
    StaffUserFactory(username="quen2", email="quen2@example.vn")
    for index in range(settings.PASSWORD_RESET_EMAIL_RATE_LIMIT):
        reset(client, "Quen2@Example.VN" if index % 2 else "quen2@example.vn", ip=f"10.0.0.{index}")

    reset(client, "QUEN2@example.vn", ip="10.0.1.1")

    assert len(mail.outbox) == settings.PASSWORD_RESET_EMAIL_RATE_LIMIT


def test_one_address_gets_at_most_its_limit_of_emails_sent(client):
    limit = settings.PASSWORD_RESET_ADDRESS_RATE_LIMIT
    for index in range(limit + 5):
        StaffUserFactory(username=f"nguoi{index}", email=f"nguoi{index}@example.vn")
        reset(client, f"nguoi{index}@example.vn", ip="203.0.113.50")
    assert len(mail.outbox) == limit

    reset(client, f"nguoi{limit + 4}@example.vn", ip="203.0.113.51")

    assert len(mail.outbox) == limit + 1
    assert mail.outbox[-1].to == [f"nguoi{limit + 4}@example.vn"]


def test_over_the_limit_known_and_unknown_addresses_get_the_same_answer(client):
    StaffUserFactory(username="co-that", email="co-that@example.vn")
    for _ in range(settings.PASSWORD_RESET_EMAIL_RATE_LIMIT):
        reset(client, "co-that@example.vn")
        reset(client, "khong-co@example.vn")

    known = reset(client, "co-that@example.vn")
    unknown = reset(client, "khong-co@example.vn")
    sent = len(mail.outbox)

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known.content == unknown.content
    done = client.get(known["Location"])
    assert done.status_code == 200 and "Django" not in done.content.decode()
    assert sent == settings.PASSWORD_RESET_EMAIL_RATE_LIMIT


def test_limits_are_settings(client, settings):
    settings.PASSWORD_RESET_EMAIL_RATE_LIMIT = 2
    StaffUserFactory(username="quen3", email="quen3@example.vn")
    for _ in range(4):
        reset(client, "quen3@example.vn")
    assert len(mail.outbox) == 2


def test_the_limit_holds_in_redis(client, redis_cache):
    StaffUserFactory(username="quen4", email="quen4@example.vn")
    for _ in range(settings.PASSWORD_RESET_EMAIL_RATE_LIMIT + 3):
        reset(client, "quen4@example.vn")
    assert len(mail.outbox) == settings.PASSWORD_RESET_EMAIL_RATE_LIMIT
