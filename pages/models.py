"""The portal's own pages and parts: menus, static pages and readers' contact messages.

Their tables keep the names they had when they lived in the portal app (db_table)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from core.fields import RichTextField
from core.links import EXTERNAL, link_kind, safe_href, validate_link
from core.text import unique_slug


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


class Menu(models.Model):
    name = models.CharField("tên menu", max_length=100)
    slug = models.SlugField(
        "mã menu", max_length=50, unique=True,
        help_text="Mã dùng trong giao diện. Menu chính ở đầu trang có mã “main”.",
    )

    class Meta:
        db_table = "portal_menu"
        verbose_name = "menu"
        verbose_name_plural = "menu"
        ordering = ["name"]

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
