"""Write the demo content to the database, creating only what is missing.

Every record has a natural key (a slug, an e-mail address, a document number),
so a second run finds everything and creates nothing; what an editor changed
in the meantime is left as it is. Articles are written in batches through
news.services.articles_bulk_create, so ten thousand take a few minutes at most.
"""

import sys
from dataclasses import dataclass, field
from itertools import batched

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import (
    get_default_password_validators,
    validate_password,
)
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from accounts.password_policy import DemoPasswordValidator
from core.text import vietnamese_slugify
from demo import data
from demo.articles import content, photo_name, slugs_for
from demo.images import (
    body_with_figures,
    ensure_library_photos,
    ensure_photo_pool,
    figure_html,
)
from demo.portals import DemoPortal, ensure_demo_portals
from demo.site import ensure_demo_site_content
from demo.topics import ensure_topics, ensure_website_links
from images.rendition_tracking import pool_descriptions
from library.models import CARD_RENDITIONS as LIBRARY_CARD_RENDITIONS
from library.models import FIGURE_RENDITIONS as LIBRARY_FIGURE_RENDITIONS
from news.directive_numbers import symbol_key
from news.models import (
    Article,
    Category,
    Directive,
    ImageUse,
    Topic,
)
from news.services import article_save, articles_bulk_create, directive_save
from organizations.models import Organization, Person, Position, Succession
from pages.models import MenuItem, StaticPage, WebsiteLink
from portals import hosts
from portals.models import Portal

BATCH_SIZE = 500
PROGRESS_THRESHOLD = 200


@dataclass
class Tally:
    label: str
    total: int = 0
    created: int = 0


@dataclass
class Report:
    tallies: list[Tally] = field(default_factory=list)
    requested_articles: int = 0
    public_articles: int = 0
    admin_created: bool = False
    admin_is_superuser: bool = True
    portals: list[DemoPortal] = field(default_factory=list)
    # (portal's name, its public articles), main portal first
    portal_articles: list[tuple[str, int]] = field(default_factory=list)
    port: int | None = None

    def add(self, label: str, total: int, created: int) -> None:
        self.tallies.append(Tally(label, total, created))

    def lines(self) -> list[str]:
        width = max(len(tally.label) for tally in self.tallies) + 2
        lines = ["Đã nạp dữ liệu mẫu:"]
        lines += [
            f"  {(tally.label + ':').ljust(width)}{tally.total:>7}  (mới {tally.created})"
            for tally in self.tallies
        ]
        lines.append(
            f"Bài viết công khai trên cổng: {self.public_articles} "
            f"(trong đó đủ {self.requested_articles} bài mẫu đã đăng theo yêu cầu)."
        )
        lines += self.portal_lines()
        main_domain = self.portals[0].domain if self.portals else ""
        lines.append(f"Trang quản trị: {self.address(main_domain)}admin/")
        lines.append(f"Tên đăng nhập: {data.DEMO_ADMIN_USERNAME}")
        if self.admin_created:
            lines.append(f"Mật khẩu: {data.DEMO_ADMIN_PASSWORD}")
        elif self.admin_is_superuser:
            lines.append("Tài khoản này đã có từ trước nên mật khẩu được giữ nguyên.")
        else:
            lines.append(
                "Tài khoản này đã có từ trước nhưng không phải quản trị viên cấp cao; lệnh "
                "không thay đổi quyền hay mật khẩu của nó. Hãy dùng “manage.py "
                "createsuperuser” để tạo tài khoản quản trị."
            )
        return lines

    def address(self, domain: str) -> str:
        """The address of a portal's home page under `make run` (its primary domain, with
        the port when load_demo was told it)."""
        if not domain:
            return "<địa chỉ của cổng>/"
        port = f":{self.port}" if self.port else ""
        return f"http://{domain}{port}/"

    def portal_lines(self) -> list[str]:
        lines = ["Các cổng:"]
        for (name, count), demo_portal in zip(self.portal_articles, self.portals, strict=True):
            kind = "cổng chính" if demo_portal.portal.is_main else "cổng riêng"
            lines.append(
                f"  {name} ({kind}, {count} bài công khai): {self.address(demo_portal.domain)}"
            )
        if self.portals:
            fallback = f"http://127.0.0.1:{self.port}/" if self.port else "127.0.0.1, localhost"
            lines.append(f"  ({fallback} cũng mở cổng chính.)")
        return lines


class DemoLoader:
    def __init__(self, *, progress: bool = False, log=None):
        self.progress = progress
        self.log = log or (lambda message: None)

    def load(self, articles: int = 60, port: int | None = None) -> Report:
        report = Report(requested_articles=articles, port=port)
        photos, photos_created = ensure_photo_pool()
        report.add("Ảnh minh họa (library/images/demo/)", len(photos), photos_created)
        # Renditions are made once per pool photo; the bulk-created rows get a copy of
        # their description (bulk_create skips the save that would make them).
        self.cover_renditions = pool_descriptions(LIBRARY_CARD_RENDITIONS, photos)
        figure_renditions = pool_descriptions(LIBRARY_FIGURE_RENDITIONS, photos)
        with transaction.atomic():
            organizations = self._organizations(report)
            # The pool in the media library, kept by the province's committee, shared: the
            # articles' covers and the figures in their text.
            self.library, library_created = ensure_library_photos(
                organization=organizations[data.PROVINCIAL_COMMITTEE], names=photos,
                figure_renditions=figure_renditions, card_renditions=self.cover_renditions,
            )
            self.covers = self.library
            report.add("Ảnh trong thư viện", len(self.library), library_created)
            self._successions(report, organizations)
            self._people(report, organizations)
            categories = self._categories(report)
            self._site(report)
            self._portals(report)
            directives = self._directives(report, organizations)
            user = self._admin(report)
            self._unpublished(report, organizations, categories, user)
            self._articles(report, articles, organizations, categories, directives)
            self._topics(report)
        report.public_articles = Article.objects.published().count()
        hosts.forget()
        for demo_portal in report.portals:
            report.portal_articles.append((
                str(demo_portal.portal.information),
                Article.objects.published().filter(
                    organization_id__in=hosts.organization_ids(demo_portal.portal)
                ).count(),
            ))
        return report

    # -- the library's photos used as covers -------------------------------

    # -- organisations and people ------------------------------------------

    def _organizations(self, report: Report) -> dict[str, Organization]:
        created = 0
        for spec in data.ORGANIZATIONS:
            if Organization.objects.filter(slug=spec.slug).exists():
                continue
            fields = {
                "slug": spec.slug, "name": spec.name, "name_en": spec.name_en,
                "short_name": spec.short_name, "kind": spec.kind, "level": spec.level,
                "order": spec.order, "introduction": spec.introduction,
                "address": spec.address, "phone": spec.phone, "email": spec.email,
                "active_from": spec.active_from, "active_until": spec.active_until,
            }
            if spec.parent is None:
                Organization.objects.add_root(instance=Organization(**fields))
            else:
                # Fetched afresh: a sorted insertion may have moved the parent's path.
                parent = Organization.objects.get(slug=spec.parent)
                Organization.objects.add_child(parent, instance=Organization(**fields))
            created += 1
        slugs = [spec.slug for spec in data.ORGANIZATIONS]
        organizations = {item.slug: item for item in Organization.objects.filter(slug__in=slugs)}
        report.add("Tổ chức", Organization.objects.count(), created)
        return organizations

    def _successions(self, report: Report, organizations) -> None:
        created = 0
        for predecessor, successor, kind, effective_on, note in data.SUCCESSIONS:
            _, is_new = Succession.objects.get_or_create(
                predecessor=organizations[predecessor], successor=organizations[successor],
                defaults={"kind": kind, "effective_on": effective_on, "note": note},
            )
            created += is_new
        report.add("Quan hệ kế tục tổ chức", Succession.objects.count(), created)

    def _people(self, report: Report, organizations) -> None:
        people_created = positions_created = 0
        for spec in data.PEOPLE:
            person = Person.objects.filter(email=spec.email).first()
            if person is None:
                # The record is kept by the organisation of the person's first post.
                person = Person.objects.create(
                    full_name=spec.full_name, phone=spec.phone, email=spec.email,
                    organization=organizations[spec.positions[0].organization],
                )
                people_created += 1
            for post in spec.positions:
                _, is_new = Position.objects.get_or_create(
                    person=person, organization=organizations[post.organization],
                    title=post.title,
                    defaults={
                        "title_en": post.title_en, "order": post.order,
                        "started_on": post.started_on, "ended_on": post.ended_on,
                    },
                )
                positions_created += is_new
        report.add("Cán bộ", Person.objects.count(), people_created)
        report.add("Chức vụ", Position.objects.count(), positions_created)

    # -- categories, site parts, directives, users --------------------------

    def _categories(self, report: Report) -> dict[str, Category]:
        created = 0
        categories = {}
        for spec in data.CATEGORIES:
            category, is_new = Category.objects.get_or_create(
                slug=spec.slug,
                defaults={
                    "name": spec.name, "order": spec.order,
                    "show_on_home": spec.show_on_home, "description": spec.description,
                },
            )
            categories[spec.slug] = category
            created += is_new
        report.add("Chuyên mục", Category.objects.count(), created)
        return categories

    def _site(self, report: Report) -> None:
        """The main menu and the static pages (demo.site)."""
        items, pages = MenuItem.objects.count(), StaticPage.objects.count()
        ensure_demo_site_content()
        report.add("Mục menu chính", MenuItem.objects.count(), MenuItem.objects.count() - items)
        report.add("Trang tĩnh", StaticPage.objects.count(), StaticPage.objects.count() - pages)

    def _portals(self, report: Report) -> None:
        """The Tỉnh ủy's portal (the main one) and the Tỉnh Đoàn's (demo.portals)."""
        report.portals = ensure_demo_portals()
        report.add("Cổng", Portal.objects.count(),
                   sum(demo_portal.created for demo_portal in report.portals))

    def _directives(self, report: Report, organizations) -> dict[str, Directive]:
        created = 0
        directives = {}
        # Replacing documents first, so the replaced ones can point at them.
        for spec in sorted(data.DIRECTIVES, key=lambda item: item.replaced_by is not None):
            issuer = organizations[spec.issuer]
            directive = Directive(
                doc_type=spec.doc_type, issued_on=spec.issued_on, issuer=issuer,
                effective_on=spec.effective_on, title=spec.title, summary=spec.summary,
                status=spec.status, is_key=spec.is_key,
            )
            directive.set_code(spec.code)
            existing = Directive.objects.filter(
                doc_type=spec.doc_type, number=directive.number,
                symbol_key=symbol_key(directive.symbol), issuer=issuer,
                year=directive.year or spec.issued_on.year,
            ).first()
            if existing is None:
                if spec.replaced_by:
                    directive.replaced_by = directives[spec.replaced_by]
                directive_save(directive=directive)
                existing = directive
                created += 1
            directives[spec.code] = existing
        report.add("Văn bản chỉ đạo", Directive.objects.count(), created)
        return directives

    def _admin(self, report: Report):
        user_model = get_user_model()
        user = user_model._default_manager.filter(
            **{user_model.USERNAME_FIELD: data.DEMO_ADMIN_USERNAME}
        ).first()
        if user is None:
            # Every rule but the one refusing this very password outside debug.
            validate_password(
                data.DEMO_ADMIN_PASSWORD,
                password_validators=[
                    validator for validator in get_default_password_validators()
                    if not isinstance(validator, DemoPasswordValidator)
                ],
            )
            user = user_model._default_manager.create_superuser(
                data.DEMO_ADMIN_USERNAME, data.DEMO_ADMIN_EMAIL, data.DEMO_ADMIN_PASSWORD
            )
            report.admin_created = True
        report.admin_is_superuser = user.is_superuser
        return user

    # -- articles -----------------------------------------------------------

    def _unpublished(self, report: Report, organizations, categories, user) -> None:
        created = 0
        for title, summary, body, status, organization, category in UNPUBLISHED:
            slug = vietnamese_slugify(title, max_length=160)
            if Article.all_objects.filter(slug=slug).exists():  # a trashed one stays there
                continue
            article_save(article=Article(
                slug=slug, title=title, summary=summary, body=body, status=status,
                organization=organizations[organization],
                category=categories[category], author=user,
                author_name="Minh Thư", source="Cổng TTĐT Tỉnh ủy",
                cover=self.covers[photo_name(1)],
            ))
            created += 1
        total = Article.objects.filter(
            status__in=[Article.Status.DRAFT, Article.Status.PENDING]
        ).count()
        report.add("Bài nháp và chờ duyệt", total, created)

    def _articles(self, report, count, organizations, categories, directives) -> None:
        planned = slugs_for(count)
        existing = set()
        for chunk in batched([slug for _, slug in planned], BATCH_SIZE):
            existing.update(
                Article.all_objects.filter(slug__in=chunk).values_list("slug", flat=True)
            )
        missing = [(item, slug) for item, slug in planned if slug not in existing]
        uses_created = links_created = 0
        through = Article.directives.through
        now = timezone.localtime()
        show_bar = self.progress and len(missing) > PROGRESS_THRESHOLD
        if len(missing) > PROGRESS_THRESHOLD:
            self.log(f"Đang tạo {len(missing)} bài viết mẫu…")
        with tqdm(
            total=len(missing), disable=not show_bar, unit=" bài", desc="Bài viết",
            file=sys.stderr, leave=False,
        ) as bar:
            for chunk in batched(missing, BATCH_SIZE):
                articles, contents = [], []
                for item, slug in chunk:
                    text = content(item, now)
                    category = item.topic.category or item.desk.category
                    figures = [
                        figure_html(self.library[photo_name(photo)], caption)
                        for photo, caption in text.images
                    ]
                    articles.append(Article(
                        title=item.title, slug=slug, summary=text.summary,
                        body=body_with_figures(text.body, figures),
                        cover=self.covers[photo_name(text.cover)],
                        organization=organizations[item.desk.organization],
                        category=categories[category], source=text.source,
                        author_name=text.author_name, status=Article.Status.PUBLISHED,
                        published_at=text.published_at, is_featured=text.is_featured,
                        first_published_at=text.published_at, view_count=text.view_count,
                    ))
                    contents.append(text)
                articles_bulk_create(articles=articles)
                ids = dict(
                    Article.objects.filter(slug__in=[article.slug for article in articles])
                    .values_list("slug", "id")
                )
                uses, links = [], []
                for article, text in zip(articles, contents, strict=True):
                    article_id = ids[article.slug]
                    shown = {self.library[photo_name(photo)].pk for photo, _ in text.images}
                    uses += [ImageUse(article_id=article_id, image_id=pk) for pk in sorted(shown)]
                    uses.append(ImageUse(
                        article_id=article_id, image_id=article.cover.pk, as_cover=True
                    ))
                    links += [
                        through(article_id=article_id, directive_id=directives[code].pk)
                        for code in text.directives
                    ]
                ImageUse.objects.bulk_create(uses, ignore_conflicts=True)
                through.objects.bulk_create(links, ignore_conflicts=True)
                uses_created += len(uses)
                links_created += len(links)
                bar.update(len(chunk))
        report.add("Bài viết đã đăng", Article.objects.filter(
            status=Article.Status.PUBLISHED).count(), len(missing))
        report.add("Ảnh trong bài viết", ImageUse.objects.count(), uses_created)
        report.add("Liên kết bài viết – văn bản", through.objects.count(), links_created)


    def _topics(self, report: Report) -> None:
        """The topic pages with some of the articles, and the website links (demo.topics)."""
        topics, attached = ensure_topics(self.library)
        report.add("Chuyên trang", Topic.objects.count(), topics)
        report.add("Bài trong chuyên trang", Article.topics.through.objects.count(), attached)
        links_created = ensure_website_links()
        report.add("Liên kết website", WebsiteLink.objects.count(), links_created)


# (title, summary, body, status, organisation, category): never public.
UNPUBLISHED = [
    (
        "Ban Thường vụ Tỉnh ủy cho ý kiến về kế hoạch tổ chức đại hội chi bộ trực thuộc",
        "Bài đang soạn: nội dung chính của phiên họp, chờ bổ sung ảnh và số liệu.",
        "<p>Ban Thường vụ Tỉnh ủy cho ý kiến về kế hoạch tổ chức đại hội chi bộ trực thuộc "
        "nhiệm kỳ mới.</p><p>(Phóng viên bổ sung số liệu sau khi có thông báo kết luận.)</p>",
        Article.Status.DRAFT, data.PROVINCIAL_COMMITTEE, data.NEWS,
    ),
    (
        "Tỉnh Đoàn Bến Tre chuẩn bị Ngày hội thanh niên với chuyển đổi số",
        "Bản nháp: kế hoạch tổ chức ngày hội, chờ chốt thời gian và địa điểm.",
        "<p>Tỉnh Đoàn Bến Tre đang hoàn thiện kế hoạch tổ chức Ngày hội thanh niên với chuyển "
        "đổi số, dự kiến thu hút đông đảo đoàn viên, thanh niên tham gia.</p>",
        Article.Status.DRAFT, data.PROVINCIAL_YOUTH_UNION, data.YOUTH,
    ),
    (
        "Ban Tuyên giáo và Dân vận Tỉnh ủy gặp mặt chức sắc, chức việc các tôn giáo",
        "Bài chờ lãnh đạo Ban duyệt trước khi đăng.",
        "<p>Ban Tuyên giáo và Dân vận Tỉnh ủy tổ chức buổi gặp mặt chức sắc, chức việc các tôn "
        "giáo trên địa bàn tỉnh, thông tin tình hình kinh tế - xã hội và lắng nghe ý kiến, "
        "kiến nghị.</p>",
        Article.Status.PENDING, data.MERGED_BOARD, data.PARTY_BUILDING,
    ),
]
