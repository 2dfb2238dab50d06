"""An installation of one portal upgrades without losing a menu or a website link: pages 0008
gives them to the main portal (made when missing), 0009 makes the portal required, and a
menu's code stays unique within a portal only."""

import pytest
from migration_steps import migrate

BEFORE = [("pages", "0007_portalinformation_portal"), ("portals", "0002_portal_theme")]
AFTER = [("pages", "0009_menu_portal_required")]


@pytest.mark.django_db(transaction=True)
def test_existing_menus_and_links_become_the_main_portals():
    try:
        old = migrate(BEFORE).loader.project_state(BEFORE).apps
        old.get_model("portals", "Portal").objects.all().delete()
        menu = old.get_model("pages", "Menu").objects.create(name="Menu chính", slug="main")
        old.get_model("pages", "MenuItem").objects.create(
            menu=menu, title="Tin tức", link="/tin-tuc/", order=1, is_active=True,
        )
        old.get_model("pages", "WebsiteLink").objects.create(
            name="Cổng TTĐT Chính phủ", address="https://chinhphu.vn/", order=1, is_active=True,
        )

        new = migrate(AFTER).loader.project_state(AFTER).apps

        Portal = new.get_model("portals", "Portal")
        main = Portal.objects.get(is_main=True)
        upgraded = new.get_model("pages", "Menu").objects.get()
        assert upgraded.portal_id == main.pk
        assert [item.title for item in upgraded.items.all()] == ["Tin tức"]
        link = new.get_model("pages", "WebsiteLink").objects.get()
        assert (link.portal_id, link.name) == (main.pk, "Cổng TTĐT Chính phủ")
        other = Portal.objects.create(is_main=False)
        new.get_model("pages", "Menu").objects.create(portal=other, name="Menu", slug="main")
        assert new.get_model("pages", "Menu").objects.filter(slug="main").count() == 2
    finally:
        # Later tests run on an empty database, as the rest of the suite expects.
        migrate(None)
        from pages.models import Menu, WebsiteLink
        from portals.models import Portal

        Menu.objects.all().delete()
        WebsiteLink.objects.all().delete()
        Portal.objects.filter(is_main=False).delete()
