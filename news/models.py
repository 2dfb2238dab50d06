"""News articles, their categories, where they show library images, and directives."""

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from simple_history.models import HistoricalRecords

from core.fields import RichTextField
from core.old_slugs import OldSlug, keeping_old_slug, stored_slug
from core.text import unique_slug
from images.renditions import Picture
from portals import hosts

from . import directive_numbers
from .search_document import DocumentVector, directive_document


class CategoryQuerySet(models.QuerySet):
    def visible_on(self, portal):
        """The categories a portal shows: the shared ones (no portal) and its own."""
        return self.filter(models.Q(portal__isnull=True) | models.Q(portal_id=portal.pk))


class Category(models.Model):
    name = models.CharField("tên chuyên mục", max_length=150)
    slug = models.SlugField(
        "đường dẫn", max_length=120, unique=True, blank=True,
        help_text="Để trống để tạo tự động từ tên. Đổi đường dẫn thì địa chỉ cũ vẫn mở được: "
        "người đọc được tự chuyển sang địa chỉ mới.",
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True,
        related_name="children", verbose_name="chuyên mục cha",
    )
    description = models.TextField("mô tả", blank=True)
    order = models.PositiveIntegerField("thứ tự", default=100)
    show_on_home = models.BooleanField(
        "hiện trên trang chủ", default=False,
        help_text="Trang chủ có một khối tin riêng cho chuyên mục này.",
    )
    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, null=True, blank=True,
        related_name="categories", verbose_name="chỉ của cổng",
        help_text="Để trống: chuyên mục dùng chung cho mọi cổng. Chọn một cổng: chuyên mục chỉ "
        "hiện trên cổng đó (cổng khác không thấy trong danh sách, menu và địa chỉ của nó).",
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"
        ordering = ["order", "name"]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": "Một chuyên mục không thể nằm trong chính nó."})
            ancestor = ancestor.parent

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, fallback="chuyen-muc")
        with keeping_old_slug(self, stored_slug(self), using=kwargs.get("using")):
            super().save(*args, **kwargs)


class CategoryOldSlug(OldSlug):
    """A slug the category had before (core/old_slugs.py): /chuyen-muc/<it>/ redirects."""

    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="old_slugs", verbose_name="chuyên mục"
    )

    URL_NAME = "news:category"

    class Meta(OldSlug.Meta):
        verbose_name = "đường dẫn cũ của chuyên mục"
        verbose_name_plural = "đường dẫn cũ của chuyên mục"


class DirectiveQuerySet(models.QuerySet):
    def listed_on(self, portal):
        """The directive library as a portal lists it: directives issued by an organisation
        of the portal, by an ancestor of the portal's organisation (the Tỉnh ủy's for the
        Tỉnh Đoàn's portal, the Trung ương's for both), or by a body outside the tree the
        portals divide (not under the main portal's organisation, when it has one). Every
        directive's own page stays reachable on every portal."""
        found = hosts.portal_map()
        others = frozenset(found.owner)  # the organisations of the portals but the main one
        main_top = found.main.organization
        if main_top is not None:
            outside = ~models.Q(issuer__path__startswith=main_top.path)
            if others:
                outside &= ~models.Q(issuer_id__in=others)
        else:
            outside = models.Q(pk__in=[])
        if portal.pk == found.main_id:
            return self.filter(~models.Q(issuer_id__in=others)) if others else self.all()
        top = portal.organization
        steplen = type(top).steplen
        ancestors = [top.path[:end] for end in range(steplen, len(top.path), steplen)]
        return self.filter(
            models.Q(issuer_id__in=hosts.organization_ids(portal))
            | models.Q(issuer__path__in=ancestors)
            | outside
        )

    def for_home(self):
        """Directives flagged as key first, then the newest still in force."""
        return (
            self.filter(models.Q(is_key=True) | models.Q(status=Directive.Status.IN_FORCE))
            .select_related("issuer")
            .order_by("-is_key", "-issued_on", "-id")
        )


class Directive(models.Model):
    """A guiding document ("văn bản chỉ đạo") with the fields Nghị định 42/2022/NĐ-CP asks for.

    What identifies a directive: its number and symbol compared through their
    keys (number_key, symbol_key: "09-NQ/TW", "9-NQ/TW" and "09/NQ-TW" are one
    document), its year and its issuer. The issuer is part of it because local
    symbols repeat between bodies: every Huyện ủy numbers its own "05-CT/HU".
    The document type is not: the symbol already names it (CT, NQ, KL…), and a
    wrongly picked type must not let the same document in twice. The symbol
    is stored as written ("08-QĐi/TW"); only spacing and dashes are tidied.
    """

    class DocumentType(models.TextChoices):
        DIRECTIVE = "chi_thi", "Chỉ thị"
        RESOLUTION = "nghi_quyet", "Nghị quyết"
        CONCLUSION = "ket_luan", "Kết luận"
        REGULATION = "quy_dinh", "Quy định"
        RULES = "quy_che", "Quy chế"
        DECISION = "quyet_dinh", "Quyết định"
        GUIDANCE = "huong_dan", "Hướng dẫn"
        PLAN = "ke_hoach", "Kế hoạch"
        NOTICE = "thong_bao", "Thông báo"
        PROGRAMME = "chuong_trinh", "Chương trình"
        DECREE = "nghi_dinh", "Nghị định"
        CIRCULAR = "thong_tu", "Thông tư"
        LAW = "luat", "Luật"
        OFFICIAL_LETTER = "cong_van", "Công văn"
        OTHER = "khac", "Văn bản"

    class Numbering(models.TextChoices):
        PARTY = directive_numbers.PARTY, "Kiểu văn bản Đảng (20-CT/TW)"
        STATE = directive_numbers.STATE, "Kiểu văn bản nhà nước (42/2022/NĐ-CP)"
        ADMINISTRATIVE = directive_numbers.ADMINISTRATIVE, "Kiểu văn bản hành chính (123/QĐ-UBND)"

    class Status(models.TextChoices):
        IN_FORCE = "in_force", "Còn hiệu lực"
        EXPIRED = "expired", "Hết hiệu lực"
        REPLACED = "replaced", "Đã được thay thế"

    doc_type = models.CharField("loại văn bản", max_length=20, choices=DocumentType)
    number = models.CharField("số", max_length=12, help_text="Ví dụ: 20.")
    symbol = models.CharField("ký hiệu", max_length=60, help_text="Ví dụ: CT/TW hoặc NĐ-CP.")
    symbol_key = models.CharField(max_length=60, editable=False, db_index=True)
    number_key = models.CharField(max_length=12, editable=False, default="")
    numbering = models.CharField(
        "kiểu số ký hiệu", max_length=20, choices=Numbering, default=Numbering.PARTY
    )
    year = models.PositiveSmallIntegerField(
        "năm ban hành", editable=False, help_text="Lấy từ ngày ban hành."
    )
    issued_on = models.DateField("ngày ban hành")
    effective_on = models.DateField("ngày có hiệu lực", null=True, blank=True)
    issuer = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT,
        related_name="issued_directives", verbose_name="cơ quan ban hành",
    )
    title = models.CharField(
        "trích yếu", max_length=500,
        help_text="Ví dụ: Về tăng cường sự lãnh đạo của Đảng đối với công tác chăm sóc, "
        "giáo dục và bảo vệ trẻ em.",
    )
    summary = models.TextField("tóm tắt nội dung", blank=True)
    # The official text, from the library (library/models.py): one file may serve several
    # directives, and a document in use cannot be deleted.
    document = models.ForeignKey(
        "library.LibraryDocument", on_delete=models.PROTECT, null=True, blank=True,
        related_name="directives", verbose_name="tệp văn bản",
        help_text="Toàn văn để người đọc tải về (PDF, DOC, DOCX, XLSX hoặc ODT).",
    )
    status = models.CharField(
        "tình trạng hiệu lực", max_length=20, choices=Status, default=Status.IN_FORCE
    )
    replaced_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="replaces", verbose_name="được thay thế bởi",
    )
    is_key = models.BooleanField(
        "văn bản tiêu điểm", default=False,
        help_text="Hiện trong khối “Văn bản chỉ đạo” trên trang chủ.",
    )
    slug = models.SlugField(
        "đường dẫn", max_length=120, unique=True, blank=True,
        help_text="Để trống để tạo tự động từ loại, số ký hiệu và năm. Đổi đường dẫn thì địa "
        "chỉ cũ vẫn mở được: người đọc và liên kết trong các bài viết được tự chuyển sang "
        "địa chỉ mới.",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("ngày cập nhật", auto_now=True)
    # Type, số ký hiệu, trích yếu and summary folded for search (news/search_document.py).
    search_document = models.TextField(editable=False, blank=True, default="")

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản chỉ đạo"
        verbose_name_plural = "văn bản chỉ đạo"
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["number_key", "symbol_key", "year", "issuer"],
                name="unique_directive_code",
                violation_error_message="Văn bản cùng số ký hiệu, năm và cơ quan ban hành "
                "đã có.",
            ),
        ]
        indexes = [
            models.Index(fields=["doc_type", "year"]),
            models.Index(fields=["number_key", "symbol_key"], name="directive_code_idx"),
            # The library's order (every filter narrows it) and the home page's key directives.
            models.Index(fields=["-issued_on", "-id"], name="directive_issued_idx"),
            models.Index(fields=["-is_key", "-issued_on", "-id"], name="directive_home_idx"),
        ]

    def __str__(self):
        return f"{self.get_doc_type_display()} số {self.code}"

    def get_absolute_url(self):
        return reverse("news:directive_detail", kwargs={"slug": self.slug})

    @property
    def code(self) -> str:
        """The số ký hiệu in its own style: '20-CT/TW' or '42/2022/NĐ-CP'."""
        return directive_numbers.format_code(self.number, self.symbol, self.numbering, self.year)

    code.fget.short_description = "số ký hiệu"  # its label on the admin's read-only page

    @property
    def reference(self) -> str:
        """'Chỉ thị số 20-CT/TW ngày 05/11/2012 của Bộ Chính trị'."""
        text = f"{self.get_doc_type_display()} số {self.code}"
        if self.issued_on:
            text += f" ngày {self.issued_on:%d/%m/%Y}"
        if self.issuer_id:
            text += f" của {self.issuer.name}"
        return text

    @property
    def document_filename(self) -> str:
        """The name the document downloads under: as uploaded, not as stored."""
        return self.document.file.display_name if self.document_id else ""

    @property
    def document_kind(self) -> str:
        """'PDF', 'DOCX'… for the download button."""
        return self.document.kind if self.document_id else ""

    def set_code(self, text: str) -> None:
        """Fill number, symbol and numbering from a typed số ký hiệu."""
        parsed = directive_numbers.parse_code(text)
        if parsed is None:
            raise ValidationError(
                "Số ký hiệu “%(code)s” không đúng dạng. Ví dụ: 20-CT/TW, 42/2022/NĐ-CP "
                "hoặc 123/QĐ-UBND.",
                code="invalid_code",
                params={"code": text},
            )
        self.number, self.symbol, self.numbering = parsed.number, parsed.symbol, parsed.numbering
        if parsed.year:
            self.year = parsed.year

    def _fill_derived_fields(self):
        if self.issued_on and (self.numbering != self.Numbering.STATE or not self.year):
            self.year = self.issued_on.year
        self.number = (self.number or "").strip()
        self.symbol = directive_numbers.normalize_symbol(self.symbol or "")
        self.number_key = directive_numbers.number_key(self.number)
        self.symbol_key = directive_numbers.symbol_key(self.symbol)
        self.search_document = directive_document(
            doc_type_label=self.get_doc_type_display(), code=self.code,
            title=self.title, summary=self.summary,
        )

    def same_document(self):
        """Other directives that are this one by number, symbol, year and issuer."""
        others = Directive.objects.filter(
            number_key=directive_numbers.number_key(self.number),
            symbol_key=directive_numbers.symbol_key(self.symbol),
            year=self.year,
            issuer_id=self.issuer_id,
        )
        return others.exclude(pk=self.pk) if self.pk else others

    def clean(self):
        super().clean()
        self._fill_derived_fields()
        if self.number and self.symbol and self.year and self.issuer_id:
            existing = self.same_document().select_related("issuer").first()
            if existing is not None:
                # The form shows this before the database would refuse the row.
                raise ValidationError(
                    "Văn bản %(code)s đã có: %(existing)s.",
                    code="duplicate_directive",
                    params={"code": self.code, "existing": existing.reference},
                )
        errors = {}
        if (
            self.numbering == self.Numbering.STATE
            and self.issued_on
            and self.year != self.issued_on.year
        ):
            errors["issued_on"] = (
                f"Năm trong số ký hiệu ({self.year}) khác năm ban hành ({self.issued_on.year})."
            )
        if self.status == self.Status.REPLACED and not self.replaced_by_id:
            errors["replaced_by"] = "Hãy chọn văn bản thay thế."
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            errors["replaced_by"] = "Văn bản không thể thay thế chính nó."
        if self.effective_on and self.issued_on and self.effective_on < self.issued_on:
            errors["effective_on"] = "Ngày có hiệu lực không thể trước ngày ban hành."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self._fill_derived_fields()
        if not self.slug:
            self.slug = unique_slug(
                self, f"{self.get_doc_type_display()} {self.code} {self.year}", fallback="van-ban"
            )
        super().save(*args, **kwargs)


class DirectiveOldSlug(OldSlug):
    """A slug the directive had before (core/old_slugs.py): /van-ban/<it>/ redirects, so the
    links that articles carry in their text keep working when an address is corrected."""

    directive = models.ForeignKey(
        Directive, on_delete=models.CASCADE, related_name="old_slugs",
        verbose_name="văn bản chỉ đạo",
    )

    URL_NAME = "news:directive_detail"

    class Meta(OldSlug.Meta):
        verbose_name = "đường dẫn cũ của văn bản"
        verbose_name_plural = "đường dẫn cũ của văn bản"


# What readers may see (Article.Status.PUBLISHED, not in the trash), as the condition of the
# partial indexes of public pages: published() filters on both, so the indexes serve it.
PUBLISHED = models.Q(status="published", trashed_at__isnull=True)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, not in the trash, and its time has come."""
        return self.filter(
            status=Article.Status.PUBLISHED, trashed_at__isnull=True,
            published_at__lte=timezone.now(),
        )

    def shown_on(self, portal):
        """What readers of `portal` see: the published articles of the organisations that
        belong to it (portals.hosts.organization_ids) and those republished onto it
        (Republication). Each row carries `shown_on_portal_id`, so get_absolute_url() links
        it on this portal; any other article links to the portal that owns it.

        The organisations come from the cached portal map: one query, whatever the number
        of portals. The main portal, which owns every organisation no other portal claims,
        is written as "not one of the other portals' organisations" (the shorter list)."""
        found = hosts.portal_map()
        shown = self.published()
        republished = models.Exists(
            Republication.objects.filter(article_id=models.OuterRef("pk"), portal_id=portal.pk)
        )
        if portal.pk != found.main_id:
            own = models.Q(organization_id__in=hosts.organization_ids(portal))
            shown = shown.filter(own | models.Q(republished))
        elif found.owner:  # the main portal, beside others: all but their organisations'
            own = ~models.Q(organization_id__in=frozenset(found.owner))
            shown = shown.filter(own | models.Q(republished))
        # (the main portal alone shows every published article)
        return (
            shown
            .annotate(
                shown_on_portal_id=models.Value(portal.pk, output_field=models.IntegerField())
            )
        )

    def with_republication_on(self, portal):
        """Rows marked `republished_here`: whether the article is republished onto `portal`
        (the article page asks, for its redirect and its source line)."""
        return self.annotate(
            republished_here=models.Exists(
                Republication.objects.filter(
                    article_id=models.OuterRef("pk"), portal_id=portal.pk
                )
            )
        )

    def scheduled(self):
        """Published, but its time has not come: readers see it from published_at on."""
        return self.filter(
            status=Article.Status.PUBLISHED, trashed_at__isnull=True,
            published_at__gt=timezone.now(),
        )

    def trashed(self):
        """Articles in the trash (Thùng rác), newest deletion first."""
        return self.filter(trashed_at__isnull=False).order_by("-trashed_at", "-id")

    def trash_expired(self, *, now=None):
        """Articles in the trash longer than settings.TRASH_RETENTION_DAYS: removed for good by
        news/trash.py (the task worker, `manage.py empty_trash`)."""
        limit = (now or timezone.now()) - timedelta(days=settings.TRASH_RETENTION_DAYS)
        return self.filter(trashed_at__lte=limit)

    # What a list item shows (includes/article_card.html, includes/article_items.html):
    # reading only these columns keeps a page of twenty items cheap to fetch and build.
    LISTING_FIELDS = (
        "title", "slug", "summary", "published_at", "published_date_only",
        "category__name", "category__slug",
        "organization__name", "organization__short_name", "organization__slug",
        "cover__file", "cover__width", "cover__height", "cover__card_renditions",
        "cover__alt_text",
    )

    def for_listing(self, *extra_fields):
        """Published-list shape: newest first, with what a list item shows (never the body);
        `extra_fields` for a list that shows more (the RSS feed)."""
        return (
            self.select_related("category", "organization", "cover")
            .only(*self.LISTING_FIELDS, *extra_fields)
            .order_by("-published_at", "-id")
        )


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    """Article.objects: every article but those in the trash. Article.all_objects (the
    default manager, so unique checks, backups and related lists see every row) includes
    them; only the trash, its services and what must not collide with a trashed article
    (slugs, the importer's keys, the demo loader) read it."""

    def get_queryset(self):
        return super().get_queryset().filter(trashed_at__isnull=True)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        PENDING = "pending", "Chờ duyệt"
        PUBLISHED = "published", "Đã đăng"
        ARCHIVED = "archived", "Lưu trữ"

    title = models.CharField("tiêu đề", max_length=300)
    slug = models.SlugField(
        "đường dẫn", max_length=160, unique=True, blank=True,
        help_text="Để trống để tạo tự động từ tiêu đề. Sau khi bài đã đăng, chỉ người duyệt bài "
        "sửa được đường dẫn; địa chỉ cũ vẫn mở được và tự chuyển sang địa chỉ mới.",
    )
    summary = models.TextField(
        "sapo", blank=True, help_text="Đoạn tóm tắt in đậm dưới tiêu đề, 1–3 câu."
    )
    body = RichTextField("nội dung", blank=True)
    # A photo of the library (its card-sized copies are the library's); PROTECT: an image
    # an article shows cannot be deleted from the library.
    cover = models.ForeignKey(
        "library.LibraryImage", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name="ảnh đại diện",
        help_text="Ảnh hiện ở danh sách tin và khi chia sẻ bài lên mạng xã hội.",
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT,
        related_name="articles", verbose_name="tổ chức",
        help_text="Đơn vị mà bài viết thuộc về.",
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name="chuyên mục"
    )
    source = models.CharField(
        "nguồn", max_length=200, blank=True, help_text="Ví dụ: Cổng TTĐT Tỉnh ủy."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="articles", verbose_name="người viết",
    )
    author_name = models.CharField(
        "tác giả hiển thị", max_length=150, blank=True,
        help_text="Bút danh hoặc tên hiện cuối bài, ví dụ: Minh Thư.",
    )
    status = models.CharField(
        "trạng thái", max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        "thời gian đăng", null=True, blank=True,
        help_text="Để trống khi đăng để lấy thời điểm hiện tại. Đặt thời gian trong tương lai "
        "để hẹn giờ đăng.",
    )
    published_date_only = models.BooleanField(
        "chỉ biết ngày đăng", default=False,
        help_text="Nguồn chỉ ghi ngày, không ghi giờ (bài chuyển từ cổng cũ): trang bài hiện "
        "ngày đăng mà không hiện giờ.",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("ngày cập nhật", auto_now=True)
    is_featured = models.BooleanField("tin nổi bật", default=False)
    view_count = models.PositiveIntegerField("lượt xem", default=0, editable=False)
    directives = models.ManyToManyField(
        Directive, blank=True, related_name="articles", verbose_name="văn bản liên quan"
    )
    topics = models.ManyToManyField(
        "Topic", blank=True, related_name="articles", verbose_name="chuyên trang",
        help_text="Bài hiện trong danh sách tin của các chuyên trang đã chọn.",
    )
    # Set by the legacy importer (news/importer): the same old article imported twice
    # finds its first copy by this key instead of becoming a duplicate.
    legacy_key = models.CharField(
        "khóa bài nhập từ cổng cũ", max_length=64, blank=True, default="", editable=False
    )
    # Title, summary, body text and photo captions folded for search, kept up to date by
    # news.services (article_save and the figure services); PostgreSQL indexes its
    # weighted tsvector (GIN index in migration 0005, PostgreSQL only). See
    # news/search_document.py and news/search.py.
    search_document = models.TextField(editable=False, blank=True, default="")
    search_vector = models.GeneratedField(
        expression=DocumentVector("search_document"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # Raised by every save; the admin refuses a save based on an older version
    # (two editors with the same article open: the second save would overwrite the first).
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    # Set the first time the article goes public and never cleared: its address is
    # locked from then on, also after it is unpublished and published again.
    first_published_at = models.DateTimeField("đăng lần đầu lúc", null=True, editable=False)
    # Set when the article is moved to the trash (Thùng rác): it is then gone from every
    # page and admin list until restored; removed for good TRASH_RETENTION_DAYS later.
    trashed_at = models.DateTimeField(
        "chuyển vào thùng rác lúc", null=True, blank=True, editable=False
    )
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        editable=False, related_name="+", verbose_name="người chuyển vào thùng rác",
    )

    objects = ArticleManager()
    all_objects = ArticleQuerySet.as_manager()
    # Every save keeps a revision (who, when, what) that the admin can restore.
    history = HistoricalRecords(
        excluded_fields=[
            "search_document", "search_vector", "version", "legacy_key",
            "trashed_at", "trashed_by",
        ],
        verbose_name="phiên bản bài viết",
        verbose_name_plural="phiên bản bài viết",
    )

    class Meta:
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        default_manager_name = "all_objects"
        permissions = [
            ("publish_article", "Đăng, gỡ, hẹn giờ và lưu trữ bài viết"),
            ("change_colleagues_article", "Sửa bài viết của người khác trong tổ chức mình"),
            ("purge_article", "Xóa vĩnh viễn bài viết trong thùng rác"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["legacy_key"], condition=~models.Q(legacy_key=""),
                name="unique_article_legacy_key",
            ),
        ]
        # The public pages read only published articles, newest first (-published_at, -id):
        # partial indexes in exactly that order serve each list and its deep pages (an
        # index-only scan skips the rows before them) without a sort. bench/INDEXES.md.
        indexes = [
            models.Index(
                fields=["-published_at", "-id"], condition=PUBLISHED,
                name="article_published_idx",
            ),
            models.Index(
                fields=["category", "-published_at", "-id"], condition=PUBLISHED,
                name="article_category_published_idx",
            ),
            models.Index(
                fields=["organization", "-published_at", "-id"], condition=PUBLISHED,
                name="article_org_published_idx",
            ),
            models.Index(
                fields=["-published_at", "-id"], condition=PUBLISHED & models.Q(is_featured=True),
                name="article_featured_published_idx",
            ),
            # The sitemap index's lastmod: the newest updated_at of a published article.
            models.Index(
                fields=["-updated_at"], condition=PUBLISHED, name="article_updated_published_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The article's address: a path on the portal whose list it came from
        (ArticleQuerySet.shown_on), else on the portal that owns it (its organisation's), a
        full address when that is another portal than the one being served."""
        path = reverse("news:article_detail", kwargs={"slug": self.slug})
        if self.__dict__.get("shown_on_portal_id") == hosts.current().pk:
            return path
        if "organization_id" not in self.__dict__:
            # A row read without its organisation (.only("slug")): the path, as before
            # portals, rather than one query per row. Lists read through shown_on().
            return path
        return hosts.url_on(self.owner_portal, path)

    def original_url(self) -> str:
        """The article's address on the portal that owns it (full when that is another
        portal): where "Nguồn:" and the canonical link of a republished copy point."""
        return hosts.url_on(
            self.owner_portal, reverse("news:article_detail", kwargs={"slug": self.slug})
        )

    @property
    def owner_portal(self):
        """The portal the article belongs to: its organisation's (portals.hosts)."""
        return hosts.portal_of_organization(self.organization_id)

    @property
    def cover_picture(self) -> Picture:
        """The cover cropped for cards and og:image (nothing without a cover)."""
        return self.cover.card_picture if self.cover_id is not None else Picture()

    @property
    def is_trashed(self) -> bool:
        return self.trashed_at is not None

    @property
    def trash_expires_at(self):
        """When the trash removes it for good (None when it is not in the trash)."""
        if self.trashed_at is None:
            return None
        return self.trashed_at + timedelta(days=settings.TRASH_RETENTION_DAYS)

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def state_label(self) -> str:
        """The state an editor reads: "Hẹn giờ 08/12/2026 07:00" for a published article whose
        time has not come (its status alone says "Đã đăng")."""
        if self.is_scheduled:
            return f"Hẹn giờ {timezone.localtime(self.published_at):%d/%m/%Y %H:%M}"
        return self.get_status_display()

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.trashed_at is None
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    # The stored columns the slug lock and the admin's version check need (stored_state()).
    STORED_STATE_FIELDS = ("slug", "status", "version", "first_published_at")

    def stored_state(self) -> dict | None:
        """The row as the database has it (STORED_STATE_FIELDS), None for a new article.

        Read once per instance and kept until the next save() or refresh_from_db(): the
        admin asks for it while building one form (read-only fields, the version check, the
        slug) and must not read the row for each. news.services.article_save reads its own
        copy, with the columns the page cache needs."""
        if not self.pk:
            return None
        if "_stored_state" not in self.__dict__:
            self._stored_state = (
                type(self)._default_manager.filter(pk=self.pk)
                .values(*self.STORED_STATE_FIELDS).first()
            )
        return self._stored_state

    def forget_stored_state(self) -> None:
        self.__dict__.pop("_stored_state", None)

    @classmethod
    def locks_slug(cls, stored: dict | None) -> bool:
        """The rule: once an article has been public (published or archived, now or ever),
        its address only changes as a correction, and the old address keeps working
        (core/old_slugs.py)."""
        return bool(stored) and (
            stored["first_published_at"] is not None
            or stored["status"] in (cls.Status.PUBLISHED, cls.Status.ARCHIVED)
        )

    # Set on an instance by whoever may correct a locked slug (the admin, for
    # news.permissions.can_correct_slug): news.services.article_save then keeps the new
    # slug, and the old one redirects to it (ArticleOldSlug).
    slug_correction_allowed = False

    def slug_is_locked(self) -> bool:
        """Whether the stored article's address is locked (locks_slug)."""
        return self.locks_slug(self.stored_state())

    def clean(self):
        super().clean()
        stored = self.stored_state()
        changed = self.locks_slug(stored) and self.slug != stored["slug"]
        if changed and not self.slug_correction_allowed:
            raise ValidationError(
                {"slug": "Bài đã đăng nên không đổi được đường dẫn (để liên kết cũ không hỏng)."}
            )

    def refresh_from_db(self, *args, **kwargs):
        self.forget_stored_state()
        super().refresh_from_db(*args, **kwargs)

    def fill_defaults(self) -> None:
        """The values a row cannot be without, from the article's own fields only: an
        address from the title, the publication time of an article published without one,
        and the time it first went public."""
        if not self.slug:
            self.slug = unique_slug(self, self.title, fallback="bai-viet")
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.first_published_at is None and self.status in (
            self.Status.PUBLISHED, self.Status.ARCHIVED
        ):
            self.first_published_at = self.published_at or timezone.now()

    def save(self, *args, **kwargs):
        """Write the row with its defaults (fill_defaults) and nothing else.

        Everything else a save implies — the workflow check, the slug lock and the old
        address kept, the version, the search document, the directives named in the text,
        the audit line and the page cache — is news.services.article_save, the one door
        every writer (admin, importer, demo loader, workflow) goes through. save() reads
        nothing (but whether a new slug is taken) and touches no other table, so a bare
        save() is only right for code that wants none of that (a test of the row itself)."""
        first_published_at = self.first_published_at
        self.fill_defaults()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and self.first_published_at != first_published_at:
            kwargs["update_fields"] = {*update_fields, "first_published_at"}
        self.forget_stored_state()
        super().save(*args, **kwargs)

    SEARCHED_FIELDS = frozenset({"title", "summary", "body"})

    def publish(self, *, at=None):
        self.status = self.Status.PUBLISHED
        if at is not None:
            self.published_at = at
        elif self.published_at is None:
            self.published_at = timezone.now()

    def unpublish(self):
        self.status = self.Status.DRAFT


class ArticleOldSlug(OldSlug):
    """A slug the article had when it was public (core/old_slugs.py): /tin-tuc/<it>/
    redirects to its current address while it is public."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="old_slugs", verbose_name="bài viết"
    )

    URL_NAME = "news:article_detail"

    class Meta(OldSlug.Meta):
        verbose_name = "đường dẫn cũ của bài viết"
        verbose_name_plural = "đường dẫn cũ của bài viết"


class Republication(models.Model):
    """An article of one portal republished (đăng lại) onto another: it shows in that
    portal's lists and has a page there, marked "Nguồn: <the original portal>" and canonical
    to the original. The article stays one text with one history, the original's. Made and
    removed by news.services.article_republish / article_unrepublish."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="republications",
        verbose_name="bài viết",
    )
    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="republications",
        verbose_name="đăng lại trên cổng",
    )
    republished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name="người đăng lại",
    )
    republished_at = models.DateTimeField("đăng lại lúc", default=timezone.now)

    class Meta:
        verbose_name = "bài đăng lại"
        verbose_name_plural = "bài đăng lại"
        ordering = ["-republished_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "portal"], name="unique_republication_per_portal",
                violation_error_message="Bài này đã được đăng lại trên cổng đó.",
            ),
        ]

    def __str__(self):
        return f"{self.article} — {self.portal}"


class ImageUse(models.Model):
    """Where a library image is shown: as a figure in an article's text, or as its cover.
    Written when the article is saved; an image with a use cannot be deleted."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="image_uses", verbose_name="bài viết"
    )
    image = models.ForeignKey(
        "library.LibraryImage", on_delete=models.PROTECT, related_name="article_uses",
        verbose_name="ảnh",
    )
    as_cover = models.BooleanField("ảnh đại diện", default=False)

    class Meta:
        verbose_name = "nơi dùng ảnh"
        verbose_name_plural = "nơi dùng ảnh"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "image", "as_cover"], name="image_use_once_per_place"
            ),
        ]

    def __str__(self):
        return f"{self.image} — {self.article}"


class UnresolvedDirectiveReference(models.Model):
    """A document an article names that the portal does not have yet.

    news/directive_links.py refreshes an article's rows each time it links the
    article; creating the directive and re-linking removes them. `key` is the
    same for every spelling of one document ("20-CT/TW", "20/CT-TW": "20-CTTW").
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="unresolved_directive_references",
        verbose_name="bài viết",
    )
    key = models.CharField("khóa", max_length=100)
    text = models.CharField("trích trong bài", max_length=200)
    doc_type = models.CharField(
        "loại văn bản", max_length=20, choices=Directive.DocumentType, blank=True
    )
    code = models.CharField("số ký hiệu", max_length=80)
    number = models.CharField("số", max_length=12)
    symbol = models.CharField("ký hiệu", max_length=60)
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    first_seen = models.DateTimeField("thấy lần đầu", auto_now_add=True)

    class Meta:
        verbose_name = "văn bản được nhắc nhưng chưa có"
        verbose_name_plural = "văn bản được nhắc nhưng chưa có"
        ordering = ["key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "key"], name="unique_unresolved_reference_per_article"
            ),
        ]
        indexes = [models.Index(fields=["key"], name="unresolved_reference_key_idx")]

    def __str__(self):
        return f"{self.get_doc_type_display() or 'Văn bản'} số {self.code}"

    def directive_add_url(self) -> str:
        """The directive add form with what the article says filled in."""
        params = {"code": self.code}
        if self.doc_type:
            params["doc_type"] = self.doc_type
        if self.issued_on:
            params["issued_on"] = f"{self.issued_on:%d/%m/%Y}"
        return f"{reverse('admin:news_directive_add')}?{urlencode(params)}"


class DirectiveLinking(models.Model):
    """The last run of linking the articles that mention a directive to it (news/tasks.py).

    Saving a directive only asks for the run; the task worker does it and records here how
    it went, and the directive's admin page shows that to the editor. One row per directive,
    written afresh at each request.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Đang chờ"
        RUNNING = "running", "Đang chạy"
        DONE = "done", "Xong"
        FAILED = "failed", "Lỗi"

    directive = models.OneToOneField(
        Directive, on_delete=models.CASCADE, primary_key=True, related_name="linking",
        verbose_name="văn bản",
    )
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices)
    requested_at = models.DateTimeField("yêu cầu lúc")
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)
    linked_count = models.PositiveIntegerField("số bài đã gắn", null=True, blank=True)
    error = models.CharField("lý do lỗi", max_length=300, blank=True)

    class Meta:
        verbose_name = "lần gắn văn bản vào bài viết"
        verbose_name_plural = "các lần gắn văn bản vào bài viết"

    def __str__(self):
        return self.report()

    def report(self) -> str:
        """What the editor reads: 'Đã gắn văn bản vào 1.240 bài lúc 10:25 07/12/2026.'"""
        if self.status == self.Status.DONE:
            return (
                "Đã gắn văn bản vào "
                f"{formats.number_format(self.linked_count, force_grouping=True)} "
                f"bài lúc {_moment(self.finished_at)}."
            )
        if self.status == self.Status.FAILED:
            return (
                f"Gắn văn bản vào các bài viết không thành công lúc {_moment(self.finished_at)}: "
                f"{self.error} Lưu lại văn bản để chạy lại."
            )
        # Past TASKS_STUCK_MINUTES the worker is likely down (/healthz says so too), or was
        # stopped in the middle of this run.
        overdue = timezone.now() - timedelta(minutes=settings.TASKS_STUCK_MINUTES)
        if self.status == self.Status.RUNNING:
            report = (
                "Đang gắn văn bản vào các bài viết có nhắc tới "
                f"(bắt đầu lúc {_moment(self.started_at)})."
            )
            if self.started_at < overdue:
                report += (
                    f" Chưa xong sau {settings.TASKS_STUCK_MINUTES} phút: tiến trình chạy nền có "
                    "thể đã dừng giữa chừng. Lưu lại văn bản để chạy lại."
                )
            return report
        report = (
            "Đang chờ gắn văn bản vào các bài viết có nhắc tới "
            f"(yêu cầu lúc {_moment(self.requested_at)})."
        )
        if self.requested_at < overdue:
            report += (
                f" Chưa bắt đầu sau {settings.TASKS_STUCK_MINUTES} phút: tiến trình chạy nền có "
                "thể không chạy; hãy báo người quản trị máy chủ."
            )
        return report


def _moment(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "H:i d/m/Y")


class ArticleEditingSession(models.Model):
    """One browser tab with an article's change page open: who, since when, last heard
    from when. Written by news/presence.py on opening the page and on each heartbeat
    (every app server reads the same rows); a row not heard from for
    ARTICLE_PRESENCE_TIMEOUT_SECONDS counts as gone and is deleted by a later heartbeat."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="editing_sessions",
        verbose_name="bài viết",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
        verbose_name="người mở",
    )
    # Random, made by the server when it renders the page; a second tab has its own.
    tab = models.CharField("thẻ trình duyệt", max_length=32)
    can_edit = models.BooleanField("được sửa", default=False)
    has_unsaved_changes = models.BooleanField("có thay đổi chưa lưu", default=False)
    opened_at = models.DateTimeField("mở lúc", default=timezone.now)
    last_seen_at = models.DateTimeField("lần cuối còn mở", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "phiên mở bài viết"
        verbose_name_plural = "phiên mở bài viết"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user", "tab"], name="article_editing_session_per_tab"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.article_id} ({self.tab[:8]})"


# -- review: the conversation around an article (news/workflow.py names the moves) -------


class ArticleComment(models.Model):
    """One entry of an article's review thread: a comment (`body`), possibly pointing at a
    passage of the text (`quote`), or a named move of the workflow (`move`: "Gửi duyệt",
    "Yêu cầu sửa" with its required comment…).

    Kept with the article's history: each entry names the version of the article it was
    written on (`article_version`), and restoring an older version leaves the thread as it
    is. The text is plain (news.services.plain_text cleans it); pages escape it."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments", verbose_name="bài viết"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="article_comments", verbose_name="người viết",
    )
    body = models.TextField("nội dung", blank=True, max_length=5000)
    quote = models.TextField("đoạn được trích", blank=True, max_length=1000)
    # news.workflow.Move; empty for a plain comment.
    move = models.CharField("bước duyệt", max_length=20, blank=True, default="")
    article_version = models.PositiveIntegerField("phiên bản bài viết", default=1)
    created_at = models.DateTimeField("thời điểm", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "bình luận bài viết"
        verbose_name_plural = "bình luận bài viết"
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "created_at"], name="article_comment_thread_idx"),
        ]

    def __str__(self):
        return self.body[:80] or self.move


class ArticleReadMark(models.Model):
    """When a user last opened an article's page in the admin: comments made after it are
    "Bình luận mới" on their dashboard."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="article_read_marks",
        verbose_name="người dùng",
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="read_marks", verbose_name="bài viết"
    )
    read_at = models.DateTimeField("xem lần cuối", default=timezone.now)

    class Meta:
        verbose_name = "lần xem bài viết"
        verbose_name_plural = "lần xem bài viết"
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="unique_article_read_mark"),
        ]

    def __str__(self):
        return f"{self.user} · {self.article_id}"


class NotificationPreference(models.Model):
    """A user's choice about e-mail for the review of articles ("Thông báo của tôi");
    without a row, e-mail is on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
        related_name="notification_preference", verbose_name="người dùng",
    )
    email_enabled = models.BooleanField(
        "nhận thư điện tử", default=True,
        help_text="Thư báo khi có bài chờ bạn duyệt, khi bài của bạn bị yêu cầu sửa hoặc được "
        "đăng, và khi có bình luận mới ở bài bạn viết hoặc đã bình luận.",
    )

    class Meta:
        verbose_name = "cài đặt thông báo"
        verbose_name_plural = "cài đặt thông báo"

    def __str__(self):
        return f"{self.user}: {'nhận thư' if self.email_enabled else 'không nhận thư'}"


class TopicQuerySet(models.QuerySet):
    def active(self):
        """What readers see: the topics shown on the portal."""
        return self.filter(is_active=True)

    def featured(self):
        """The active topics the home page shows, in their order."""
        return self.active().filter(is_featured=True).order_by("order", "id")


class Topic(models.Model):
    """A topic page (chuyên trang) at /chuyen-trang/<slug>/: a banner, an introduction and
    the published articles attached to it (Article.topics), newest first. Topics belong
    to the whole portal, not to one organisation."""

    title = models.CharField("tên chuyên trang", max_length=200)
    slug = models.SlugField(
        "đường dẫn", max_length=120, unique=True, blank=True,
        help_text="Chuyên trang có địa chỉ /chuyen-trang/<đường dẫn>/. Để trống để tạo tự động "
        "từ tên. Đổi đường dẫn thì địa chỉ cũ vẫn mở được và tự chuyển sang địa chỉ mới.",
    )
    description = models.TextField(
        "giới thiệu", blank=True,
        help_text="Một đoạn ngắn giới thiệu chuyên trang, hiện dưới ảnh bìa và trên Google.",
    )
    # A photo of the library, as Article.cover; PROTECT: a banner in use cannot be deleted.
    banner = models.ForeignKey(
        "library.LibraryImage", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name="ảnh bìa",
        help_text="Ảnh ngang hiện ở đầu chuyên trang và trên ô chuyên trang ở trang chủ.",
    )
    is_featured = models.BooleanField(
        "nổi bật trên trang chủ", default=False,
        help_text="Trang chủ có một ô dẫn tới chuyên trang này.",
    )
    order = models.PositiveIntegerField("thứ tự", default=100, help_text="Số nhỏ đứng trước.")
    is_active = models.BooleanField(
        "hiển thị", default=True,
        help_text="Bỏ chọn để ẩn chuyên trang: địa chỉ của nó trả về “Không tìm thấy trang”.",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("ngày cập nhật", auto_now=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = "chuyên trang"
        verbose_name_plural = "chuyên trang"
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:topic_detail", kwargs={"slug": self.slug})

    @property
    def banner_picture(self) -> Picture:
        """The banner cropped as cards are (16:9, around its focal point); nothing without one."""
        return self.banner.card_picture if self.banner_id is not None else Picture()

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, fallback="chuyen-trang")
        with keeping_old_slug(self, stored_slug(self), using=kwargs.get("using")):
            super().save(*args, **kwargs)


class TopicOldSlug(OldSlug):
    """A slug the topic had before (core/old_slugs.py): /chuyen-trang/<it>/ redirects."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="old_slugs", verbose_name="chuyên trang"
    )

    URL_NAME = "news:topic_detail"

    class Meta(OldSlug.Meta):
        verbose_name = "đường dẫn cũ của chuyên trang"
        verbose_name_plural = "đường dẫn cũ của chuyên trang"
