"""Reading a menu of the current portal for display: its active entries with their
sub-entries, in one query. A portal that has no menu "main" yet shows DEFAULT_MAIN_MENU,
never another portal's menu."""

from django.utils.translation import get_language

from pages import frame_cache
from pages.models import Menu, MenuItem
from portals import hosts

MAIN_MENU = "main"
ENGLISH_MENU = "main-en"

# (title, link) of the header's menu of a portal that has not made its own yet: the pages
# every portal has.
DEFAULT_MAIN_MENU = [
    ("Trang chủ", "/"),
    ("Tin tức", "/tin-tuc/"),
    ("Văn bản", "/van-ban/"),
    ("Tổ chức", "/to-chuc/"),
    ("Liên hệ", "/lien-he/"),
]


def menu_tree(slug: str) -> list[MenuItem]:
    """The active top-level items of menu `slug`, each with `.submenu` (its active children),
    kept in the frame cache (pages/frame_cache.py) until the menu changes."""
    return frame_cache.cached(frame_cache.menu_key(slug), lambda: _read_menu_tree(slug))


def _read_menu_tree(slug: str) -> list[MenuItem]:
    """The tree of menu `slug` as the database has it.

    One query fetches every active item of the menu; the tree is put together
    here. A child whose parent is hidden is hidden with it, and so is an item whose
    link the link rule refuses.
    """
    portal = hosts.current()
    items = list(
        MenuItem.objects.active().filter(menu__portal=portal, menu__slug=slug)
        .order_by("order", "id")
    )
    if not items and slug == MAIN_MENU and not (
        Menu.objects.filter(portal=portal, slug=slug).exists()
    ):
        items = default_main_menu()
    # A link the rule of core/links.py refuses (a row older than the rule) is left out
    # with its sub-entries, rather than shown with an address that may lead off the site.
    items = [item for item in items if item.href]
    top_level = {item.pk: item for item in items if item.parent_id is None}
    for item in top_level.values():
        item.submenu = []
        item.section_name = section_name(item.title)
    for item in items:
        parent = top_level.get(item.parent_id)
        # The parent's own page heads its sub-menu ("Tất cả tin tức", menu.html): a child
        # linking to the same page would offer it twice.
        if parent is not None and item.link != parent.link:
            parent.submenu.append(item)
    return list(top_level.values())


def default_main_menu() -> list[MenuItem]:
    """The header's menu of a portal without a menu "main" of its own (unsaved entries)."""
    items = [
        MenuItem(pk=-number, title=title, link=link, order=number)
        for number, (title, link) in enumerate(DEFAULT_MAIN_MENU, start=1)
    ]
    for item in items:
        item.is_default = True
    return items


def main_menu_slug() -> str:
    """The menu the header asks for: "main-en" on the English pages, else "main"."""
    return ENGLISH_MENU if (get_language() or "").startswith("en") else MAIN_MENU


def main_menu_tree() -> list[MenuItem]:
    """The header's menu; "main" while "main-en" has no active items (the default menu of
    a portal without one only on Vietnamese pages)."""
    slug = main_menu_slug()
    items = menu_tree(slug)
    if not items and slug != MAIN_MENU:
        # The portal's own Vietnamese menu, not the default one (Vietnamese titles on an
        # English page): an English page without a menu of its own shows none.
        items = [item for item in menu_tree(MAIN_MENU) if not getattr(item, "is_default", False)]
    return items


def section_name(title: str) -> str:
    """A menu title as the words after "Tất cả": "Tin tức" -> "tin tức", but a name written
    with capitals ("Bến Tre", "Đại hội XIV") keeps them."""
    words = title.split()
    if len(words) > 1 and any(word[:1].isupper() for word in words[1:]):
        return title
    return title[:1].lower() + title[1:]


def mark_current(items: list[MenuItem], path: str) -> list[MenuItem]:
    """Flag the item whose link is the current page, and the top-level item of its section."""
    for item in items:
        item.is_current = _is_page(item, path)
        for child in item.submenu:
            child.is_current = _is_page(child, path)
            child.in_section = child.is_current or _in_section(child, path)
        item.in_section = (
            item.is_current
            or _in_section(item, path)
            or any(child.in_section for child in item.submenu)
        )
    return items


def _is_page(item: MenuItem, path: str) -> bool:
    return not item.is_external and item.link == path


def _in_section(item: MenuItem, path: str) -> bool:
    return not item.is_external and item.link != "/" and path.startswith(item.link)
