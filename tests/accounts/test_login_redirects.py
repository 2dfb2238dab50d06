"""After logging in, staff land on the page they came for, or on the admin's index when
?next= points elsewhere: never on another site, never on a 404."""

import pytest
from factories import PASSWORD, StaffUserFactory

pytestmark = pytest.mark.django_db

UNSAFE = [
    "https://evil.example/",
    "//evil.example",
    "//evil.example/admin/",
    "/\\evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "https://testserver.evil.example/admin/",
]


@pytest.fixture
def staff():
    return StaffUserFactory(username="chuyen-huong")


@pytest.mark.parametrize("target", UNSAFE)
def test_an_unsafe_next_lands_on_the_admin_index(client, staff, target):
    response = client.post(
        "/admin/login/?" + f"next={target}",
        {"username": "chuyen-huong", "password": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("target", UNSAFE)
def test_an_unsafe_next_in_the_form_lands_on_the_admin_index(client, staff, target):
    response = client.post(
        "/admin/login/",
        {"username": "chuyen-huong", "password": PASSWORD, "next": target},
        follow=True,
    )

    assert response.redirect_chain[-1] == ("/admin/", 302)
    assert response.status_code == 200


def test_a_safe_next_is_kept(client, staff):
    response = client.post(
        "/admin/login/?next=/admin/password_change/",
        {"username": "chuyen-huong", "password": PASSWORD},
    )
    assert response["Location"] == "/admin/password_change/"
