"""The write path of news/services.py, called directly: what each service reads, writes,
audits and renews in the page cache."""

import pytest
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from factories import (
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    LibraryImageFactory,
    OrganizationFactory,
    figure_html,
)

from audit.models import AuditEvent
from caching import page_cache
from news import cache_tags
from news.models import Article, Directive, DirectiveLinking, UnresolvedDirectiveReference
from news.services import (
    article_change_status,
    article_delete,
    article_save,
    articles_bulk_create,
    directive_save,
)

pytestmark = pytest.mark.django_db


def token(tag):
    return caches["default"].get(page_cache.TAG_PREFIX + tag)


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Run what would happen at commit (the test's transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def selects_of_articles(queries) -> list[str]:
    return [
        query["sql"] for query in queries.captured_queries
        if query["sql"].startswith("SELECT") and 'FROM "news_article" ' in query["sql"]
    ]


def test_saving_an_existing_article_reads_its_stored_row_once():
    article = ArticleFactory(title="Hội nghị sơ kết công tác Đoàn")
    article.title = "Hội nghị sơ kết công tác Đoàn sáu tháng đầu năm"

    with CaptureQueriesContext(connection) as queries:
        article_save(article=article)

    assert len(selects_of_articles(queries)) == 1, selects_of_articles(queries)
    article.refresh_from_db()
    assert article.version == 2
    assert "sau thang dau nam" in article.search_document


def test_a_bare_model_save_fills_defaults_and_nothing_else():
    article = ArticleFactory(title="Hội nghị sơ kết công tác Đoàn")
    article.slug = "dia-chi-moi"
    article.title = "Tiêu đề mới"

    article.save()

    article.refresh_from_db()
    assert article.slug == "dia-chi-moi"  # no lock: that is article_save's step
    assert article.version == 1
    assert "tieu de moi" not in article.search_document


def test_a_move_in_the_workflow_is_checked_and_audited(superuser, staff_user):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    with pytest.raises(PermissionDenied):
        article_change_status(article=draft, to=Article.Status.PUBLISHED, by=staff_user)
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PUBLISH).exists()

    draft.refresh_from_db()
    article_change_status(article=draft, to=Article.Status.PUBLISHED, by=superuser)

    event = AuditEvent.objects.get(action=AuditEvent.Action.PUBLISH)
    assert (event.actor, event.object_id, event.detail) == (
        superuser, str(draft.pk), "Bản nháp → Đã đăng"
    )
    assert Article.objects.get(pk=draft.pk).is_public


def test_a_save_by_the_system_is_not_audited():
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    draft.publish()
    article_save(article=draft)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PUBLISH).exists()


def test_deleting_is_audited_and_renews_the_pages_on_commit(page_cache_on, commits, superuser):
    article = ArticleFactory(title="Bài sẽ bị xóa")
    pk, category_tag = article.pk, cache_tags.category_articles(article.category_id)
    before = token(cache_tags.article(pk))

    with commits():
        article_delete(article=article, by=superuser)
        assert token(cache_tags.article(pk)) == before  # only once committed

    assert token(cache_tags.article(pk)) not in (None, before)
    assert token(category_tag) is not None
    assert not Article.objects.filter(pk=pk).exists()
    assert Article.all_objects.get(pk=pk).trashed_by == superuser  # in the trash
    event = AuditEvent.objects.get(action=AuditEvent.Action.TRASH)
    assert (event.actor, event.object_id) == (superuser, str(pk))
    assert event.detail.startswith("Trạng thái khi xóa: Đã đăng. Có thể khôi phục đến ")


def test_removing_a_figure_from_the_text_refreshes_what_search_finds(media_files):
    figure = figure_html(LibraryImageFactory(), caption="Câu lạc bộ lặn biển")
    article = ArticleFactory(title="Ra quân Tháng Thanh niên", body=f"<p>Mở đầu.</p>{figure}")
    assert "cau lac bo lan bien" in Article.objects.get(pk=article.pk).search_document

    article.body = "<p>Mở đầu.</p>"
    article_save(article=article)

    assert "cau lac bo lan bien" not in Article.objects.get(pk=article.pk).search_document


def test_a_save_reports_the_documents_it_could_not_link():
    article = Article(
        title="Quán triệt Chỉ thị số 99-CT/TW", body="<p>Nội dung.</p>",
        organization=OrganizationFactory(), category=ArticleFactory().category,
    )
    saved = article_save(article=article)
    assert [mention.code for mention in saved.links.unresolved] == ["99-CT/TW"]


def test_saving_a_directive_has_the_articles_that_named_it_linked():
    # The task worker links them (news/tasks.py); the test settings run its task at once.
    article = ArticleFactory(body="<p>Thực hiện Chỉ thị số 20-CT/TW ngày 05/11/2012.</p>")
    assert UnresolvedDirectiveReference.objects.filter(article=article).exists()
    issuer = DirectiveFactory().issuer
    directive = Directive(
        doc_type=Directive.DocumentType.DIRECTIVE, issuer=issuer, title="Về trẻ em",
        issued_on=DirectiveFactory.issued_on,
    )
    directive.set_code("20-CT/TW")

    assert directive_save(directive=directive) is True  # a linking was asked for
    assert DirectiveLinking.objects.get(directive=directive).linked_count == 1

    assert list(article.directives.all()) == [directive]
    assert not UnresolvedDirectiveReference.objects.filter(article=article).exists()
    article.refresh_from_db()
    assert directive.get_absolute_url() in article.body


def test_articles_created_in_bulk_get_their_defaults_and_search_document(page_cache_on, commits):
    category = CategoryFactory()
    organization = OrganizationFactory()
    caption = figure_html(LibraryImageFactory(), caption="Lễ ra quân ở Châu Thành")
    published = Article(
        title="Tuổi trẻ Bến Tre ra quân hè", slug="ra-quan-he", body=f"<p>Đoàn viên</p>{caption}",
        category=category, organization=organization, status=Article.Status.PUBLISHED,
    )
    draft = Article(
        title="Bài đang soạn", slug="dang-soan", category=category, organization=organization,
    )
    before = token(cache_tags.ARTICLES)

    with commits():
        articles_bulk_create(articles=[published, draft])

    stored = Article.objects.get(slug="ra-quan-he")
    assert stored.published_at is not None
    assert stored.first_published_at == stored.published_at
    assert "chau thanh" in stored.search_document
    assert Article.objects.get(slug="dang-soan").first_published_at is None
    assert token(cache_tags.ARTICLES) not in (None, before)
