"""Articles of the demo (load_demo) picked by what they have, not by their place in time: the
demo dates its articles back from the moment it runs, so "the third newest" is a different
article at 00:30 than at 15:00."""

from news.models import Article
from portals import hosts


def article_with_every_reading_list() -> Article:
    """The newest published demo article that has a neighbour in its category and shares a
    directive with another published article, so its page shows every reading list."""
    published = Article.objects.shown_on(hosts.main_portal())  # the pages the tests open
    for article in published.order_by("-published_at", "-pk"):
        others = published.exclude(pk=article.pk)
        if (
            others.filter(category_id=article.category_id).exists()
            and others.filter(directives__in=article.directives.all()).exists()
        ):
            return article
    raise AssertionError("the demo has no article with every reading list")
