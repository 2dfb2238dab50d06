"""factory_boy factories for the portal's models, shared by every test module.

Every model of the portal's apps has one (tests/test_factories.py fails for a model without
one), and each makes a saved object that passes full_clean().

    OrganizationFactory()                      # a root organisation
    OrganizationFactory(parent=province)       # a child of `province`
    ArticleFactory()                           # published, published_at in the past
    ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(body=figure_html(LibraryImageFactory(), caption="Lễ ra quân"))
    MenuItemFactory(menu=MenuFactory(slug="main"), link="/tin-tuc/")
"""

import io
from datetime import date, timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape
from PIL import Image

from audit.models import AuditEvent
from library.models import LibraryDocument, LibraryImage
from news import services
from news.models import (
    Article,
    ArticleComment,
    ArticleEditingSession,
    ArticleOldSlug,
    ArticleReadMark,
    Category,
    CategoryOldSlug,
    Directive,
    DirectiveLinking,
    DirectiveOldSlug,
    ImageUse,
    NotificationPreference,
    Republication,
    Topic,
    TopicOldSlug,
    UnresolvedDirectiveReference,
)
from organizations.models import (
    Membership,
    Organization,
    OrganizationOldSlug,
    Person,
    Position,
    Succession,
)
from pages.models import (
    ContactMessage,
    Menu,
    MenuItem,
    PortalInformation,
    StaticPage,
    WebsiteLink,
)
from portals.models import Portal, PortalDomain
from visitors.models import DailyVisit

PASSWORD = "mat-khau-kiem-thu-12345"


def image_bytes(fmt: str = "JPEG", size=(32, 24), color=(200, 30, 30)) -> bytes:
    """A small real image encoded with Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


def image_file(name: str = "anh.jpg", fmt: str = "JPEG", **kwargs) -> ContentFile:
    return ContentFile(image_bytes(fmt, **kwargs), name=name)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.vn")
    first_name = "Minh"
    last_name = "Thư"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffUserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"bientap{n}")
    is_staff = True


class SuperUserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"quantri{n}")
    is_staff = True
    is_superuser = True


class OrganizationFactory(factory.django.DjangoModelFactory):
    """Organisations live in a treebeard tree: create them through add_root/add_child."""

    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Ban Tuyên giáo số {n}")
    short_name = factory.Sequence(lambda n: f"BTG{n}")
    kind = Organization.Kind.PARTY_BOARD
    level = Organization.Level.PROVINCE

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        manager = model_class.objects
        if parent is None:
            return manager.add_root(instance=model_class(*args, **kwargs))
        # treebeard re-reads the parent row itself and updates `parent` in memory.
        return manager.add_child(parent, instance=model_class(*args, **kwargs))


class OrganizationOldSlugFactory(factory.django.DjangoModelFactory):
    """An address an organisation had before (it redirects to the current one)."""

    class Meta:
        model = OrganizationOldSlug

    organization = factory.SubFactory(OrganizationFactory)
    slug = factory.Sequence(lambda n: f"ban-tuyen-giao-cu-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    """A staff member assigned to an organisation (and so to everything under it)."""

    class Meta:
        model = Membership

    user = factory.SubFactory(StaffUserFactory)
    organization = factory.SubFactory(OrganizationFactory)


def member(role, organization, **kwargs):
    """A staff user holding `role` (a group of accounts/roles.py) in `organization`."""
    user = StaffUserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=role))
    MembershipFactory(user=user, organization=organization)
    return user


class SuccessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Succession

    predecessor = factory.SubFactory(OrganizationFactory)
    successor = factory.SubFactory(OrganizationFactory)
    kind = Succession.Kind.MERGED_INTO
    effective_on = date(2025, 3, 1)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Thị Mỹ Nương {n}")
    phone = "0275 3822 000"
    email = factory.Sequence(lambda n: f"canbo{n}@example.vn")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = "Phó Bí thư Tỉnh Đoàn"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Tin tức {n}")


class CategoryOldSlugFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CategoryOldSlug

    category = factory.SubFactory(CategoryFactory)
    slug = factory.Sequence(lambda n: f"chuyen-muc-cu-{n}")


class DirectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directive

    doc_type = Directive.DocumentType.DIRECTIVE
    number = factory.Sequence(lambda n: str(n + 1))
    symbol = "CT/TW"
    numbering = Directive.Numbering.PARTY
    issued_on = date(2012, 11, 5)
    issuer = factory.SubFactory(OrganizationFactory, name="Bộ Chính trị", kind="party_committee",
                                level="central")
    title = (
        "Về tăng cường sự lãnh đạo của Đảng đối với công tác chăm sóc, giáo dục và bảo vệ trẻ em"
    )


class DirectiveOldSlugFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DirectiveOldSlug

    directive = factory.SubFactory(DirectiveFactory)
    slug = factory.Sequence(lambda n: f"van-ban-cu-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article whose publication time has passed (so readers see it)."""

    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Tỉnh Đoàn giám sát công tác thanh niên đợt {n}")
    summary = "Đoàn giám sát làm việc với các cơ sở Đoàn trong tỉnh."
    body = "<p>Nội dung bài viết.</p>"
    organization = factory.SubFactory(OrganizationFactory)
    category = factory.SubFactory(CategoryFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    source = "Cổng TTĐT Tỉnh ủy"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the one write path, as the admin and the importer save.
        return services.article_save(article=model_class(*args, **kwargs)).article


# -- the media library and the figures that show it ----------------------------------------


class LibraryImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LibraryImage

    file = factory.LazyFunction(image_file)
    caption = factory.Sequence(lambda n: f"Quang cảnh buổi làm việc {n}")
    alt_text = "Đại biểu dự hội nghị trong hội trường"
    organization = factory.SubFactory(OrganizationFactory)


class ImageUseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImageUse

    article = factory.SubFactory(ArticleFactory)
    image = factory.SubFactory(LibraryImageFactory)


def figure_html(image, *, caption: str | None = None, alt: str | None = None) -> str:
    """A library image as a figure of an article's text, as CKEditor 5 writes it."""
    caption = image.caption if caption is None else caption
    alt = image.alt_text if alt is None else alt
    figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure class="image"><img src="{image.file.url}" alt="{escape(alt)}">'
        f"{figcaption}</figure>"
    )


class HistoricalArticleFactory(factory.django.DjangoModelFactory):
    """A revision in an article's history, by a staff member with a reason. django-simple-history
    writes a revision on every save: this saves the article and completes its newest one."""

    class Meta:
        model = Article.history.model

    article = factory.SubFactory(ArticleFactory)
    history_user = factory.SubFactory(StaffUserFactory)
    history_change_reason = "Sửa tóm tắt"

    @classmethod
    def _create(cls, model_class, *args, article, **kwargs):
        revision = article.history.first()
        for name, value in kwargs.items():
            setattr(revision, name, value)
        revision.save()
        return revision


class ArticleOldSlugFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleOldSlug

    article = factory.SubFactory(ArticleFactory)
    slug = factory.Sequence(lambda n: f"tieu-de-cu-{n}")


class DirectiveLinkingFactory(factory.django.DjangoModelFactory):
    """The last run of linking the articles that mention a directive: done, 3 articles."""

    class Meta:
        model = DirectiveLinking

    directive = factory.SubFactory(DirectiveFactory)
    status = DirectiveLinking.Status.DONE
    requested_at = factory.LazyFunction(timezone.now)
    started_at = factory.LazyFunction(timezone.now)
    finished_at = factory.LazyFunction(timezone.now)
    linked_count = 3


class UnresolvedDirectiveReferenceFactory(factory.django.DjangoModelFactory):
    """A document an article names that the portal does not have yet."""

    class Meta:
        model = UnresolvedDirectiveReference

    article = factory.SubFactory(ArticleFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    symbol = "KH/TĐTN"
    code = factory.LazyAttribute(lambda reference: f"{reference.number}-{reference.symbol}")
    key = factory.LazyAttribute(lambda reference: f"{reference.number}-KHTDTN")
    text = factory.LazyAttribute(lambda reference: f"Kế hoạch số {reference.code}")
    doc_type = Directive.DocumentType.PLAN


class AuditEventFactory(factory.django.DjangoModelFactory):
    """A line of the audit log; audit/log.py writes the real ones."""

    class Meta:
        model = AuditEvent

    actor = factory.SubFactory(StaffUserFactory)
    actor_name = factory.LazyAttribute(lambda event: event.actor.username if event.actor else "")
    action = AuditEvent.Action.LOGIN
    ip_address = "203.0.113.7"


def _main_portal():
    from portals.hosts import main_portal

    return main_portal()


class MenuFactory(factory.django.DjangoModelFactory):
    """A menu of the main portal unless `portal=` says another."""

    class Meta:
        model = Menu

    portal = factory.LazyFunction(_main_portal)
    name = factory.Sequence(lambda n: f"Menu {n}")
    slug = factory.Sequence(lambda n: f"menu-{n}")


class MenuItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenuItem

    menu = factory.SubFactory(MenuFactory)
    title = factory.Sequence(lambda n: f"Mục {n}")
    link = "/tin-tuc/"
    order = factory.Sequence(lambda n: n)


class TopicFactory(factory.django.DjangoModelFactory):
    """A topic page (chuyên trang)."""

    class Meta:
        model = Topic

    title = factory.Sequence(lambda n: f"Đại hội Đảng bộ tỉnh lần thứ {n}")
    description = "Tin bài về đại hội: chuẩn bị, diễn biến và kết quả."
    is_active = True


class TopicOldSlugFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicOldSlug

    topic = factory.SubFactory(TopicFactory)
    slug = factory.Sequence(lambda n: f"chuyen-trang-cu-{n}")


class WebsiteLinkFactory(factory.django.DjangoModelFactory):
    """A link of the "Liên kết website" block, without a logo (shown as its name)."""

    class Meta:
        model = WebsiteLink

    portal = factory.LazyFunction(_main_portal)
    name = factory.Sequence(lambda n: f"Cổng Dịch vụ công quốc gia {n}")
    address = factory.Sequence(lambda n: f"https://dichvucong{n}.gov.vn/")


class StaticPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaticPage

    title = factory.Sequence(lambda n: f"Giới thiệu {n}")
    summary = "Lịch sử và chức năng, nhiệm vụ của cơ quan."
    body = "<p>Nội dung trang giới thiệu.</p>"
    is_published = True


class ContactMessageFactory(factory.django.DjangoModelFactory):
    """A message sent through the contact form (pages/contact.py)."""

    class Meta:
        model = ContactMessage

    name = "Trần Văn Bình"
    email = factory.Sequence(lambda n: f"nguoidan{n}@example.vn")
    phone = "0912 345 678"
    subject = "Hỏi về thủ tục kết nạp Đoàn"
    message = "Xin cho biết hồ sơ kết nạp đoàn viên gồm những gì."
    ip_address = "198.51.100.4"


class PortalInformationFactory(factory.django.DjangoModelFactory):
    """The portal's one record (pages.PortalInformation): names and the footer's details."""

    class Meta:
        model = PortalInformation

    # The main portal's, unless it has one already: then a portal of its own.
    portal = factory.LazyFunction(
        lambda: PortalFactory() if PortalInformation.objects.filter(portal__is_main=True).exists()
        else None
    )
    full_name = "Cổng Thông tin điện tử Tỉnh ủy Bến Tre"
    short_name = "Tỉnh ủy Bến Tre"
    owner = "Tỉnh ủy Bến Tre"
    address = "Số 7, đường Cách Mạng Tháng Tám, phường An Hội, tỉnh Bến Tre"
    phone = "0275 3599 009"
    email = "congthongtin@bentre.example.org"
    responsible_person = "Trần Văn Minh — Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"
    licence = "Giấy phép số 15/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 12/3/2024"
    english_name = "Ben Tre Provincial Party Committee Portal"
    english_owner = "Ben Tre Provincial Party Committee"


class DailyVisitFactory(factory.django.DjangoModelFactory):
    """One day's visit and page-view counts (visitors/statistics.py writes the real ones)."""

    class Meta:
        model = DailyVisit

    date = factory.Sequence(lambda n: date(2026, 1, 1) + timedelta(days=n))
    count = 120
    page_views = 480


class ArticleEditingSessionFactory(factory.django.DjangoModelFactory):
    """A browser tab with an article's change page open now, by someone who may edit it
    (news/presence.py writes the real ones)."""

    class Meta:
        model = ArticleEditingSession

    article = factory.SubFactory(ArticleFactory)
    user = factory.SubFactory(StaffUserFactory)
    tab = factory.Sequence(lambda n: f"{n:032x}")
    can_edit = True


class ArticleCommentFactory(factory.django.DjangoModelFactory):
    """A comment in an article's review thread, about a passage of its text."""

    class Meta:
        model = ArticleComment

    article = factory.SubFactory(ArticleFactory, status=Article.Status.PENDING, published_at=None)
    author = factory.SubFactory(StaffUserFactory)
    body = "Đoạn này cần thêm số liệu của năm 2025."
    quote = "Nội dung bài viết."
    article_version = factory.LazyAttribute(lambda comment: comment.article.version)


class ArticleReadMarkFactory(factory.django.DjangoModelFactory):
    """When a user last opened an article in the admin."""

    class Meta:
        model = ArticleReadMark

    user = factory.SubFactory(StaffUserFactory)
    article = factory.SubFactory(ArticleFactory)


class NotificationPreferenceFactory(factory.django.DjangoModelFactory):
    """A user who switched e-mail about the review off."""

    class Meta:
        model = NotificationPreference

    user = factory.SubFactory(StaffUserFactory)
    email_enabled = False


# -- the library: documents (directives' texts) ---------------------------------------------


class LibraryDocumentFactory(factory.django.DjangoModelFactory):
    """A PDF in the library, of a root organisation, not shared."""

    class Meta:
        model = LibraryDocument

    file = factory.LazyFunction(lambda: ContentFile(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        name="Chi-thi-20-CT-TW.pdf",
    ))
    title = "Chỉ thị số 20-CT/TW"
    organization = factory.SubFactory(OrganizationFactory)


class PortalFactory(factory.django.DjangoModelFactory):
    """A portal besides the main one (portals.Portal), with its organisation; its domains are
    given with PortalDomainFactory, or `domain="tinhdoan.example.vn"` for a primary one."""

    class Meta:
        model = Portal
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)

    @factory.post_generation
    def domain(self, create, extracted, **kwargs):
        if create and extracted:
            PortalDomain.objects.create(portal=self, domain=extracted, is_primary=True)


class PortalDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PortalDomain

    portal = factory.SubFactory(PortalFactory)
    domain = factory.Sequence(lambda n: f"cong{n}.example.vn")


class RepublicationFactory(factory.django.DjangoModelFactory):
    """An article republished onto another portal (news.Republication): the article is the
    main portal's, the portal a Tỉnh Đoàn's."""

    class Meta:
        model = Republication

    article = factory.SubFactory(ArticleFactory)
    portal = factory.SubFactory(PortalFactory)
