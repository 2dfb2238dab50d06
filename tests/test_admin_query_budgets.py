"""Queries of an article save through the admin, with a library photo as a figure in its text.

The public pages have their budget in test_query_budgets.py; an editor's save has one too,
so that a rule added to the write path that reads the article again shows up here. The
figures were measured on SQLite and PostgreSQL alike (the savepoints of the admin's
transaction are counted on both).
"""

import pytest
from admin_forms import browser_data, inline_management_data
from django.db import connection
from django.test.utils import CaptureQueriesContext
from factories import (
    ArticleFactory,
    CategoryFactory,
    LibraryImageFactory,
    OrganizationFactory,
    figure_html,
)

from news.models import Article

pytestmark = pytest.mark.django_db

# Measured: 37 to add and 41 to change before the write path had one door
# (news/services.py, which reads the stored row once), 31 and 34 since; two to spare.
# Adding with "Duyệt và đăng" (a named move) writes the move into the article's thread (one
# INSERT), and the tests' immediate task backend runs the e-mail task inside the request
# (two reads that the task worker does in production): 35. Without the figures' inline (the
# photos are figures in the text since news migration 0021, saved with it): 29 and 27.
# Recording which library photos the text and the cover show (news.figures.record_image_uses:
# the library's lookup, the stale uses removed, the new ones inserted) and reading the
# chosen cover: 34 and 30. Checking that the text's library photos are ones the user may
# use (news.figures.photos_not_usable: the library's lookup and one check): 36 and 32.
# Changing a published article reads the portals it is republished onto, whose cached lists
# are renewed (news/cache_tags.py, issue 19): 33.
ADD_BUDGET = 38
CHANGE_BUDGET = 35


def test_adding_an_article_with_a_figure_stays_within_its_query_budget(
    superuser_client, media_files
):
    organization = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    category = CategoryFactory(name="Hoạt động Đoàn")
    photo = LibraryImageFactory(organization=organization)
    form_page = superuser_client.get("/admin/news/article/add/")
    data = {
        **inline_management_data(form_page),
        "title": "Tỉnh Đoàn ra quân Tháng Thanh niên theo Chỉ thị số 20-CT/TW",
        "slug": "", "summary": "Sáng 1/3, Tỉnh Đoàn tổ chức lễ ra quân.",
        "body": "<p>Tham dự có 500 đoàn viên.</p>" + figure_html(photo, caption="Lễ ra quân"),
        "organization": organization.pk, "category": category.pk,
        "move": "publish", "published_at_0": "", "published_at_1": "",
        "source": "Cổng TTĐT Tỉnh ủy", "author_name": "Minh Thư", "_save": "Lưu lại",
    }

    with CaptureQueriesContext(connection) as queries:
        response = superuser_client.post("/admin/news/article/add/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert f'<img src="{photo.file.url}"' in article.body
    assert "<figcaption>Lễ ra quân</figcaption>" in article.body
    assert "le ra quan" in article.search_document
    assert len(queries) <= ADD_BUDGET, len(queries)


def test_changing_an_article_with_a_figure_stays_within_its_query_budget(
    superuser_client, media_files
):
    photo = LibraryImageFactory()
    article = ArticleFactory(
        title="Hội nghị sơ kết công tác Đoàn",
        body="<p>Mở đầu.</p>" + figure_html(photo, caption="Quang cảnh hội nghị"),
    )
    change_url = f"/admin/news/article/{article.pk}/change/"
    data = browser_data(
        superuser_client.get(change_url),
        title="Hội nghị sơ kết công tác Đoàn sáu tháng đầu năm",
        body="<p>Mở đầu.</p>" + figure_html(photo, caption="Quang cảnh hội nghị sơ kết"),
    )
    data["_save"] = "Lưu lại"

    with CaptureQueriesContext(connection) as queries:
        response = superuser_client.post(change_url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.title == "Hội nghị sơ kết công tác Đoàn sáu tháng đầu năm"
    assert "so ket" in article.search_document
    assert "quang canh hoi nghi so ket" in article.search_document
    assert len(queries) <= CHANGE_BUDGET, len(queries)
