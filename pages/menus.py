"""Reading a menu for display: its active entries with their sub-entries, in one query."""

from pages.models import MenuItem


def menu_tree(slug: str) -> list[MenuItem]:
    """The active top-level items of menu `slug`, each with `.submenu` (its active children).

    One query fetches every active item of the menu; the tree is put together
    here. A child whose parent is hidden is hidden with it, and so is an item whose
    link the link rule refuses.
    """
    items = list(MenuItem.objects.active().filter(menu__slug=slug).order_by("order", "id"))
    # A link the rule of core/links.py refuses (a row older than the rule) is left out
    # with its sub-entries, rather than shown with an address that may lead off the site.
    items = [item for item in items if item.href]
    top_level = {item.pk: item for item in items if item.parent_id is None}
    for item in top_level.values():
        item.submenu = []
    for item in items:
        if item.parent_id in top_level:
            top_level[item.parent_id].submenu.append(item)
    return list(top_level.values())


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
