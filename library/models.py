"""The library's records: an image (LibraryImage) or a document (LibraryDocument) uploaded
once and used from several places. Where an image is used is recorded by the apps that use
it (news.ImageUse), so the library needs to know nothing of articles."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from core.validators import validate_attachment_file, validate_image_file
from images.rendition_tracking import track
from images.renditions import CARD, FIGURE, Picture, picture_of
from images.uploads import UnguessableFileField, UnguessableImageField, original_name_field
from organizations.models import Organization


class LibraryItem(models.Model):
    """What an image and a document share: who owns it, who may use it, who uploaded it."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị",
        help_text="Người của đơn vị này (và đơn vị cấp trên) thấy và dùng được.",
    )
    is_shared = models.BooleanField(
        "dùng chung", default=False,
        help_text="Mọi đơn vị đều thấy và dùng được (ảnh lãnh đạo, biểu trưng, văn bản chung).",
    )
    tags = models.CharField(
        "từ khóa", max_length=300, blank=True,
        help_text="Cách nhau bằng dấu phẩy, ví dụ: đại hội, thanh niên tình nguyện.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name="người tải lên", editable=False,
    )
    uploaded_at = models.DateTimeField("ngày tải lên", default=timezone.now, editable=False)

    class Meta:
        abstract = True

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class LibraryImage(LibraryItem):
    """A photo in the library. Its caption and alternative text are the defaults a figure
    starts with; an article may change the caption for itself."""

    file = UnguessableImageField(
        "ảnh", upload_to="library/images/%Y/%m/", validators=[validate_image_file],
        original_name_field="original_name", width_field="width", height_field="height",
        help_text="JPEG, PNG, WebP hoặc GIF.",
    )
    original_name = original_name_field()
    width = models.PositiveIntegerField("rộng (px)", null=True, blank=True, editable=False)
    height = models.PositiveIntegerField("cao (px)", null=True, blank=True, editable=False)
    caption = models.CharField(
        "chú thích", max_length=500, blank=True,
        help_text="Không cần gõ “Hình 1:”; số hình được đánh tự động theo thứ tự trong bài. "
        "Chú thích này được điền sẵn khi chèn ảnh vào bài; sửa ở đây không đổi chú thích trong "
        "các bài đã chèn (mỗi bài giữ chú thích của mình).",
    )
    alt_text = models.CharField(
        "mô tả ảnh cho người khiếm thị", max_length=300, blank=True,
        help_text="Bắt buộc trước khi đăng bài có ảnh này: tả điều ảnh cho thấy.",
    )
    credit = models.CharField(
        "tác giả ảnh", max_length=200, blank=True,
        help_text="Ví dụ: Minh Thư (trang đọc ghi “Ảnh: Minh Thư”).",
    )
    taken_on = models.DateField("ngày chụp", null=True, blank=True)
    # Where the subject is, as fractions of the width and height (0–1): the 16:9 copies
    # are cut around it (CARD_RENDITIONS below).
    focal_x = models.FloatField(
        "tâm ảnh (ngang)", null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    focal_y = models.FloatField(
        "tâm ảnh (dọc)", null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    # The photo's copies at figure widths and at card widths (images/renditions.py).
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    card_renditions = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = "ảnh"
        verbose_name_plural = "thư viện ảnh"
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["organization", "-uploaded_at"])]

    def __str__(self):
        return self.caption or self.file.display_name

    @property
    def picture(self) -> Picture:
        """The photo as a figure: its renditions once made, the upload itself until then."""
        return picture_of(self.file, self.renditions, FIGURE)

    @property
    def card_picture(self) -> Picture:
        """The photo cropped 16:9 for cards and og:image."""
        return picture_of(self.file, self.card_renditions, CARD)


class LibraryDocument(LibraryItem):
    """A document (a directive's PDF, a meeting's materials) uploaded once and linked from
    several places; readers download it under its original name."""

    file = UnguessableFileField(
        "tệp", upload_to="library/documents/%Y/%m/", validators=[validate_attachment_file],
        original_name_field="original_name", download_as_original=True,
        help_text="PDF, Word, Excel hoặc ảnh quét.",
    )
    original_name = original_name_field()
    title = models.CharField("tên tài liệu", max_length=300)

    class Meta:
        verbose_name = "tài liệu"
        verbose_name_plural = "thư viện tài liệu"
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["organization", "-uploaded_at"])]

    def __str__(self):
        return self.title

    @property
    def kind(self) -> str:
        """'PDF', 'DOCX'… from the file's name, for a download button."""
        return self.file.name.rsplit(".", 1)[-1].upper() if self.file else ""


FIGURE_RENDITIONS = track(LibraryImage, "file", "renditions", FIGURE)
# The 16:9 crop keeps the focal point the editor chose (the figure is not cropped).
CARD_RENDITIONS = track(
    LibraryImage, "file", "card_renditions", CARD, focal=("focal_x", "focal_y")
)
