"""Steps that browser tests (tests/e2e/) share: logging in as a user of the admin, selecting
a passage of a page's text."""

from factories import PASSWORD


def log_in(page, user, password: str = PASSWORD) -> None:
    """Log `user` in through the admin's login page, in a fresh session of `page`'s browser
    context, and wait for the page it leads to."""
    page.context.clear_cookies()
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("input[type=submit]")


def select_text(page, container: str, text: str) -> None:
    """Select `text` inside the element `container` (a CSS selector), as a mouse drag would."""
    page.evaluate(
        """([container, text]) => {
            const box = document.querySelector(container);
            const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf(text);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + text.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
            throw new Error("text not found: " + text);
        }""",
        [container, text],
    )
