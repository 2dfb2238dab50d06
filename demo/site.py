"""Demo content for the site-wide parts: the main menu and the 'Giới thiệu' and 'Bến Tre' pages.

ensure_demo_site_content() may run any number of times: what exists already
(also when an editor has changed it) is left alone, only what is missing is
added.
"""

from django.db import transaction

from news.models import Category
from pages.models import Menu, MenuItem, StaticPage

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
    ("Văn bản", "/van-ban/", False),
    ("Tổ chức", "/to-chuc/", False),
    ("Liên hệ", "/lien-he/", False),
    ("Văn phòng điện tử", E_OFFICE_URL, True),
]
NEWS_SUBMENU_SIZE = 8


@transaction.atomic
def ensure_demo_site_content() -> None:
    """Create the demo static pages and the main menu, if they are missing."""
    for page in (ABOUT_PAGE, PROVINCE_PAGE):
        StaticPage.objects.get_or_create(
            slug=page["slug"],
            defaults={key: value for key, value in page.items() if key != "slug"},
        )
    ensure_main_menu()


def ensure_main_menu() -> Menu:
    menu, _ = Menu.objects.get_or_create(slug="main", defaults={"name": "Menu chính"})
    for position, (title, link, new_tab) in enumerate(MAIN_MENU_ITEMS, start=1):
        item, _ = MenuItem.objects.get_or_create(
            menu=menu, parent=None, link=link,
            defaults={"title": title, "order": position * 10, "open_in_new_tab": new_tab},
        )
        if link == "/tin-tuc/":
            _ensure_category_items(menu, item)
    return menu


def _ensure_category_items(menu: Menu, news_item: MenuItem) -> None:
    categories = Category.objects.filter(parent__isnull=True)[:NEWS_SUBMENU_SIZE]
    for position, category in enumerate(categories, start=1):
        MenuItem.objects.get_or_create(
            menu=menu, parent=news_item, link=category.get_absolute_url(),
            defaults={"title": category.name, "order": position * 10},
        )
