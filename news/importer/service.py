"""Turning what the parsers read into Articles: where each one goes, and no duplicates.

Category: --category, else the page's category line matched to a Category by
name (without regard to diacritics or case), else the default category.
Organisation: --organization, else the source line matched to an Organization
by name or short name, else the default organisation. The defaults are named
in the command's summary; the importer never stops to ask.

Articles are drafts unless --publish; an article without a date stays a draft
even then (it would otherwise be dated today and top the news lists).
Re-importing finds the first copy by Article.legacy_key (title and day).
Articles are written by news.services.article_save, which also links the directives they
name (news/directive_links.py); a dry run asks the same link_article_directives(dry_run=True)
about the article it would save, so it reports exactly what the import links.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count

from core.sanitize import clean_html
from organizations.models import Organization

from ..directive_links import DirectiveIndex, link_article_directives
from ..models import Article, Category
from ..services import article_save
from .html_page import parse_html_page
from .legacy_article import LegacyArticle, UnusablePage
from .reading import UnreadableFile, read_source
from .text_page import parse_text_page
from .text_tools import fold

DEFAULT_CATEGORY_NAME = "Tin tức"

CREATED, DUPLICATE, FAILED = "created", "duplicate", "failed"


@dataclass
class Outcome:
    path: Path
    status: str
    message: str = ""
    parsed: LegacyArticle | None = None
    article: Article | None = None
    category: Category | None = None
    organization: Organization | None = None
    category_guessed: bool = False
    organization_guessed: bool = False
    directives: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Placement:
    """Where imported articles go: the command's choices, the portal's names, the defaults."""

    def __init__(self, *, organization=None, category=None):
        self.organization = organization
        self.category = category
        self.categories = list(Category.objects.all())
        self._category_by_name = {}
        for item in self.categories:
            self._category_by_name.setdefault(fold(item.name), item)
        self.organizations = list(Organization.objects.all())
        self._default_category = None
        self._default_organization = None
        self.seen_keys: set[str] = set()  # a dry run remembers what it would have created

    @property
    def category_names(self) -> list[str]:
        return [item.name for item in self.categories]

    def category_for(self, parsed: LegacyArticle) -> tuple[Category | None, bool]:
        """(category, True if it is the default)."""
        if self.category is not None:
            return self.category, False
        for line in parsed.category_lines:
            if (found := self._category_by_name.get(fold(line))) is not None:
                return found, False
        return self.default_category, True

    def organization_for(self, parsed: LegacyArticle) -> tuple[Organization | None, bool]:
        if self.organization is not None:
            return self.organization, False
        if parsed.source:
            source = fold(parsed.source)
            for item in self.organizations:
                names = {fold(item.name), fold(item.short_name)} - {""}
                if source in names:
                    return item, False
            # "Ban Dân vận Tỉnh ủy Bến Tre" names "Ban Dân vận Tỉnh ủy": the longest name inside.
            inside = [item for item in self.organizations
                      if len(fold(item.name)) >= 8 and f" {fold(item.name)} " in f" {source} "]
            if inside:
                return max(inside, key=lambda item: len(item.name)), False
        return self.default_organization, True

    @property
    def default_category(self) -> Category | None:
        if self._default_category is None:
            self._default_category = (
                self._category_by_name.get(fold(DEFAULT_CATEGORY_NAME))
                or (self.categories[0] if self.categories else None)
            )
        return self._default_category

    @property
    def default_organization(self) -> Organization | None:
        """The organisation that publishes most on the portal, else the one PORTAL_OWNER names."""
        if self._default_organization is None:
            busiest = (
                Organization.objects.annotate(total=Count("articles"))
                .filter(total__gt=0).order_by("-total", "path").first()
            )
            owner = fold(getattr(settings, "PORTAL_OWNER", ""))
            named = next((item for item in self.organizations
                          if owner and fold(item.name).startswith(owner)), None)
            self._default_organization = busiest or named or (
                self.organizations[0] if self.organizations else None
            )
        return self._default_organization

    def ensure_default_category(self) -> Category:
        """A portal without any category gets "Tin tức" for its imported news."""
        if self.default_category is None:
            self._default_category = Category.objects.create(name=DEFAULT_CATEGORY_NAME)
            self.categories.append(self._default_category)
        return self._default_category


def parse_file(path: Path, *, category_names=()) -> LegacyArticle:
    source = read_source(path)
    parse = parse_html_page if source.is_html else parse_text_page
    return parse(source.text, category_names=category_names)


def import_file(path: Path, *, placement: Placement, publish: bool = False,
                dry_run: bool = False, index: DirectiveIndex | None = None) -> Outcome:
    try:
        parsed = parse_file(path, category_names=placement.category_names)
    except (UnreadableFile, UnusablePage) as error:
        return Outcome(path, FAILED, str(error))

    outcome = _place(path, parsed, placement=placement, publish=publish)
    if outcome.status == FAILED:
        return outcome
    # An article in the trash counts: importing it again would bring back what an editor
    # deleted (restoring it from the trash is how it comes back).
    existing = Article.all_objects.filter(legacy_key=parsed.legacy_key).first()
    if existing is not None:
        outcome.status, outcome.article = DUPLICATE, existing
        return outcome
    if dry_run:
        return _preview(outcome, placement=placement, index=index)
    return _create(outcome, placement=placement, publish=publish)


def _place(path: Path, parsed: LegacyArticle, *, placement: Placement, publish: bool) -> Outcome:
    """The outcome so far: the category and organisation the article goes to, and notes."""
    outcome = Outcome(path, CREATED, parsed=parsed)
    outcome.category, outcome.category_guessed = placement.category_for(parsed)
    outcome.organization, outcome.organization_guessed = placement.organization_for(parsed)
    if outcome.organization is None:
        return Outcome(path, FAILED, "cổng chưa có tổ chức nào để gán bài; hãy tạo tổ chức trước",
                       parsed=parsed)
    if parsed.published_at is None:
        outcome.notes.append("không thấy ngày đăng" + (": nhập dạng bản nháp" if publish else ""))
    return outcome


def _new_article(parsed: LegacyArticle, *, organization: Organization,
                 category: Category | None = None,
                 status: str = Article.Status.DRAFT) -> Article:
    """The article an old page becomes, not saved yet: a dry run reads the same one."""
    return Article(
        title=parsed.title[:300],
        body=clean_html(parsed.body_html),
        organization=organization,
        category=category,
        source=parsed.source[:200],
        author_name=parsed.author_name[:150],
        status=status,
        published_at=parsed.published_at,
        # A source that gave only the day: the article shows no invented "00:00".
        published_date_only=parsed.published_at is not None and not parsed.has_time,
        legacy_key=parsed.legacy_key,
    )


def _preview(outcome: Outcome, *, placement: Placement,
             index: DirectiveIndex | None) -> Outcome:
    """A dry run: the directives the import would link, asked of the same linking code
    about the same article, and nothing saved."""
    parsed = outcome.parsed
    if parsed.legacy_key in placement.seen_keys:
        outcome.status = DUPLICATE
        return outcome
    placement.seen_keys.add(parsed.legacy_key)
    article = _new_article(parsed, organization=outcome.organization, category=outcome.category)
    links = link_article_directives(article=article, index=index, dry_run=True)
    outcome.directives = [directive.code for directive in links.directives]
    outcome.unresolved = [mention.code for mention in links.unresolved]
    return outcome


def _create(outcome: Outcome, *, placement: Placement, publish: bool) -> Outcome:
    parsed = outcome.parsed
    outcome.category = outcome.category or placement.ensure_default_category()
    status = Article.Status.DRAFT
    if publish and parsed.published_at is not None:
        status = Article.Status.PUBLISHED
    with transaction.atomic():
        article = _new_article(parsed, organization=outcome.organization,
                               category=outcome.category, status=status)
        article_save(article=article)
    outcome.article = article
    outcome.directives = [item.code for item in article.directives.all()]
    outcome.unresolved = list(
        article.unresolved_directive_references.values_list("code", flat=True)
    )
    return outcome


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == FAILED]

    def defaults_used(self) -> tuple[Counter, Counter]:
        categories, organizations = Counter(), Counter()
        for outcome in self.outcomes:
            if outcome.status != CREATED:
                continue
            if outcome.category_guessed and outcome.category is not None:
                categories[outcome.category.name] += 1
            if outcome.organization_guessed and outcome.organization is not None:
                organizations[outcome.organization.name] += 1
        return categories, organizations
