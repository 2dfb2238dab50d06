"""A portal (Cổng) and the domains it answers on.

Every organisation belongs to exactly one portal: the portal of its nearest ancestor (or
itself) that has one, else the main portal. A portal shows the articles of the organisations
that belong to it, and those republished onto it (news.Republication)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from organizations.models import Organization

from .theme import contrast_errors, css_variables, validate_hex_colour


def normalise_domain(value: str) -> str:
    """'https://WWW.TinhUy.example.vn:443/' → 'www.tinhuy.example.vn'; the port is kept only
    when it is not the default one, as browsers send it in the Host header."""
    value = value.strip().lower()
    for scheme in ("https://", "http://"):
        if value.startswith(scheme):
            value = value[len(scheme):]
    value = value.split("/", 1)[0]
    for default_port in (":80", ":443"):
        if value.endswith(default_port):
            value = value[: -len(default_port)]
    return value.rstrip(".")


def validate_domain(value: str) -> None:
    from django.http.request import split_domain_port

    domain, _port = split_domain_port(normalise_domain(value))
    labels = domain.split(".") if domain else []
    if not labels or any(
        not label or len(label) > 63 or not all(c.isalnum() or c == "-" for c in label)
        or label.startswith("-") or label.endswith("-")
        for label in labels
    ) or not domain.isascii():
        raise ValidationError(
            "Tên miền không hợp lệ: %(value)s. Ví dụ đúng: tinhuy.camau.gov.vn "
            "(tên miền tiếng Việt có dấu phải viết ở dạng xn--).",
            params={"value": value},
        )


class PortalQuerySet(models.QuerySet):
    def main(self):
        return self.filter(is_main=True)


class Portal(models.Model):
    """One portal of the installation: the organisation it belongs to, its domains
    (PortalDomain) and its information (pages.PortalInformation, edited on the same page)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.PROTECT, null=True, blank=True,
        related_name="portal", verbose_name="tổ chức",
        help_text="Cổng đăng tin của tổ chức này và các tổ chức trực thuộc (trừ những tổ "
        "chức trực thuộc có cổng riêng). Để trống chỉ được với cổng chính: khi đó cổng chính "
        "nhận tin của mọi tổ chức không thuộc cổng nào khác.",
    )
    is_main = models.BooleanField(
        "cổng chính", default=False,
        help_text="Cổng trả lời ở các địa chỉ của chính máy chủ (như localhost, 127.0.0.1 và "
        "các tên máy chủ trong cấu hình) và nhận tin của các tổ chức không thuộc cổng nào. "
        "Chỉ có một.",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    # The theme (portals/theme.py): each colour, when given, overrides CSS variables of
    # static/css/portal.css on the portal's pages; empty keeps the default red and gold.
    theme_primary = models.CharField(
        "màu chính", max_length=7, blank=True, db_default="", validators=[validate_hex_colour],
        help_text="Dạng #RRGGBB, nền của đầu trang và các điểm nhấn, đọc với chữ trắng. "
        "Để trống để dùng màu đỏ mặc định (#b3131b).",
    )
    theme_primary_dark = models.CharField(
        "màu chính đậm", max_length=7, blank=True, db_default="", validators=[validate_hex_colour],
        help_text="Dạng #RRGGBB, nền của menu và chân trang, màu tiêu đề; đọc với chữ trắng và "
        "chữ vàng #ffe08a. Để trống để dùng #7d0d12.",
    )
    theme_link = models.CharField(
        "màu liên kết", max_length=7, blank=True, db_default="", validators=[validate_hex_colour],
        help_text="Dạng #RRGGBB, màu chữ của liên kết trên nền trang. Để trống để dùng #9b1117.",
    )
    theme_header_background = models.CharField(
        "nền đầu trang", max_length=7, blank=True, db_default="", validators=[validate_hex_colour],
        help_text="Dạng #RRGGBB, nếu đầu trang cần màu khác màu chính; đọc với chữ trắng.",
    )

    objects = PortalQuerySet.as_manager()

    class Meta:
        verbose_name = "cổng"
        verbose_name_plural = "các cổng"
        ordering = ["-is_main", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_main"], condition=models.Q(is_main=True), name="one_main_portal",
                violation_error_message="Đã có một cổng chính.",
            ),
        ]

    def __str__(self):
        """Its name as its information gives it; until that is saved, the name its pages show
        (pages.PortalInformation.current): PORTAL_NAME for the main portal."""
        information = getattr(self, "information", None)
        if information is not None:
            return information.full_name
        if self.is_main:
            return settings.PORTAL_NAME
        return f"Cổng thông tin điện tử {self.organization}"

    def clean(self):
        if self.organization_id is None and not self.is_main:
            raise ValidationError({"organization": "Cổng không phải cổng chính phải thuộc về "
                                                   "một tổ chức."})
        errors = contrast_errors(self.theme_values())
        if errors:
            raise ValidationError(errors)

    def theme_values(self) -> dict[str, str]:
        return {
            "theme_primary": self.theme_primary,
            "theme_primary_dark": self.theme_primary_dark,
            "theme_link": self.theme_link,
            "theme_header_background": self.theme_header_background,
        }

    def theme_css_variables(self) -> list[tuple[str, str]]:
        """(CSS variable, colour) pairs of this portal's theme; empty for the default."""
        return css_variables(self.theme_values())

    @property
    def primary_domain(self) -> str:
        for domain in self.domains.all():
            if domain.is_primary:
                return domain.domain
        return ""


class PortalDomain(models.Model):
    """A domain a portal answers on. The primary one is where its pages live; the others
    (www., old addresses) redirect there with 301."""

    portal = models.ForeignKey(
        Portal, on_delete=models.CASCADE, related_name="domains", verbose_name="cổng"
    )
    domain = models.CharField(
        "tên miền", max_length=253, validators=[validate_domain],
        help_text="Ví dụ: tinhuy.camau.gov.vn, hoặc tinhuy.localhost:8000 khi chạy thử.",
    )
    is_primary = models.BooleanField(
        "tên miền chính", default=False,
        help_text="Các tên miền khác của cổng chuyển về tên miền chính (301).",
    )

    class Meta:
        verbose_name = "tên miền"
        verbose_name_plural = "tên miền"
        ordering = ["-is_primary", "domain"]
        constraints = [
            models.UniqueConstraint(
                Lower("domain"), name="unique_portal_domain",
                violation_error_message="Tên miền này đã thuộc một cổng.",
            ),
            models.UniqueConstraint(
                fields=["portal"], condition=models.Q(is_primary=True),
                name="one_primary_domain_per_portal",
                violation_error_message="Mỗi cổng chỉ có một tên miền chính.",
            ),
        ]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = normalise_domain(self.domain)
        super().save(*args, **kwargs)
