"""Demo content for the site-wide parts: the portal's information, the main menu (and its
English "main-en") and the 'Giới thiệu' and 'Bến Tre' pages.

ensure_demo_site_content() may run any number of times: what exists already
(also when an editor has changed it) is left alone, only what is missing is
added.
"""

from django.db import transaction

from demo.data import EMAIL_DOMAIN, PROVINCE_ADDRESS
from news.models import Category
from pages.models import Menu, MenuItem, PortalInformation, StaticPage
from portals.models import Portal

E_OFFICE_URL = "https://vpdt.bentre.dcs.vn/"

ABOUT_PAGE = {
    "slug": "gioi-thieu",
    "title": "Giới thiệu",
    "summary": "Giới thiệu Cổng thông tin điện tử của Tỉnh ủy: nhiệm vụ, nội dung và cách liên hệ.",
    "body": (
        "<p>Cổng thông tin điện tử là kênh thông tin chính thức của Tỉnh ủy trên Internet, "
        "đăng tải tin tức về hoạt động của Tỉnh ủy, các ban, cơ quan tham mưu, giúp việc và "
        "tổ chức Đoàn, Hội trong tỉnh.</p>"
        "<h2>Nội dung chính</h2>"
        "<ul>"
        "<li>Tin tức, sự kiện về công tác xây dựng Đảng, chính trị, kinh tế, văn hóa, xã hội;</li>"
        "<li>Văn bản chỉ đạo của Trung ương và của Tỉnh ủy;</li>"
        "<li>Cơ cấu tổ chức, lãnh đạo và thông tin liên hệ của các cơ quan, đơn vị.</li>"
        "</ul>"
        "<h2>Liên hệ</h2>"
        "<p>Bạn đọc gửi ý kiến, câu hỏi qua trang <a href=\"/lien-he/\">Liên hệ</a>.</p>"
    ),
}

PROVINCE_PAGE = {
    "slug": "tinh-ben-tre",
    "title": "Bến Tre",
    "summary": "Bến Tre — xứ dừa, quê hương Đồng Khởi: vị trí, đất và người.",
    "body": (
        "<p>Bến Tre nằm ở hạ lưu sông Mê Kông, giáp Biển Đông, được bồi đắp bởi bốn nhánh "
        "sông Tiền, Ba Lai, Hàm Luông và Cổ Chiên, gồm ba dải cù lao lớn: An Hóa, Bảo và "
        "Minh.</p>"
        "<p>Vùng đất này nổi tiếng với cây dừa và các sản phẩm từ dừa, cây ăn trái, hoa kiểng "
        "Chợ Lách, và là quê hương của phong trào Đồng Khởi năm 1960.</p>"
        "<h2>Sắp xếp đơn vị hành chính</h2>"
        "<p>Từ ngày 01/7/2025, theo Nghị quyết số 202/2025/QH15 của Quốc hội, tỉnh Bến Tre, "
        "tỉnh Trà Vinh và tỉnh Vĩnh Long hợp nhất thành tỉnh Vĩnh Long.</p>"
    ),
}

# (title, link, open in a new tab); "Tin tức" gets the top-level categories as sub-items.
MAIN_MENU_ITEMS = [
    ("Trang chủ", "/", False),
    ("Giới thiệu", "/trang/gioi-thieu/", False),
    ("Bến Tre", "/trang/tinh-ben-tre/", False),
    ("Tin tức", "/tin-tuc/", False),
    ("Chuyên trang", "/chuyen-trang/", False),
    ("Văn bản", "/van-ban/", False),
    ("Tổ chức", "/to-chuc/", False),
    ("Liên hệ", "/lien-he/", False),
    ("Văn phòng điện tử", E_OFFICE_URL, True),
]
NEWS_SUBMENU_SIZE = 8

# The header's menu on the English pages (/en/): English pages, and the Vietnamese contact form.
ENGLISH_MENU_ITEMS = [
    ("Home", "/en/"),
    ("Organisational structure", "/en/#organisations"),
    ("Officials", "/en/#officials"),
    ("Contact (in Vietnamese)", "/lien-he/"),
]

# The record of the footer (Nghị định 42/2022/NĐ-CP); the phone and e-mail are made up.
PORTAL_INFORMATION = {
    "full_name": "Cổng Thông tin điện tử Tỉnh ủy Bến Tre",
    "short_name": "Tỉnh ủy Bến Tre",
    "party_line": "Đảng Cộng sản Việt Nam",
    "owner": "Tỉnh ủy Bến Tre",
    "address": f"Số 7, đường Cách Mạng Tháng Tám, {PROVINCE_ADDRESS}",
    "phone": "0275 3599 009",
    "email": f"congthongtin@{EMAIL_DOMAIN}",
    "responsible_person": "Trần Văn Minh — Phó Trưởng Ban Thường trực Ban Tuyên giáo và Dân vận "
    "Tỉnh ủy",
    "licence": "Giấy phép số 15/GP-TTĐT do Sở Thông tin và Truyền thông tỉnh Bến Tre cấp ngày "
    "12/3/2024",
    "description": "Kênh thông tin chính thức của Tỉnh ủy Bến Tre: tin tức, văn bản chỉ đạo, "
    "tổ chức bộ máy và thông tin liên hệ.",
    "english_name": "Ben Tre Provincial Party Committee Portal",
    "english_owner": "Ben Tre Provincial Party Committee",
    "english_short_name": "Ben Tre Party Committee",
    "visitors_start_total": 1_286_540,
}


@transaction.atomic
def ensure_demo_site_content() -> None:
    """Create the demo static pages and the main menu, if they are missing."""
    for page in (ABOUT_PAGE, PROVINCE_PAGE):
        StaticPage.objects.get_or_create(
            slug=page["slug"],
            defaults={key: value for key, value in page.items() if key != "slug"},
        )
    ensure_main_menu()
    ensure_english_menu()
    ensure_portal_information()


def ensure_portal_information() -> PortalInformation:
    """The main portal's record, unless it has one (the logo stays empty: the emblem is
    shown). Saved without a portal, it becomes the main portal's (pages.models)."""
    stored = PortalInformation.objects.filter(portal__is_main=True).first()
    if stored is not None:
        return stored
    information = PortalInformation(**PORTAL_INFORMATION)
    information.full_clean()
    information.save()
    return information


def main_portal_menu_lookup() -> dict:
    """How the main portal's menus are found and created: by their slug alone while menus
    belong to no portal, and with the main portal once they do (Menu.portal)."""
    if not any(field.name == "portal" for field in Menu._meta.get_fields()):
        return {}
    main, _ = Portal.objects.get_or_create(is_main=True)
    return {"portal": main}


def ensure_english_menu() -> Menu:
    menu, _ = Menu.objects.get_or_create(
        slug="main-en", **main_portal_menu_lookup(), defaults={"name": "Menu tiếng Anh"}
    )
    for position, (title, link) in enumerate(ENGLISH_MENU_ITEMS, start=1):
        MenuItem.objects.get_or_create(
            menu=menu, parent=None, link=link, defaults={"title": title, "order": position * 10}
        )
    return menu


def ensure_main_menu() -> Menu:
    """The demo's main menu. In a menu that already has items (an older demo, or one an
    editor arranged), an item added to MAIN_MENU_ITEMS since ("Chuyên trang") is put right
    after the item it follows in the list, and nothing else is moved."""
    menu, _ = Menu.objects.get_or_create(
        slug="main", **main_portal_menu_lookup(), defaults={"name": "Menu chính"}
    )
    arranged = menu.items.filter(parent=None).exists()
    previous = None
    for position, (title, link, new_tab) in enumerate(MAIN_MENU_ITEMS, start=1):
        item = menu.items.filter(parent=None, link=link).first()
        if item is None:
            order = _order_after(menu, previous) if arranged else position * 10
            item = MenuItem.objects.create(
                menu=menu, parent=None, link=link, title=title, order=order,
                open_in_new_tab=new_tab,
            )
        if link == "/tin-tuc/":
            _ensure_category_items(menu, item)
        previous = item
    return menu


def _order_after(menu: Menu, previous: MenuItem | None) -> int:
    """An order that puts a new top-level item just after `previous` (first when None).
    Items are ordered by (order, id): without a free number between `previous` and the
    next item, the new item takes `previous`'s own and, being newer, follows it."""
    top = menu.items.filter(parent=None)
    if previous is None:
        first = top.order_by("order").values_list("order", flat=True).first()
        return max((first or 10) - 5, 0)
    following = (
        top.filter(order__gt=previous.order).order_by("order").values_list("order", flat=True)
        .first()
    )
    if following is None:
        return previous.order + 10
    return (previous.order + following) // 2


def _ensure_category_items(menu: Menu, news_item: MenuItem) -> None:
    # A category named like the item itself ("Tin tức") would read as the item twice under
    # its own "Tất cả tin tức" (pages/includes/menu.html).
    categories = Category.objects.filter(parent__isnull=True).exclude(
        name__iexact=news_item.title
    )[:NEWS_SUBMENU_SIZE]
    for position, category in enumerate(categories, start=1):
        MenuItem.objects.get_or_create(
            menu=menu, parent=news_item, link=category.get_absolute_url(),
            defaults={"title": category.name, "order": position * 10},
        )
