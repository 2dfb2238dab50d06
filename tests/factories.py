"""factory_boy factories for the portal's models, shared by every test module.

    OrganizationFactory()                      # a root organisation
    OrganizationFactory(parent=province)       # a child of `province`
    ArticleFactory()                           # published, published_at in the past
    ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    ArticleImageFactory(article=article, caption="Lễ ra quân")
"""

import io
from datetime import date, timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from news import services
from news.models import Article, ArticleImage, Category, Directive
from organizations.models import Organization, Person, Position, Succession

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
        django_get_or_create = ["username"]
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


class ArticleImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleImage

    article = factory.SubFactory(ArticleFactory)
    image = factory.LazyFunction(image_file)
    caption = factory.Sequence(lambda n: f"Quang cảnh buổi làm việc {n}")
    order = factory.Sequence(lambda n: n)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.figure_save(figure=model_class(*args, **kwargs))
