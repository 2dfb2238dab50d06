"""`manage.py remove_unused_uploads`: lists, and with --delete removes, the library's items
nobody uses that are older than --days (LIBRARY_UNUSED_DAYS by default)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from factories import ImageUseFactory, LibraryDocumentFactory, LibraryImageFactory

from library.models import LibraryDocument, LibraryImage

pytestmark = pytest.mark.django_db


def aged(item, days):
    type(item).objects.filter(pk=item.pk).update(uploaded_at=timezone.now() - timedelta(days=days))
    return item


def run(*args) -> str:
    out = StringIO()
    call_command("remove_unused_uploads", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def library():
    return {
        "old": aged(LibraryImageFactory(caption="Ảnh cũ không dùng"), 120),
        "old_used": aged(LibraryImageFactory(caption="Ảnh cũ đang dùng"), 300),
        "recent": aged(LibraryImageFactory(caption="Ảnh mới"), 10),
        "document": aged(LibraryDocumentFactory(title="Kế hoạch năm cũ"), 95),
    }


def test_it_lists_by_default_and_deletes_nothing(library):
    ImageUseFactory(image=library["old_used"])

    output = run()

    assert "1 ảnh chưa dùng, tải lên quá 90 ngày:" in output
    assert "Ảnh cũ không dùng" in output
    assert "Ảnh cũ đang dùng" not in output
    assert "Ảnh mới" not in output
    assert "1 tài liệu chưa dùng" in output
    assert "Kế hoạch năm cũ" in output
    assert "Chưa xóa gì. Chạy lại với --delete" in output
    assert LibraryImage.objects.count() == 3
    assert LibraryDocument.objects.count() == 1


def test_delete_removes_the_rows_and_their_files(
    library, settings, django_capture_on_commit_callbacks
):
    ImageUseFactory(image=library["old_used"])
    settings.LIBRARY_UNUSED_DAYS = 100
    old_file = library["old"].file.name
    storage = library["old"].file.storage

    with django_capture_on_commit_callbacks(execute=True):  # files go once rows are gone
        output = run("--delete")

    assert "Đã xóa 1 ảnh cùng tệp của chúng." in output
    assert "Không có tài liệu nào chưa dùng quá 100 ngày." in output
    assert set(LibraryImage.objects.values_list("caption", flat=True)) == {
        "Ảnh cũ đang dùng", "Ảnh mới",
    }
    assert not storage.exists(old_file)
    assert LibraryDocument.objects.count() == 1


def test_days_on_the_command_line(library):
    output = run("--days", "5", "--delete")

    assert "Đã xóa 3 ảnh" in output  # the one in use is not, there is none here
    assert "Đã xóa 1 tài liệu" in output
    assert not LibraryImage.objects.exists()


def test_days_below_one_are_refused():
    with pytest.raises(CommandError, match="phải từ 1 trở lên"):
        run("--days", "0")
