"""Queries per public page: at most BUDGET, and the same with 100 or 100,000 articles.

Each portal is built once for the module (articles with bulk_create), every page
is requested once to warm what is cached by design (the word statistics of search,
the figures of the statistics box), then once more with its queries captured. Each size is
built inside a transaction that is rolled back, so the rest of the suite never
sees it. Page caching is off in the test settings: these are the uncached counts.
"""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from factories import figure_html, image_file

from library.models import LibraryImage
from news.models import Article, Category, Directive, Topic
from news.search_document import article_document
from news.services import article_save
from organizations.models import Organization, Person, Position
from pages.models import Menu, MenuItem, StaticPage

# The databases are set up for tests that ask for them; the portals are built by a fixture.
pytestmark = pytest.mark.django_db

BUDGET = 10
SMALL, LARGE = 100, 100_000
BATCH_SIZE = 5_000
ILLUSTRATED = 25  # the newest articles have a cover photo: a first page is fully illustrated
WITH_BODY = 1_000
REPORT_EVERY = 4  # every fourth article reports on a directive
# A reader's browser: the visitor statistics count this page view.
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"

PAGES = [
    "/",
    "/tin-tuc/",
    "/tin-tuc/?page=2",
    "/tin-tuc/?page=last",
    "/chuyen-muc/hoat-dong-doan/",
    "/chuyen-muc/hoat-dong-doan/?page=2",
    "{article}",
    "{newest_article}",
    "/van-ban/",
    "/van-ban/?page=2",
    "/van-ban/?q=20",
    "/van-ban/?q=20-CT/TW",
    "/van-ban/?q=trẻ em",
    "/van-ban/?doc_type=chi_thi",
    "/van-ban/?issuer={province_id}",
    "/van-ban/?year=2024",
    "/van-ban/?status=in_force",
    "/van-ban/?doc_type=nghi_quyet&issuer={province_id}&year=2023&status=expired",
    "{directive}",
    "{directive}?page=2",
    "/tim-kiem/",
    "/tim-kiem/?q=hoạt động tình nguyện",
    "/tim-kiem/?q=tinh nguyen&page=2",
    "/tim-kiem/?q=20-CT/TW",
    "/tim-kiem/?q=Tỉnh Đoàn",
    "/tim-kiem/?q=hoat dong&category={category_id}&organization={youth_id}"
    "&date_from=01/01/2020&date_to=31/12/2999",
    "/tim-kiem/?q=khôngcótừnày",
    "/rss/",
    "/rss/hoat-dong-doan/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/sitemap-directives.xml",
    "/sitemap-categories.xml",
    "/sitemap-organizations.xml",
    "/sitemap-static-pages.xml",
    "/sitemap-pages.xml",
    "/to-chuc/",
    "{organization}",
    "{organization}tin-tuc/",
    "{organization}tin-tuc/?page=2",
    "/en/",
    "/trang/gioi-thieu/",
    "/lien-he/",
    "/chuyen-trang/",
    "{topic}",
    "{topic}?page=2",
    "/sitemap-topics.xml",
]

TOPICS = [
    "tổ chức hoạt động tình nguyện hè",
    "hội nghị sơ kết thực hiện Chỉ thị 20-CT/TW",
    "ra quân chiến dịch thanh niên tình nguyện",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "chăm sóc, giáo dục và bảo vệ trẻ em",
]


def build_portal(article_count: int) -> dict[str, str]:
    """A portal like a province's: organisations, officials, menus, 25 directives and
    `article_count` published articles (the newest illustrated, many linked to directives)."""
    province = Organization.objects.add_root(
        instance=Organization(name="Tỉnh ủy Bến Tre", short_name="Tỉnh ủy")
    )
    youth = Organization.objects.add_child(
        province, instance=Organization(name="Tỉnh Đoàn Bến Tre", short_name="Tỉnh Đoàn")
    )
    board = Organization.objects.add_child(
        province, instance=Organization(name="Ban Tuyên giáo Tỉnh ủy", short_name="BTG")
    )
    for index in range(3):
        person = Person.objects.create(full_name=f"Nguyễn Văn {chr(65 + index)}")
        Position.objects.create(organization=youth, person=person, title=f"Phó Bí thư {index}")
    categories = [
        Category.objects.create(name="Hoạt động Đoàn", slug="hoat-dong-doan", show_on_home=True),
        Category.objects.create(name="Xây dựng Đảng", slug="xay-dung-dang", show_on_home=True),
        Category.objects.create(name="Thời sự", slug="thoi-su", show_on_home=True),
    ]
    menu = Menu.objects.create(name="Menu chính", slug="main")
    news = MenuItem.objects.create(menu=menu, title="Tin tức", link="/tin-tuc/", order=1)
    for order, category in enumerate(categories):
        MenuItem.objects.create(
            menu=menu, parent=news, title=category.name, link=category.get_absolute_url(),
            order=order,
        )
    MenuItem.objects.create(menu=menu, title="Văn bản", link="/van-ban/", order=2)
    directives = []
    doc_types = [Directive.DocumentType.DIRECTIVE, Directive.DocumentType.RESOLUTION]
    for index in range(25):
        directive = Directive(
            doc_type=doc_types[index % 2], number=str(20 + index),
            symbol="CT/TW" if index % 2 == 0 else "NQ/TU",
            issued_on=date(2020 + index % 5, 1 + index % 12, 5),
            issuer=province if index % 3 else board,
            title=f"Về chăm sóc, giáo dục và bảo vệ trẻ em, đợt {index}",
            status=Directive.Status.EXPIRED if index % 4 == 3 else Directive.Status.IN_FORCE,
            is_key=index < 4,
        )
        directive.save()
        directives.append(directive)
    create_articles(article_count, categories, [province, youth, board], directives)
    newest = Article.objects.order_by("-published_at").first()
    # From the middle of the archive, with "Tin liên quan" through its directive.
    middle = Article.objects.filter(directives=directives[0]).order_by("-published_at")[
        article_count // REPORT_EVERY // 2
    ]
    # Three library photos as figures in its text, between paragraphs.
    photos = [
        LibraryImage.objects.create(
            file=image_file(f"anh-{order}.jpg"), caption=f"Ảnh {order}", organization=province
        )
        for order in range(3)
    ]
    middle.body = "".join(
        f"<p>Đoạn {order}.</p>{figure_html(photo, caption=f'Ảnh {order}')}"
        for order, photo in enumerate(photos)
    )
    article_save(article=middle)  # records its image uses
    StaticPage.objects.create(title="Giới thiệu", slug="gioi-thieu", body="<p>Giới thiệu.</p>")
    topic = topic_of_every_fourth_article(photos[0])
    if connection.vendor == "postgresql":
        # A database in use has statistics (autovacuum analyses a table after a bulk load).
        # Without them PostgreSQL guesses that "trashed_at IS NULL" keeps 0.5% of the rows
        # and plans the last page of 100,000 articles as a nested loop that never ends.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE news_article")
    return {
        "article": middle.get_absolute_url(),
        "newest_article": newest.get_absolute_url(),
        "directive": directives[0].get_absolute_url(),
        "organization": youth.get_absolute_url(),
        "province_id": str(province.pk),
        "youth_id": str(youth.pk),
        "category_id": str(categories[0].pk),
        "topic": topic.get_absolute_url(),
    }


def topic_of_every_fourth_article(banner) -> Topic:
    """A featured topic page (on the home page) holding every REPORT_EVERY-th article."""
    topic = Topic.objects.create(title="Đại hội Đảng bộ tỉnh", banner=banner, is_featured=True)
    Topic.objects.create(title="Bảo vệ nền tảng tư tưởng của Đảng", is_featured=True)
    through = Article.topics.through
    ids = Article.objects.order_by("-published_at").values_list("pk", flat=True)
    through.objects.bulk_create(
        [
            through(article_id=article_id, topic_id=topic.pk)
            for position, article_id in enumerate(ids.iterator(chunk_size=BATCH_SIZE))
            if position % REPORT_EVERY == 0
        ],
        batch_size=BATCH_SIZE,
    )
    return topic


def create_articles(count, categories, organizations, directives) -> None:
    """Published articles, one a minute back from now, in bulk (as load_demo writes them)."""
    cover = image_file("bia.jpg", size=(400, 300))
    covers = []
    for index in range(ILLUSTRATED):
        image = LibraryImage(organization=organizations[index % 3], alt_text=f"Ảnh bìa {index}")
        image.file.save(f"bia-{index}.jpg", cover, save=False)
        covers.append(image)
    covers = LibraryImage.objects.bulk_create(covers)
    now = timezone.now()
    for start in range(0, count, BATCH_SIZE):
        articles = []
        for index in range(start, min(start + BATCH_SIZE, count)):
            title = f"{organizations[index % 3].short_name} {TOPICS[index % 5]} (tin {index})"
            summary = f"Tóm tắt tin số {index}."
            # Lists never show the body, and cleaning 100,000 of them (RichTextField) would
            # take longer than everything else: the newest and the reports on a directive
            # have one.
            has_body = index < WITH_BODY or index % REPORT_EVERY == 0
            body = (
                f"<p>Nội dung tin số {index} về {TOPICS[(index + 1) % 5]}.</p>" if has_body else ""
            )
            published_at = now - timedelta(minutes=index + 1)
            article = Article(
                title=title, slug=f"tin-{index}", summary=summary, body=body,
                status=Article.Status.PUBLISHED, published_at=published_at,
                first_published_at=published_at, category=categories[index % 3],
                organization=organizations[index % 3], is_featured=index % 50 < 2,
                search_document=article_document(title=title, summary=summary, body=body),
            )
            if index < ILLUSTRATED:
                article.cover = covers[index]
            articles.append(article)
        Article.objects.bulk_create(articles)
    # Every REPORT_EVERY-th article reports on the first directive, the newest 40 on the
    # second one too.
    through = Article.directives.through
    ids = Article.objects.order_by("-published_at").values_list("pk", flat=True)
    links = []
    for position, article_id in enumerate(ids.iterator(chunk_size=BATCH_SIZE)):
        if position % REPORT_EVERY == 0:
            links.append(through(article_id=article_id, directive_id=directives[0].pk))
        if position < 40:
            links.append(through(article_id=article_id, directive_id=directives[1].pk))
    through.objects.bulk_create(links, batch_size=BATCH_SIZE)


def measure(urls: dict[str, str]) -> dict[str, tuple[int, list[str]]]:
    """page -> (number of queries, their SQL) of the second request of each page."""
    client = Client(HTTP_USER_AGENT=BROWSER)
    measured = {}
    for page in PAGES:
        url = page.format(**urls)
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        measured[page] = (len(queries), [query["sql"] for query in queries])
    return measured


@pytest.fixture(scope="module")
def queries_per_page(django_db_setup, django_db_blocker):
    """{article count: {page: (queries, SQL)}} for a portal of SMALL and one of LARGE articles."""
    results = {}
    with django_db_blocker.unblock():
        for size in (SMALL, LARGE):
            with transaction.atomic():
                cache.clear()
                results[size] = measure(build_portal(size))
                transaction.set_rollback(True)
    cache.clear()
    return results


def listing(sql: list[str]) -> str:
    return "\n".join(f"  {number}. {query[:300]}" for number, query in enumerate(sql, 1))


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_keeps_its_query_budget_whatever_the_number_of_articles(queries_per_page, page):
    small, small_sql = queries_per_page[SMALL][page]
    large, large_sql = queries_per_page[LARGE][page]
    assert large <= BUDGET, f"{page}: {large} queries (budget {BUDGET}):\n{listing(large_sql)}"
    assert small == large, (
        f"{page}: {small} queries with {SMALL} articles, {large} with {LARGE}:\n"
        f"{SMALL}:\n{listing(small_sql)}\n{LARGE}:\n{listing(large_sql)}"
    )
