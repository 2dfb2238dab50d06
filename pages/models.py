"""The portal's own pages and parts: menus, static pages and readers' contact messages.

Their tables keep the names they had when they lived in the portal app (db_table)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from core.fields import RichTextField
from core.links import EXTERNAL, link_kind, safe_href, validate_external_link, validate_link
from core.text import unique_slug
from core.validators import validate_image_file
from images.uploads import UnguessableImageField, original_name_field
from pages import frame_cache
from portals import hosts


def validate_menu_link(value: str) -> None:
    """A path on this site ('/tin-tuc/') or an absolute http(s) URL, by the rule of
    core/links.py (the one rule for links people type)."""
    validate_link(value)


_PHONE_SEPARATORS = re.compile(r"[\s.\-]")
_PHONE_PATTERN = re.compile(r"^(?:\+84|0)\d{8,10}$")


def validate_vietnamese_phone(value: str) -> None:
    """'0912 345 678', '0275.3822.111' or '+84 912 345 678': 0 or +84, then digits."""
    compact = _PHONE_SEPARATORS.sub("", value or "")
    if not _PHONE_PATTERN.match(compact):
        raise ValidationError(
            "Số điện thoại không hợp lệ. Hãy nhập 9–11 chữ số, bắt đầu bằng 0 hoặc +84, "
            "ví dụ: 0912 345 678.",
            code="invalid_phone",
        )


class OfTheMainPortalByDefault:
    """A row of a portal (a menu, a website link) written or validated without a portal (an
    upgrade, a fixture, a test, the shell) is the main portal's. (PortalInformation defaults
    on save only: the portal's admin page validates it before its new portal exists.)"""

    def clean_fields(self, exclude=None):
        self._default_portal()
        super().clean_fields(exclude=exclude)

    def save(self, *args, **kwargs):
        self._default_portal()
        super().save(*args, **kwargs)

    def _default_portal(self):
        if self.portal_id is None:
            self.portal = hosts.main_portal()


class Menu(OfTheMainPortalByDefault, models.Model):
    """A menu of one portal; its slug names it in the templates ("main", "main-en"), once
    per portal."""

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="menus", verbose_name="cổng",
        help_text="Cổng có menu này.",
    )
    name = models.CharField("tên menu", max_length=100)
    slug = models.SlugField(
        "mã menu", max_length=50,
        help_text="Mã dùng trong giao diện. Menu chính ở đầu trang có mã “main”, menu của "
        "các trang tiếng Anh có mã “main-en”.",
    )

    class Meta:
        db_table = "portal_menu"
        verbose_name = "menu"
        verbose_name_plural = "menu"
        ordering = ["portal", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "slug"], name="menu_slug_unique_per_portal",
                violation_error_message="Cổng này đã có một menu với mã này.",
            ),
        ]

    def __str__(self):
        return self.name


class MenuItemQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class MenuItem(models.Model):
    """One entry of a menu; an entry may hold one level of sub-entries, no deeper."""

    menu = models.ForeignKey(
        Menu, on_delete=models.CASCADE, related_name="items", verbose_name="menu"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True,
        related_name="children", verbose_name="mục cha",
        help_text="Để trống nếu đây là mục chính. Chỉ được lồng một cấp.",
    )
    title = models.CharField("tiêu đề", max_length=100)
    link = models.CharField(
        "liên kết", max_length=500, validators=[validate_menu_link],
        help_text="Đường dẫn trong trang như /tin-tuc/ hoặc địa chỉ đầy đủ như "
        "https://vpdt.bentre.dcs.vn/.",
    )
    open_in_new_tab = models.BooleanField(
        "mở trong tab mới", default=False,
        help_text="Nên chọn cho liên kết sang trang web khác.",
    )
    order = models.PositiveIntegerField("thứ tự", default=100, help_text="Số nhỏ đứng trước.")
    is_active = models.BooleanField("hiển thị", default=True)

    objects = MenuItemQuerySet.as_manager()

    class Meta:
        db_table = "portal_menuitem"
        verbose_name = "mục menu"
        verbose_name_plural = "mục menu"
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.parent.title} › {self.title}" if self.parent_id else self.title

    @property
    def is_external(self) -> bool:
        return link_kind(self.link) == EXTERNAL

    @property
    def href(self) -> str:
        """The link as pages emit it: '' when the rule of core/links.py refuses it (a row
        saved before the rule), so a path-looking link never leads off the site."""
        return safe_href(self.link)

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        parent = self.parent
        if parent.pk == self.pk:
            raise ValidationError({"parent": "Một mục không thể là mục cha của chính nó."})
        if parent.parent_id is not None:
            raise ValidationError(
                {"parent": "Menu chỉ được lồng một cấp: mục cha đã chọn đang là mục con "
                 "của mục khác."}
            )
        if self.menu_id is not None and parent.menu_id != self.menu_id:
            raise ValidationError({"parent": "Mục cha phải thuộc cùng menu."})
        if self.pk and self.children.exists():
            raise ValidationError(
                {"parent": "Mục này đang có mục con nên không thể trở thành mục con "
                 "(menu chỉ được lồng một cấp)."}
            )


class StaticPage(models.Model):
    """A page such as 'Giới thiệu' shown at /trang/<slug>/."""

    title = models.CharField("tiêu đề", max_length=200)
    slug = models.SlugField(
        "đường dẫn", max_length=120, unique=True, blank=True,
        help_text="Trang có địa chỉ /trang/<đường dẫn>/. Để trống để tạo tự động từ tiêu đề.",
    )
    summary = models.CharField(
        "mô tả ngắn", max_length=300, blank=True,
        help_text="Một hai câu giới thiệu trang, hiện trên Google và khi chia sẻ lên mạng xã hội.",
    )
    body = RichTextField("nội dung", blank=True)
    is_published = models.BooleanField(
        "đã đăng", default=True,
        help_text="Bỏ chọn để giữ trang ở dạng bản nháp: chỉ người quản trị xem được.",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("ngày cập nhật", auto_now=True)

    class Meta:
        db_table = "portal_staticpage"
        verbose_name = "trang tĩnh"
        verbose_name_plural = "trang tĩnh"
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("static_page", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, fallback="trang")
        super().save(*args, **kwargs)


class ContactMessageQuerySet(models.QuerySet):
    def mark_handled(self, handled: bool = True) -> int:
        return self.update(is_handled=handled)


class ContactMessage(models.Model):
    """A message sent by a reader through the form at /lien-he/."""

    name = models.CharField("họ và tên", max_length=120)
    email = models.EmailField("thư điện tử")
    phone = models.CharField(
        "số điện thoại", max_length=20, blank=True, validators=[validate_vietnamese_phone]
    )
    subject = models.CharField("tiêu đề", max_length=200)
    message = models.TextField("nội dung")
    created_at = models.DateTimeField("thời gian gửi", auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    is_handled = models.BooleanField(
        "đã xử lý", default=False, help_text="Đánh dấu khi đã trả lời hoặc chuyển người phụ trách."
    )

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        db_table = "portal_contactmessage"
        verbose_name = "ý kiến liên hệ"
        verbose_name_plural = "ý kiến liên hệ"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.subject} — {self.name}"


class PortalInformation(models.Model):
    """What the portal says about itself: its name, its owner and the legal information an
    official portal shows in its footer (Nghị định 42/2022/NĐ-CP), its logo and the picture
    shared when a page without its own is shared. One record per portal
    (`PortalInformation.current()` is the current portal's, portals/hosts.py); until the main
    portal's is saved, its names come from the PORTAL_NAME and PORTAL_OWNER settings."""

    portal = models.OneToOneField(
        "portals.Portal", on_delete=models.CASCADE, related_name="information",
        verbose_name="cổng", null=True, editable=False,
    )

    full_name = models.CharField(
        "tên đầy đủ của cổng", max_length=200,
        help_text="Tên có cả tên tỉnh, hiện trên đầu trang, tiêu đề trang và khi chia sẻ, "
        "ví dụ: Cổng Thông tin điện tử Tỉnh ủy Cà Mau.",
    )
    short_name = models.CharField(
        "tên ngắn", max_length=80, blank=True,
        help_text="Dùng ở đầu trang trên điện thoại và biểu tượng trên màn hình chính, "
        "ví dụ: Tỉnh ủy Cà Mau. Để trống thì dùng tên đầy đủ.",
    )
    party_line = models.CharField(
        "dòng trên tên cổng", max_length=120, blank=True, default="Đảng Cộng sản Việt Nam",
        help_text="Dòng chữ nhỏ phía trên tên cổng, ví dụ: Đảng Cộng sản Việt Nam.",
    )
    owner = models.CharField(
        "cơ quan chủ quản", max_length=200, help_text="Ví dụ: Tỉnh ủy Cà Mau.",
    )
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField(
        "điện thoại", max_length=40, blank=True, validators=[validate_vietnamese_phone]
    )
    email = models.EmailField("thư điện tử", blank=True)
    responsible_person = models.CharField(
        "người chịu trách nhiệm nội dung", max_length=200, blank=True,
        help_text="Họ tên và chức vụ, ví dụ: Nguyễn Văn A — Trưởng Ban Tuyên giáo và Dân vận "
        "Tỉnh ủy.",
    )
    licence = models.CharField(
        "giấy phép", max_length=300, blank=True,
        help_text="Số giấy phép, cơ quan cấp và ngày cấp, ví dụ: Giấy phép số 12/GP-TTĐT do "
        "Sở Văn hóa, Thể thao và Du lịch cấp ngày 05/03/2024.",
    )
    reuse_notice = models.CharField(
        "ghi chú khi phát hành lại", max_length=300, blank=True,
        help_text="Để trống để dùng câu mặc định: Ghi rõ nguồn “[tên cổng]” khi phát hành "
        "lại thông tin từ cổng này.",
    )
    description = models.CharField(
        "mô tả cổng", max_length=300, blank=True,
        help_text="Một hai câu giới thiệu cổng, hiện trên Google cho các trang không có mô tả "
        "riêng.",
    )
    logo = UnguessableImageField(
        "biểu trưng", upload_to="portal/", blank=True, validators=[validate_image_file],
        original_name_field="logo_original_name",
        help_text="Ảnh vuông PNG, JPEG hoặc WebP, ít nhất 512 × 512 điểm ảnh; dùng ở đầu "
        "trang, bản in, biểu tượng trang và khi chia sẻ. Để trống để dùng huy hiệu Đảng.",
    )
    logo_original_name = original_name_field()
    share_image = UnguessableImageField(
        "ảnh chia sẻ mặc định", upload_to="portal/", blank=True,
        validators=[validate_image_file], original_name_field="share_image_original_name",
        help_text="Ảnh ngang 1200 × 630 điểm ảnh, hiện khi chia sẻ một trang không có ảnh "
        "riêng lên mạng xã hội.",
    )
    share_image_original_name = original_name_field()
    # The icons made from the logo and the share picture's size (pages/portal_images.py).
    derived_images = models.JSONField(default=dict, blank=True, editable=False)
    english_name = models.CharField(
        "tên cổng bằng tiếng Anh", max_length=200, blank=True,
        help_text="Dùng ở các trang tiếng Anh (/en/), ví dụ: Ca Mau Provincial Party "
        "Committee Portal.",
    )
    english_owner = models.CharField(
        "cơ quan chủ quản bằng tiếng Anh", max_length=200, blank=True,
        help_text="Ví dụ: Ca Mau Provincial Party Committee.",
    )
    english_short_name = models.CharField(
        "tên ngắn bằng tiếng Anh", max_length=80, blank=True,
        help_text="Dùng ở đầu trang tiếng Anh trên điện thoại, ví dụ: Ca Mau Party Committee. "
        "Để trống thì dùng tên cổng bằng tiếng Anh.",
    )
    visitors_start_total = models.PositiveBigIntegerField(
        "tổng lượt truy cập ban đầu", default=0,
        help_text="Số lượt truy cập của cổng cũ khi chuyển sang cổng này; cộng vào ô thống kê "
        "“Tổng”.",
    )
    updated_at = models.DateTimeField("ngày cập nhật", auto_now=True)

    class Meta:
        verbose_name = "thông tin cổng"
        verbose_name_plural = "thông tin cổng"

    def __str__(self):
        return self.full_name

    @classmethod
    def current(cls) -> "PortalInformation":
        """The saved record, or an unsaved one named from the settings (kept in the frame
        cache, pages/frame_cache.py)."""
        return frame_cache.cached(frame_cache.PORTAL_INFORMATION, cls._read_current)

    @classmethod
    def _read_current(cls) -> "PortalInformation":
        portal = hosts.current()
        stored = cls.objects.filter(portal=portal).first()
        if stored is not None:
            return stored
        if portal.is_main or portal.organization is None:
            return cls(portal=portal, full_name=settings.PORTAL_NAME, owner=settings.PORTAL_OWNER)
        owner = portal.organization.name
        return cls(portal=portal, full_name=f"Cổng thông tin điện tử {owner}", owner=owner)

    def save(self, *args, **kwargs):
        if self.portal_id is None:  # written without a portal: the main portal's
            self.portal = hosts.main_portal()
        super().save(*args, **kwargs)

    @property
    def display_short_name(self) -> str:
        return self.short_name or self.full_name

    @property
    def display_english_short_name(self) -> str:
        """The name on a phone's header on English pages: the English short name, else the
        English name, else the (Vietnamese) short name."""
        return self.english_short_name or self.english_name or self.display_short_name

    @property
    def display_reuse_notice(self) -> str:
        return self.reuse_notice or (
            f"Ghi rõ nguồn “{self.full_name}” khi phát hành lại thông tin từ cổng này."
        )


class WebsiteLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class WebsiteLink(OfTheMainPortalByDefault, models.Model):
    """A website the portal points readers to: a logo (or its name) in the "Liên kết
    website" block (pages/templatetags/website_link_tags.py)."""

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="website_links",
        verbose_name="cổng", help_text="Cổng hiện liên kết này trong khối “Liên kết website”.",
    )
    name = models.CharField(
        "tên website", max_length=150,
        help_text="Tên cơ quan hoặc trang web, ví dụ: Cổng Thông tin điện tử Chính phủ. "
        "Người đọc dùng máy đọc màn hình nghe tên này thay cho biểu trưng.",
    )
    address = models.CharField(
        "địa chỉ", max_length=500, validators=[validate_external_link],
        help_text="Địa chỉ đầy đủ, ví dụ: https://chinhphu.vn/. Liên kết mở trong tab mới.",
    )
    logo = UnguessableImageField(
        "biểu trưng", upload_to="website-links/", blank=True, validators=[validate_image_file],
        original_name_field="logo_original_name",
        help_text="Ảnh PNG, JPEG hoặc WebP, ngang, khoảng 360 × 120 điểm ảnh. Để trống thì "
        "khối hiện tên website thay cho biểu trưng.",
    )
    logo_original_name = original_name_field()
    order = models.PositiveIntegerField("thứ tự", default=100, help_text="Số nhỏ đứng trước.")
    is_active = models.BooleanField("hiển thị", default=True)

    objects = WebsiteLinkQuerySet.as_manager()

    class Meta:
        verbose_name = "liên kết website"
        verbose_name_plural = "liên kết website"
        ordering = ["order", "id"]

    def __str__(self):
        return self.name

    @property
    def href(self) -> str:
        """The address as pages emit it: '' when the rule of core/links.py refuses it."""
        return self.address if link_kind(self.address) == EXTERNAL else ""
