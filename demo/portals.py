"""The demo's portals: the Tỉnh ủy's (the main portal) and the Tỉnh Đoàn's, each with its
primary domain, its information (names, footer) and its own menu.

Browsers send *.localhost to this machine, so http://tinhuy.localhost:8000/ and
http://tinhdoan.localhost:8000/ reach `make run` without editing /etc/hosts; 127.0.0.1 and
localhost stay the main portal (the server's own names, PORTAL_FALLBACK_HOSTS).

ensure_demo_portals() may run any number of times: a portal, a domain, an information record
or a menu that exists (also when an editor changed it) is left alone.
"""

from dataclasses import dataclass

from django.db import transaction

from demo import data
from demo.site import PORTAL_INFORMATION
from news.models import Category
from organizations.models import Organization
from pages.models import Menu, MenuItem, PortalInformation
from portals.models import Portal, PortalDomain

MAIN_DOMAIN = "tinhuy.localhost"
YOUTH_UNION_DOMAIN = "tinhdoan.localhost"

YOUTH_UNION_INFORMATION = {
    "full_name": "Cổng thông tin điện tử Tỉnh Đoàn Bến Tre",
    "short_name": "Tỉnh Đoàn Bến Tre",
    "party_line": "Đoàn TNCS Hồ Chí Minh",
    "owner": "Ban Thường vụ Tỉnh Đoàn Bến Tre",
    "address": f"Số 2, đường Đồng Khởi, {data.PROVINCE_ADDRESS}",
    "phone": "0275 3599 100",  # the Tỉnh Đoàn's own (demo/data.py)
    "email": f"tinhdoan@{data.EMAIL_DOMAIN}",
    "responsible_person": "Nguyễn Thị Mỹ Nương — Phó Bí thư Tỉnh Đoàn",
    "licence": "Giấy phép số 21/GP-TTĐT do Sở Thông tin và Truyền thông tỉnh Bến Tre cấp ngày "
    "20/5/2024",
    "description": "Kênh thông tin của Tỉnh Đoàn Bến Tre: hoạt động Đoàn, Hội, Đội và phong "
    "trào thanh thiếu nhi trong tỉnh.",
    "english_name": "Ben Tre Provincial Youth Union Portal",
    "english_owner": "Standing Committee of the Ben Tre Provincial Youth Union",
    "english_short_name": "Ben Tre Youth Union",
    "visitors_start_total": 214_380,
}

# The Tỉnh Đoàn's header menu: (title, link, open in a new tab). "{youth}" is the category
# "Hoạt động Đoàn", "{organization}" the Tỉnh Đoàn's page in the organisation tree.
YOUTH_UNION_MENU_ITEMS = [
    ("Trang chủ", "/", False),
    ("Hoạt động Đoàn", "{youth}", False),
    ("Tin tức", "/tin-tuc/", False),
    ("Văn bản", "/van-ban/", False),
    ("Tỉnh Đoàn", "{organization}", False),
    ("Liên hệ", "/lien-he/", False),
]


@dataclass(frozen=True)
class DemoPortal:
    portal: Portal
    domain: str
    created: bool


def menus_have_portals() -> bool:
    """Whether menus belong to a portal (Menu.portal); before that, every portal shows the
    one main menu."""
    # Asks the model only: the tests decide at import time, before any database is there.
    return any(field.name == "portal" for field in Menu._meta.get_fields())


@transaction.atomic
def ensure_demo_portals() -> list[DemoPortal]:
    """The main portal (the Tỉnh ủy's) and the Tỉnh Đoàn's portal, main first."""
    committee = Organization.objects.get(slug=data.PROVINCIAL_COMMITTEE)
    youth_union = Organization.objects.get(slug=data.PROVINCIAL_YOUTH_UNION)

    main = Portal.objects.filter(is_main=True).first()
    main_created = main is None
    if main is None:
        main = Portal.objects.create(is_main=True, organization=committee)
    elif main.organization_id is None and not Portal.objects.filter(
        organization=committee
    ).exists():
        main.organization = committee
        main.save(update_fields=["organization"])
    main_domain = _ensure_primary_domain(main, MAIN_DOMAIN)
    _ensure_information(main, PORTAL_INFORMATION)

    youth, youth_created = Portal.objects.get_or_create(organization=youth_union)
    youth_domain = _ensure_primary_domain(youth, YOUTH_UNION_DOMAIN)
    _ensure_information(youth, YOUTH_UNION_INFORMATION)
    if menus_have_portals():
        _ensure_youth_union_menu(youth, youth_union)
    return [
        DemoPortal(main, main_domain, main_created),
        DemoPortal(youth, youth_domain, youth_created),
    ]


def _ensure_primary_domain(portal: Portal, domain: str) -> str:
    """The portal's primary domain: `domain` unless it has one already (or another portal
    took `domain`)."""
    primary = portal.domains.filter(is_primary=True).first()
    if primary is not None:
        return primary.domain
    if PortalDomain.objects.filter(domain=domain).exclude(portal=portal).exists():
        return ""
    found, _ = PortalDomain.objects.get_or_create(portal=portal, domain=domain)
    if not found.is_primary:
        found.is_primary = True
        found.save(update_fields=["is_primary"])
    return found.domain


def _ensure_information(portal: Portal, values: dict) -> PortalInformation:
    """The portal's record, unless one exists (the logo stays empty: the emblem is shown)."""
    stored = PortalInformation.objects.filter(portal=portal).first()
    if stored is not None:
        return stored
    information = PortalInformation(portal=portal, **values)
    information.full_clean()
    information.save()
    return information


def _ensure_youth_union_menu(portal: Portal, youth_union: Organization) -> Menu:
    menu = Menu.objects.filter(portal=portal, slug="main").first()
    if menu is None:
        menu = Menu.objects.create(portal=portal, slug="main", name="Menu chính Tỉnh Đoàn")
    if menu.items.exists():  # arranged already, by an earlier run or an editor
        return menu
    youth = Category.objects.filter(slug=data.YOUTH).first()
    places = {
        "{youth}": youth.get_absolute_url() if youth else "/tin-tuc/",
        "{organization}": youth_union.get_absolute_url(),
    }
    for position, (title, link, new_tab) in enumerate(YOUTH_UNION_MENU_ITEMS, start=1):
        MenuItem.objects.create(
            menu=menu, parent=None, title=title, link=places.get(link, link),
            order=position * 10, open_in_new_tab=new_tab,
        )
    return menu
