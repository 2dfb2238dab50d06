"""Organisations (Party committees, boards, Youth Union…), their history and people."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from core.fields import RichTextField
from core.links import EXTERNAL, link_kind, validate_external_link
from core.old_slugs import OldSlug, keeping_old_slug, stored_slug
from core.text import unique_slug
from core.validators import validate_image_file
from images.rendition_tracking import track
from images.renditions import LOGO, PORTRAIT, Picture, picture_of
from images.uploads import UnguessableImageField, original_name_field


class OrganizationQuerySet(MP_NodeQuerySet):
    def active(self, on=None):
        """Organisations working on the given date (today by default)."""
        on = on or timezone.localdate()
        return self.filter(
            models.Q(active_from__isnull=True) | models.Q(active_from__lte=on),
            models.Q(active_until__isnull=True) | models.Q(active_until__gte=on),
        )

    def within_scope_of(self, user):
        """What a staff user may act on: the organisations they belong to, everything under
        them, and every organisation merged, renamed or split into one of those (with what
        was under it), so that a successor's staff keep their predecessors' records.
        Superusers act on all; anyone else without a membership on none."""
        if user.is_superuser:
            return self
        paths = scope_paths(user)
        if not paths:
            return self.none()
        under_any = models.Q()
        for path in paths:
            under_any |= models.Q(path__startswith=path)
        return self.filter(under_any)


def scope_paths(user) -> list[str]:
    """The tree paths a (non-superuser) user's scope starts from, remembered on the user.

    Their memberships' paths, then, until nothing new turns up, the paths of every
    predecessor (Succession) of an organisation already in scope."""
    paths = getattr(user, "_organization_scope_paths", None)
    if paths is not None:
        return paths
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        paths = []
    else:
        paths = list(
            Organization.objects.filter(memberships__user=user).values_list("path", flat=True)
        )
    while paths:
        in_scope = models.Q()
        for path in paths:
            in_scope |= models.Q(successor__path__startswith=path)
        covered = models.Q()
        for path in paths:
            covered |= models.Q(predecessor__path__startswith=path)
        found = set(
            Succession.objects.filter(in_scope).exclude(covered)
            .values_list("predecessor__path", flat=True)
        )
        if not found:
            break
        paths += sorted(found)
    user._organization_scope_paths = paths
    return paths


def scope_tops(user) -> list[str]:
    """The paths of the organisations at the top of a user's scope (none under another)."""
    paths = scope_paths(user)
    return [path for path in paths if not any(
        other != path and path.startswith(other) for other in paths
    )]


class OrganizationManager(MP_NodeManager.from_queryset(OrganizationQuerySet)):
    def get_queryset(self):
        return OrganizationQuerySet(self.model, using=self._db).order_by("path")


class Organization(MP_Node):
    """An organisation in the hierarchy Bộ Chính trị → Tỉnh ủy → its boards…

    The hierarchy is a materialised path (django-treebeard), so "this
    organisation and everything under it" is one indexed prefix query.
    """

    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", "Cấp ủy Đảng"
        PARTY_BOARD = "party_board", "Ban, cơ quan tham mưu của Đảng"
        YOUTH_UNION = "youth_union", "Đoàn Thanh niên"
        WOMEN_UNION = "women_union", "Hội Liên hiệp Phụ nữ"
        FATHERLAND_FRONT = "fatherland_front", "Mặt trận Tổ quốc"
        STATE_AGENCY = "state_agency", "Cơ quan nhà nước"
        OTHER = "other", "Khác"

    class Level(models.TextChoices):
        CENTRAL = "central", "Trung ương"
        PROVINCE = "province", "Tỉnh"
        DISTRICT = "district", "Huyện"
        COMMUNE = "commune", "Xã"

    name = models.CharField(
        "tên", max_length=255, help_text="Tên đầy đủ, ví dụ: Ban Tuyên giáo Tỉnh ủy."
    )
    name_en = models.CharField(
        "tên tiếng Anh", max_length=255, blank=True,
        help_text="Dùng cho trang tiếng Anh, ví dụ: Provincial Party Committee's Propaganda Board.",
    )
    short_name = models.CharField(
        "tên viết tắt", max_length=80, blank=True, help_text="Ví dụ: BTG Tỉnh ủy."
    )
    slug = models.SlugField(
        "đường dẫn", max_length=120, unique=True, blank=True,
        help_text="Phần cuối của địa chỉ trang; để trống để tạo tự động từ tên. Đổi đường dẫn "
        "thì địa chỉ cũ vẫn mở được: người đọc được tự chuyển sang địa chỉ mới.",
    )
    kind = models.CharField("loại tổ chức", max_length=30, choices=Kind, default=Kind.PARTY_BOARD)
    level = models.CharField("cấp", max_length=20, choices=Level, default=Level.PROVINCE)
    logo = UnguessableImageField(
        "biểu trưng", upload_to="organizations/logos/", blank=True,
        validators=[validate_image_file], original_name_field="logo_original_name",
        help_text="Ảnh JPEG, PNG, WebP hoặc GIF.",
    )
    logo_original_name = original_name_field()
    # The logo's small copies (images/renditions.py), made when the logo is saved.
    logo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    introduction = RichTextField(
        "giới thiệu", blank=True, help_text="Nội dung trang “Giới thiệu” của tổ chức."
    )
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=50, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    website = models.URLField("trang web", blank=True, validators=[validate_external_link])
    order = models.PositiveIntegerField(
        "thứ tự", default=100, help_text="Số nhỏ đứng trước trong danh sách cùng cấp."
    )
    active_from = models.DateField(
        "hoạt động từ ngày", null=True, blank=True, help_text="Để trống nếu không rõ."
    )
    active_until = models.DateField(
        "hoạt động đến ngày", null=True, blank=True,
        help_text="Ngày giải thể, sáp nhập hoặc đổi tên. Để trống nếu đang hoạt động.",
    )

    node_order_by = ["order", "name"]
    objects = OrganizationManager()

    class Meta:
        verbose_name = "tổ chức"
        verbose_name_plural = "tổ chức"
        ordering = ["path"]

    def __str__(self):
        if self.active_until and self.active_until < timezone.localdate():
            return f"{self.name} (đến {self.active_until:%d/%m/%Y})"
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:detail", kwargs={"slug": self.slug})

    @property
    def logo_picture(self) -> Picture:
        return picture_of(self.logo, self.logo_renditions, LOGO)

    @property
    def website_href(self) -> str:
        """The website as pages link it: '' when the link rule refuses it (a row older than
        the rule)."""
        return self.website if link_kind(self.website) == EXTERNAL else ""

    @property
    def parent(self):
        return Organization.objects.get_parent(self)

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return (self.active_from is None or self.active_from <= today) and (
            self.active_until is None or self.active_until >= today
        )

    def clean(self):
        super().clean()
        if self.active_from and self.active_until and self.active_until < self.active_from:
            raise ValidationError(
                {"active_until": "Ngày kết thúc hoạt động phải sau ngày bắt đầu."}
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, fallback="to-chuc")
        with keeping_old_slug(self, stored_slug(self), using=kwargs.get("using")):
            super().save(*args, **kwargs)

    def successors(self):
        return self.successions_as_predecessor.select_related("successor")

    def predecessors(self):
        return self.successions_as_successor.select_related("predecessor")


class OrganizationOldSlug(OldSlug):
    """A slug the organisation had before (core/old_slugs.py): /to-chuc/<it>/ and its
    news list redirect."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="old_slugs", verbose_name="tổ chức"
    )

    URL_NAME = "organizations:detail"

    class Meta(OldSlug.Meta):
        verbose_name = "đường dẫn cũ của tổ chức"
        verbose_name_plural = "đường dẫn cũ của tổ chức"


class Succession(models.Model):
    """What became of an organisation: merged into, renamed to or split into another."""

    class Kind(models.TextChoices):
        MERGED_INTO = "merged_into", "Hợp nhất/sáp nhập vào"
        RENAMED_TO = "renamed_to", "Đổi tên thành"
        SPLIT_INTO = "split_into", "Tách thành"

    predecessor = models.ForeignKey(
        Organization, on_delete=models.CASCADE,
        related_name="successions_as_predecessor", verbose_name="tổ chức cũ",
    )
    successor = models.ForeignKey(
        Organization, on_delete=models.CASCADE,
        related_name="successions_as_successor", verbose_name="tổ chức kế tục",
    )
    kind = models.CharField("hình thức", max_length=20, choices=Kind, default=Kind.MERGED_INTO)
    effective_on = models.DateField("từ ngày", null=True, blank=True)
    note = models.CharField(
        "ghi chú", max_length=255, blank=True,
        help_text="Ví dụ: theo Quyết định số 123-QĐ/TU ngày 01/3/2025.",
    )

    class Meta:
        verbose_name = "kế tục tổ chức"
        verbose_name_plural = "kế tục tổ chức"
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unique_succession_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="succession_not_self",
            ),
        ]

    def __str__(self):
        return f"{self.predecessor.name} → {self.get_kind_display().lower()} {self.successor.name}"

    def clean(self):
        if self.predecessor_id and self.predecessor_id == self.successor_id:
            raise ValidationError("Một tổ chức không thể kế tục chính nó.")


class Membership(models.Model):
    """A staff user works for this organisation (and so for everything under it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
        verbose_name="người dùng",
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships",
        verbose_name="tổ chức",
        help_text="Người dùng được làm việc với tổ chức này và các tổ chức trực thuộc.",
    )

    class Meta:
        verbose_name = "tổ chức được phân công"
        verbose_name_plural = "tổ chức được phân công"
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="unique_membership")
        ]

    def __str__(self):
        return f"{self.user} — {self.organization.name}"


class Person(models.Model):
    """An official whose positions are listed on organisation and contact pages."""

    full_name = models.CharField("họ và tên", max_length=120)
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="people", verbose_name="đơn vị quản lý hồ sơ",
        help_text="Quản trị của đơn vị này (và của cấp trên) được sửa hồ sơ cán bộ.",
    )
    photo = UnguessableImageField(
        "ảnh chân dung", upload_to="people/", blank=True, validators=[validate_image_file],
        original_name_field="photo_original_name",
    )
    photo_original_name = original_name_field()
    # The photo cropped to 4:5 at the sizes the organisation page shows (images/renditions.py).
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    phone = models.CharField("điện thoại", max_length=50, blank=True)
    email = models.EmailField("thư điện tử", blank=True)

    class Meta:
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name

    @property
    def picture(self) -> Picture:
        return picture_of(self.photo, self.photo_renditions, PORTRAIT)


class PositionQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(
            models.Q(started_on__isnull=True) | models.Q(started_on__lte=on),
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=on),
        )


class Position(models.Model):
    """A person's post in an organisation: 'Nguyễn Thị Mỹ Nương — Phó Bí thư Tỉnh Đoàn'."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="positions", verbose_name="cán bộ"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="positions", verbose_name="tổ chức"
    )
    title = models.CharField("chức vụ", max_length=150, help_text="Ví dụ: Phó Bí thư Tỉnh Đoàn.")
    title_en = models.CharField(
        "chức vụ (tiếng Anh)", max_length=150, blank=True,
        help_text="Ví dụ: Deputy Secretary of the Provincial Youth Union.",
    )
    phone = models.CharField(
        "điện thoại công vụ", max_length=50, blank=True,
        help_text="Để trống để dùng số điện thoại của cán bộ.",
    )
    email = models.EmailField(
        "thư điện tử công vụ", blank=True, help_text="Để trống để dùng thư điện tử của cán bộ."
    )
    order = models.PositiveIntegerField("thứ tự", default=100)
    started_on = models.DateField("từ ngày", null=True, blank=True)
    ended_on = models.DateField(
        "đến ngày", null=True, blank=True, help_text="Để trống nếu đang giữ chức vụ."
    )

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = "chức vụ"
        verbose_name_plural = "chức vụ"
        ordering = ["organization", "order", "person__full_name"]

    def __str__(self):
        return f"{self.person} — {self.title}"

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "Ngày kết thúc phải sau ngày bắt đầu."})

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return (self.started_on is None or self.started_on <= today) and (
            self.ended_on is None or self.ended_on >= today
        )

    @property
    def contact_phone(self) -> str:
        return self.phone or self.person.phone

    @property
    def contact_email(self) -> str:
        return self.email or self.person.email


LOGO_RENDITIONS = track(Organization, "logo", "logo_renditions", LOGO)
PHOTO_RENDITIONS = track(Person, "photo", "photo_renditions", PORTRAIT)
