"""The admin pages of the models that left the portal app answer at their old addresses."""

import pytest
from factories import SuperUserFactory

from pages.models import Menu

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/portal/menu/", "/admin/pages/menu/"),
        ("/admin/portal/staticpage/add/", "/admin/pages/staticpage/add/"),
        ("/admin/portal/contactmessage/?q=h%E1%BB%8Dp", "/admin/pages/contactmessage/?q=h%E1%BB%8Dp"),
        ("/admin/portal/dailyvisit/", "/admin/visitors/dailyvisit/"),
        ("/admin/portal/auditevent/12/change/", "/admin/audit/auditevent/12/change/"),
        ("/admin/portal/", "/admin/"),
    ],
)
def test_an_old_address_moves_permanently(client, old, new):
    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == new


def test_the_new_address_opens_the_same_page(client):
    menu = Menu.objects.create(name="Trình đơn phụ", slug="phu")
    client.force_login(SuperUserFactory())

    page = client.get(f"/admin/portal/menu/{menu.pk}/change/", follow=True)

    assert page.status_code == 200
    assert page.redirect_chain == [(f"/admin/pages/menu/{menu.pk}/change/", 301)]
    assert page.context["original"] == menu


def test_other_old_portal_addresses_are_not_found(client):
    client.force_login(SuperUserFactory())

    assert client.get("/admin/portal/khong-co/").status_code == 404
