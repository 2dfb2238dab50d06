"""The home page (pages/views.py HomeView); what it shows of each kind of content is tested
with that content, e.g. tests/news/test_public_news_pages.py."""

import pytest
from factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_home_page_lists_the_latest_published_article(client):
    article = ArticleFactory(title="Tỉnh Đoàn ra quân Tháng Thanh niên")
    html = client.get("/").content.decode()
    assert article.title in html
    assert article.get_absolute_url() in html
