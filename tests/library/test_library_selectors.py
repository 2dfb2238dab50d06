"""library/selectors.py: what a staff member sees of the library, where an item is used,
what nobody uses."""

from datetime import timedelta

import pytest
from django.utils import timezone
from factories import (
    ArticleFactory,
    ImageUseFactory,
    LibraryDocumentFactory,
    LibraryImageFactory,
    OrganizationFactory,
    SuperUserFactory,
    member,
)

from accounts.roles import REPORTER
from library import selectors
from library.models import LibraryDocument, LibraryImage

pytestmark = pytest.mark.django_db


def test_staff_see_their_scope_and_shared_items_only():
    province = OrganizationFactory(name="Tỉnh Đoàn")
    district = OrganizationFactory(parent=province, name="Huyện Đoàn Ba Tri")
    elsewhere = OrganizationFactory(name="Tỉnh ủy")
    reporter = member(REPORTER, province)
    own = LibraryImageFactory(organization=province)
    below = LibraryImageFactory(organization=district)
    shared = LibraryImageFactory(organization=elsewhere, is_shared=True)
    LibraryImageFactory(organization=elsewhere)  # private to Tỉnh ủy

    assert set(selectors.images_for(reporter)) == {own, below, shared}
    assert len(selectors.images_for(SuperUserFactory())) == 4
    # A member of the district does not see the province's private photo.
    assert set(selectors.images_for(member(REPORTER, district))) == {below, shared}


def test_uses_name_the_articles_each_once():
    image = LibraryImageFactory()
    first = ArticleFactory(title="Hội nghị tổng kết năm")
    second = ArticleFactory(title="Ra quân tình nguyện")
    ImageUseFactory(image=image, article=first)
    ImageUseFactory(image=image, article=first, as_cover=True)
    ImageUseFactory(image=image, article=second)

    uses = selectors.uses_of(image)

    assert [use.obj for use in uses] == [first, second]
    assert uses[0].kind == "bài viết"
    assert selectors.uses_of(LibraryImageFactory()) == []


def test_unused_and_used_split_the_library():
    used, unused = LibraryImageFactory(), LibraryImageFactory()
    ImageUseFactory(image=used)

    assert list(selectors.unused(LibraryImage.objects.all())) == [unused]
    assert list(selectors.used(LibraryImage.objects.all())) == [used]
    annotated = selectors.with_use_count(LibraryImage.objects.all())
    assert {row.pk: row.is_used for row in annotated} == {used.pk: True, unused.pk: False}


def test_unused_older_than_counts_days_from_the_upload():
    old = LibraryImageFactory()
    LibraryImage.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - timedelta(days=91))
    old_but_used = LibraryImageFactory()
    LibraryImage.objects.filter(pk=old_but_used.pk).update(
        uploaded_at=timezone.now() - timedelta(days=200)
    )
    ImageUseFactory(image=old_but_used)
    LibraryImageFactory()  # recent
    document = LibraryDocumentFactory()
    LibraryDocument.objects.filter(pk=document.pk).update(
        uploaded_at=timezone.now() - timedelta(days=100)
    )

    assert list(selectors.unused_older_than(LibraryImage, 90)) == [old]
    assert list(selectors.unused_older_than(LibraryImage, 92)) == []
    assert list(selectors.unused_older_than(LibraryDocument, 90)) == [document]


def test_a_use_is_named_by_what_it_links_or_by_itself():
    from news.models import Directive
    from organizations.models import Organization

    image_use = LibraryImage._meta.get_field("article_uses")
    directive = Organization._meta.get_field("issued_directives")  # a thing of its own

    assert selectors._linked_through(image_use).name == "article"
    assert selectors._linked_through(directive) is None
    assert directive.related_model is Directive
