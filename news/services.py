"""Writing articles, their figures and directives: the one door every writer goes through.

The admin (its form, actions, delete and revision restore), the workflow, the legacy
importer and the demo loader save through these functions, never through Model.save()
alone: Article.save() only fills the row's defaults (Article.fill_defaults). Each
function takes keyword-only arguments, reads what it needs once and does, in order,
everything the write implies; docs/architecture.md walks through article_save() step by
step. `by` is the user acting; None means the system (a command, the importer, the demo
loader, a test), whose saves are neither checked against the workflow nor audited.

Reads are in news/selectors.py; the rules applied here live where they are named:
news/workflow.py (which moves a user may make and their audit line),
Article.locks_slug (the address lock), news/cache_tags.py (which pages a change renews),
news/directive_links.py (the directives an article names).
"""

from dataclasses import dataclass

from django.db import transaction

from audit.log import record
from audit.models import AuditEvent
from core.old_slugs import keeping_old_slug, stored_slug

from . import cache_tags, tasks, workflow
from .directive_links import LinkResult, link_article_directives
from .models import Article, ArticleImage, Directive
from .search_document import article_document

# Changing any of these changes the search document; any of these (the text) may name
# a directive.
SEARCHED_FIELDS = Article.SEARCHED_FIELDS
LINKED_FIELDS = frozenset({"title", "summary", "body"})


@dataclass(frozen=True)
class ArticleSaved:
    """What article_save() did: the caller shows `links`' warnings (the admin does)."""

    article: Article
    old_status: str | None  # None for a new article
    links: LinkResult | None  # None when the text was not linked (update_fields without it)


# -- articles ---------------------------------------------------------------------------


def article_save(
    *, article: Article, by=None, request=None, directives=None, update_fields=None
) -> ArticleSaved:
    """Create or update `article`, with everything a save implies, in this order:

    1. read the stored row once (_stored_row): slug, status, version, first publication
       and the columns the page cache compares;
    2. the workflow: `by` may make this move (workflow.check_move), else PermissionDenied;
    3. the address: a locked slug stays unless corrected (article.slug_correction_allowed),
       and a corrected one keeps its old address as a redirect;
    4. the defaults (Article.fill_defaults): slug from the title, publication time on
       publishing, first publication;
    5. the version, raised by every save of an existing article (the admin's edit check);
    6. the search document, from the text and the figures' captions;
    7. the write, with the old address stored beside it;
    8. the directives: `directives` (the admin form's "văn bản liên quan") replace the
       set, then those the text names are attached and linked (news/directive_links.py);
    9. the audit line for a move in the workflow (workflow.audit_move), when `by` acts;
    10. the page cache: the pages showing the article, before and after, are renewed once
        the transaction commits (cache_tags.article_saved).
    """
    stored = _stored_row(article)
    old_status = stored["status"] if stored else None
    if by is not None:
        workflow.check_move(user=by, old_status=old_status, new_status=article.status)
    old_slug = _apply_slug_lock(article, stored)
    article.fill_defaults()
    update_fields = _fields_to_write(article, stored, update_fields)
    if stored is not None:
        article.version = (stored["version"] or 0) + 1
    if _touches(update_fields, SEARCHED_FIELDS):
        article.search_document = article_search_document(article)
    with transaction.atomic():
        with keeping_old_slug(article, old_slug):
            article.save(update_fields=update_fields)
        directive_ids = _set_directives(article, directives)
        links = None
        if directives is not None or _touches(update_fields, LINKED_FIELDS):
            links = link_article_directives(article=article)
            if directive_ids is not None:
                directive_ids |= {directive.pk for directive in links.attached}
        if by is not None:
            workflow.audit_move(article=article, old_status=old_status, by=by, request=request)
    cache_tags.article_saved(
        article=article,
        before=_listed(stored),
        directive_ids=lambda: (
            directive_ids if directive_ids is not None
            else article.directives.values_list("pk", flat=True)
        ),
    )
    return ArticleSaved(article=article, old_status=old_status, links=links)


def article_change_status(*, article: Article, to: str, by, at=None, request=None) -> ArticleSaved:
    """Move a saved article to state `to` (with a publication time `at` for publishing):
    checked and audited as any save by `by` is. The admin's actions use it."""
    if to == Article.Status.PUBLISHED:
        article.publish(at=at)
    else:
        article.status = to
    return article_save(article=article, by=by, request=request)


def article_delete(*, article: Article, by=None, request=None) -> None:
    """Delete `article`: an audit line with its state, and its pages renewed on commit."""
    with transaction.atomic():
        record(
            action=AuditEvent.Action.DELETE, obj=article, actor=by, request=request,
            detail=f"Trạng thái khi xóa: {article.get_status_display()}",
        )
        cache_tags.article_deleted(article=article)
        article.delete()


def articles_bulk_create(*, articles: list[Article], captions: list[list[str]]) -> list[Article]:
    """Many new articles in one INSERT, written by the system (the demo loader's thousands,
    which article_save one by one would take minutes over).

    Each gets what article_save gives a new article: its defaults and its search document,
    with the `captions` of the figures the caller adds next (one list per article). Every
    list of articles is renewed once. Nothing else: the caller attaches the figures and the
    directives it knows (the text is not scanned for more), and the system is not audited.
    """
    for article, its_captions in zip(articles, captions, strict=True):
        article.fill_defaults()
        article.search_document = article_document(
            title=article.title, summary=article.summary, body=article.body,
            captions=its_captions,
        )
    created = Article.objects.bulk_create(articles)
    cache_tags.articles_updated_in_bulk()
    return created


def _stored_row(article: Article) -> dict | None:
    if article.pk is None:
        return None
    columns = {*Article.STORED_STATE_FIELDS, *cache_tags.listed_fields()}
    return Article._default_manager.filter(pk=article.pk).values(*columns).first()


def _listed(stored: dict | None) -> dict | None:
    if stored is None:
        return None
    return {name: stored[name] for name in cache_tags.listed_fields()}


def _apply_slug_lock(article: Article, stored: dict | None) -> str | None:
    """Put a locked slug back (unless this save corrects it); the address to keep as a
    redirect when it changes: only an address that was public is worth keeping."""
    if not Article.locks_slug(stored):
        return None
    if not article.slug_correction_allowed:
        article.slug = stored["slug"]
    return stored["slug"]


def _fields_to_write(article: Article, stored: dict | None, update_fields):
    """`update_fields` with the columns this save derives from them (None: every column)."""
    if update_fields is None:
        return None
    fields = set(update_fields)
    if stored is not None:
        fields.add("version")
        if stored["first_published_at"] != article.first_published_at:
            fields.add("first_published_at")
    if fields & SEARCHED_FIELDS:
        fields.add("search_document")
    return fields


def _touches(update_fields, fields) -> bool:
    return update_fields is None or bool(fields & set(update_fields))


def _set_directives(article: Article, directives) -> set[int] | None:
    """Replace the article's directives with `directives` (None: leave them), renewing the
    pages of those attached or detached; the ids it had before or has now (the lists the
    article leaves or joins)."""
    if directives is None:
        return None
    before = set(article.directives.values_list("pk", flat=True))
    after = {directive.pk for directive in directives}
    if before - after:
        article.directives.remove(*(before - after))
    if after - before:
        article.directives.add(*(after - before))
    cache_tags.article_directives_changed(article=article, directive_ids=before ^ after)
    return before | after


def article_search_document(article: Article) -> str:
    """The article's text and its figures' captions, folded for search."""
    captions = article.images.values_list("caption", flat=True) if article.pk else ()
    return article_document(
        title=article.title, summary=article.summary, body=article.body, captions=captions
    )


# -- figures (photos with captions) -------------------------------------------------------


def article_figures_saved(*, article: Article) -> None:
    """After figures of `article` were added, changed or deleted (the admin's inline saves
    them as a formset): the captions are searched, so the search document and the
    article's page are renewed."""
    article.search_document = article_search_document(article)
    Article._default_manager.filter(pk=article.pk).update(search_document=article.search_document)
    cache_tags.figures_changed(article_id=article.pk)


def figure_save(*, figure: ArticleImage) -> ArticleImage:
    with transaction.atomic():
        figure.save()
        article_figures_saved(article=figure.article)
    return figure


def figure_delete(*, figure: ArticleImage) -> None:
    with transaction.atomic():
        figure.delete()
        article = Article._default_manager.only("title", "summary", "body").filter(
            pk=figure.article_id
        ).first()
        if article is not None:
            article_figures_saved(article=article)


# -- directives ---------------------------------------------------------------------------


def directive_save(*, directive: Directive, by=None) -> bool:
    """Save `directive`, renew its pages, and ask the task worker to link it in the articles
    that named it before it was on the portal (news/tasks.py), in the same transaction;
    whether it was asked (False when no article names it)."""
    with transaction.atomic():
        # A corrected address keeps the old one, which the articles' links point at.
        with keeping_old_slug(directive, stored_slug(directive)):
            directive.save()
        cache_tags.directive_changed(directive_id=directive.pk)
        return tasks.request_directive_linking(directive=directive, by=by)


def directive_delete(*, directive: Directive) -> None:
    with transaction.atomic():
        cache_tags.directive_changed(directive_id=directive.pk)
        directive.delete()

