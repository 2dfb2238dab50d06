import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory

from demo.site import E_OFFICE_URL, ensure_demo_site_content
from pages.models import Menu, MenuItem, StaticPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]


def render_menu(path="/"):
    request = RequestFactory().get(path)
    return Template("{% load portal_tags %}{% main_menu %}").render(Context({"request": request}))


def add_item(menu, title, link, **kwargs):
    return MenuItem.objects.create(menu=menu, title=title, link=link, **kwargs)


def test_menu_renders_nested_items_in_order(main_menu):
    news = add_item(main_menu, "Tin tức", "/tin-tuc/", order=20)
    add_item(main_menu, "Trang chủ", "/", order=10)
    add_item(main_menu, "Thời sự", "/chuyen-muc/thoi-su/", parent=news, order=2)
    add_item(main_menu, "Xây dựng Đảng", "/chuyen-muc/xay-dung-dang/", parent=news, order=1)

    html = render_menu()

    assert 'aria-label="Menu chính"' in html
    assert html.index("Trang chủ") < html.index("Tin tức")
    assert '<details class="menu-disclosure" data-menu-disclosure>' in html
    assert '<summary class="menu-summary">Tin tức<span class="menu-arrow"' in html
    submenu = html[html.index(f'<ul class="submenu" id="submenu-{news.pk}">') :]
    assert submenu.index("Xây dựng Đảng") < submenu.index("Thời sự")
    # The parent's own page stays reachable, once, as the first entry.
    assert '<a href="/tin-tuc/">Tất cả tin tức</a>' in submenu
    assert submenu.index("Tất cả tin tức") < submenu.index("Xây dựng Đảng")


def test_current_page_is_marked(main_menu):
    add_item(main_menu, "Trang chủ", "/")
    add_item(main_menu, "Văn bản", "/van-ban/")

    html = render_menu("/van-ban/")

    assert '<a href="/van-ban/" aria-current="page">Văn bản</a>' in html
    assert '<a href="/">Trang chủ</a>' in html
    assert html.count('aria-current="page"') == 1


def test_section_of_current_page_is_highlighted_without_aria_current(main_menu):
    add_item(main_menu, "Tin tức", "/tin-tuc/")

    html = render_menu("/tin-tuc/mot-bai-viet/")

    assert 'class="menu-item is-active"' in html
    assert 'aria-current' not in html


def test_external_link_opens_new_tab_with_screen_reader_hint(main_menu):
    add_item(main_menu, "Văn phòng điện tử", E_OFFICE_URL, open_in_new_tab=True)

    html = render_menu()

    assert f'href="{E_OFFICE_URL}"' in html
    assert 'target="_blank"' in html
    assert 'rel="noopener external"' in html
    assert '<span class="visually-hidden"> (mở trong tab mới)</span>' in html


def test_inactive_items_and_their_children_are_hidden(main_menu):
    add_item(main_menu, "Hiện", "/hien/")
    add_item(main_menu, "Ẩn", "/an/", is_active=False)
    hidden_parent = add_item(main_menu, "Cha ẩn", "/cha-an/", is_active=False)
    add_item(main_menu, "Con của mục ẩn", "/con/", parent=hidden_parent)

    html = render_menu()

    assert "Hiện" in html
    assert "/an/" not in html
    assert "/con/" not in html


def test_other_menus_are_not_mixed_in(main_menu):
    footer = Menu.objects.create(name="Chân trang", slug="footer")
    add_item(footer, "Chỉ ở chân trang", "/chan-trang/")
    add_item(main_menu, "Trang chủ", "/")

    assert "/chan-trang/" not in render_menu()


def test_missing_menu_falls_back_to_a_home_link():
    html = render_menu()
    assert '<a href="/" aria-current="page">Trang chủ</a>' in html


def test_child_of_a_child_is_refused(main_menu):
    top = add_item(main_menu, "Tin tức", "/tin-tuc/")
    child = add_item(main_menu, "Thời sự", "/thoi-su/", parent=top)
    grandchild = MenuItem(menu=main_menu, parent=child, title="Sâu quá", link="/sau/")

    with pytest.raises(ValidationError) as error:
        grandchild.full_clean()

    assert "chỉ được lồng một cấp" in error.value.message_dict["parent"][0]


def test_item_with_children_cannot_become_a_child(main_menu):
    first = add_item(main_menu, "Một", "/mot/")
    second = add_item(main_menu, "Hai", "/hai/")
    add_item(main_menu, "Con", "/con/", parent=second)
    second.parent = first

    with pytest.raises(ValidationError) as error:
        second.full_clean()

    assert "đang có mục con" in error.value.message_dict["parent"][0]


def test_parent_must_be_in_the_same_menu(main_menu):
    other_menu = Menu.objects.create(name="Khác", slug="khac")
    foreign_parent = add_item(other_menu, "Cha", "/cha/")
    item = MenuItem(menu=main_menu, parent=foreign_parent, title="Con", link="/con/")

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert "cùng menu" in error.value.message_dict["parent"][0]


@pytest.mark.parametrize(
    "link",
    ["/", "/tin-tuc/", "/van-ban/?loai=chi_thi", "https://vpdt.bentre.dcs.vn/", "http://example.vn/a"],
)
def test_valid_links(main_menu, link):
    MenuItem(menu=main_menu, title="Mục", link=link).full_clean()


@pytest.mark.parametrize(
    "link",
    ["tin-tuc", "//evil.example/", "javascript:alert(1)", "ftp://a.vn/", "/có khoảng trắng/"],
)
def test_invalid_links_get_a_vietnamese_error(main_menu, link):
    with pytest.raises(ValidationError) as error:
        MenuItem(menu=main_menu, title="Mục", link=link).full_clean()
    assert "Liên kết phải là đường dẫn trong trang" in error.value.message_dict["link"][0]


@pytest.mark.parametrize("size", [3, 30])
def test_menu_tag_uses_one_query_whatever_the_size(main_menu, size, django_assert_num_queries):
    parents = [add_item(main_menu, f"Mục {n}", f"/muc-{n}/", order=n) for n in range(size)]
    for parent in parents[: size // 3]:
        add_item(main_menu, f"Con của {parent.title}", f"{parent.link}con/", parent=parent)

    with django_assert_num_queries(1):
        html = render_menu("/muc-1/")

    assert html.count('class="menu-item') >= size


def test_demo_content_is_created_once():
    ensure_demo_site_content()
    ensure_demo_site_content()

    menu = Menu.objects.get(slug="main")
    links = list(menu.items.filter(parent=None).values_list("link", flat=True))
    assert links[:4] == ["/", "/trang/gioi-thieu/", "/trang/tinh-ben-tre/", "/tin-tuc/"]
    assert links.count("/lien-he/") == 1
    assert menu.items.get(link=E_OFFICE_URL).open_in_new_tab
    assert set(StaticPage.objects.values_list("slug", flat=True)) == {"gioi-thieu", "tinh-ben-tre"}
    for item in menu.items.all():
        item.full_clean()


def test_demo_menu_lists_top_categories_under_news():
    from news.models import Category

    Category.objects.create(name="Xây dựng Đảng", order=1)
    ensure_demo_site_content()

    news = MenuItem.objects.get(menu__slug="main", link="/tin-tuc/", parent=None)
    assert list(news.children.values_list("title", flat=True)) == ["Xây dựng Đảng"]


def test_admin_offers_only_top_level_items_of_the_menu_as_parents(client, main_menu):
    from django.contrib.auth.models import User

    news = add_item(main_menu, "Tin tức", "/tin-tuc/")
    add_item(main_menu, "Thời sự", "/thoi-su/", parent=news)
    other = Menu.objects.create(name="Chân trang", slug="footer")
    add_item(other, "Mục khác menu", "/khac/")
    client.force_login(User.objects.create_superuser("qt", "qt@example.vn", "mat-khau-dai-12345"))

    response = client.get(f"/admin/pages/menu/{main_menu.pk}/change/")

    assert response.status_code == 200
    parent_field = response.context["inline_admin_formsets"][0].formset.forms[0].fields["parent"]
    assert list(parent_field.queryset) == [news]


def test_a_child_linking_to_its_parents_page_is_not_offered_twice(main_menu):
    news = add_item(main_menu, "Tin tức", "/tin-tuc/")
    add_item(main_menu, "Tin tức", "/tin-tuc/", parent=news)
    add_item(main_menu, "Thời sự", "/chuyen-muc/thoi-su/", parent=news)

    html = render_menu()

    assert html.count('href="/tin-tuc/"') == 1
    assert html.count(">Tin tức<") == 1  # the button; the link reads "Tất cả tin tức"


@pytest.mark.parametrize(
    ("title", "overview"),
    [
        ("Tin tức", "Tất cả tin tức"),
        ("Văn bản", "Tất cả văn bản"),
        ("Bến Tre", "Tất cả Bến Tre"),
        ("Đại hội Đảng", "Tất cả Đại hội Đảng"),
    ],
)
def test_the_parents_page_is_named_in_words_of_the_section(main_menu, title, overview):
    parent = add_item(main_menu, title, "/muc/")
    add_item(main_menu, "Con", "/muc/con/", parent=parent)

    assert f'<a href="/muc/">{overview}</a>' in render_menu()


def test_demo_news_menu_does_not_repeat_a_category_named_like_it():
    from news.models import Category

    Category.objects.create(name="Tin tức", order=1)
    Category.objects.create(name="Thời sự", order=2)
    ensure_demo_site_content()

    news = MenuItem.objects.get(menu__slug="main", link="/tin-tuc/", parent=None)
    assert list(news.children.values_list("title", flat=True)) == ["Thời sự"]
    html = render_menu()
    assert html.count(">Tin tức<") == 1


def test_english_pages_use_the_english_menu_when_it_has_items(main_menu):
    from django.utils import translation

    add_item(main_menu, "Trang chủ", "/")
    english = Menu.objects.create(name="Main menu (English)", slug="main-en")

    with translation.override("en"):
        assert "Trang chủ" in render_menu()  # main-en has no items yet
        add_item(english, "Home", "/en/")
        html = render_menu()
    assert 'href="/en/"' in html
    assert "Trang chủ" not in html
    assert 'href="/en/"' not in render_menu()  # Vietnamese pages keep "main"
