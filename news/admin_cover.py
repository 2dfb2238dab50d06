"""The article's cover in the admin: picked from the library, or uploaded into it.

The form shows the current cover and the library's newest images the user may use
(library.selectors.images_usable_by) as a grid of thumbnails to choose from, and "Tải ảnh
mới": a file given there becomes an image of the library (library.services.upload_image,
owned by the article's organisation) and the cover, before the rest of the form is
checked, so a form refused for another reason shows it chosen and nothing is uploaded
twice. Any image of the user's scope is accepted, not only those shown; an image outside
it (a tampered form) is refused with a message, except the article's current cover, which
stays valid whoever set it.
"""

from typing import ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.template.loader import render_to_string
from django.utils.html import format_html

from library.models import LibraryImage
from library.selectors import images_usable_by
from library.services import upload_image

from . import figures, workflow

SHOWN_IMAGES = 24
NO_COVER = "Không có ảnh đại diện"
OUT_OF_SCOPE = (
    "Ảnh này không thuộc thư viện ảnh mà bạn được dùng (hoặc đã bị xóa). Hãy chọn ảnh khác "
    "hoặc tải ảnh mới."
)


def cover_thumbnail(image: LibraryImage, width: int = 160) -> str:
    """A thumbnail of `image` as cards show it; the upload itself while its copies are made."""
    picture = image.card_picture
    if picture and not picture.pending:
        rendition = picture.jpeg[0]
        shown_width, shown_height = picture.layout_size(width)
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" loading="lazy">',
            rendition.url, shown_width, shown_height,
        )
    if not image.file:
        return ""
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" loading="lazy" class="cover-original">',
        image.file.url, width, width * 9 // 16,
    )


class CoverChoices(ModelChoiceIterator):
    """"No cover", then the pinned images (the current cover, the one just chosen), then
    the newest images the user may use: not the whole library, which may hold thousands."""

    def __iter__(self):
        yield ("", NO_COVER)
        pinned = [pk for pk in self.field.pinned if pk]
        shown = list(self.queryset.filter(pk__in=pinned)) if pinned else []
        newest = self.queryset.exclude(pk__in=pinned).order_by("-uploaded_at", "-id")
        shown += list(newest[:SHOWN_IMAGES])
        for image in shown:
            yield self.choice(image)


class CoverPicker(forms.RadioSelect):
    """Radio buttons as a grid of thumbnails with their captions."""

    template_name = "admin/news/article/cover_picker.html"
    option_template_name = "admin/news/article/cover_picker_option.html"

    media = forms.Media(css={"all": ["css/cover-picker.css"]})

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates (templates/admin/…), not the form renderer's own engine,
        # which sees only Django's and the apps' template folders.
        return render_to_string(self.template_name, self.get_context(name, value, attrs))

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        image = getattr(value, "instance", None)
        option["image"] = image
        option["thumbnail"] = cover_thumbnail(image) if image is not None else ""
        return option


class CoverChoiceField(forms.ModelChoiceField):
    iterator = CoverChoices
    default_error_messages: ClassVar[dict] = {"invalid_choice": OUT_OF_SCOPE}

    def __init__(self, *args, pinned=(), **kwargs):
        self.pinned = list(pinned)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, image):
        return image.caption or image.original_name or image.file.name.rsplit("/", 1)[-1]


class ArticleCoverFormMixin(forms.Form):
    """For the article's ModelForm: the cover from the library, and "Tải ảnh mới". The admin
    sets `cover_user` (ArticleCoverAdminMixin.get_form)."""

    cover_upload = forms.FileField(
        label="Tải ảnh mới", required=False,
        # Kept in the library even when the save is refused (static/js/admin-phone.js).
        widget=forms.FileInput(attrs={
            "accept": "image/jpeg,image/png,image/webp,image/gif", "data-kept-when-refused": "",
        }),
        help_text="Ảnh tải lên được lưu vào thư viện ảnh của đơn vị và dùng làm ảnh đại diện. "
        "JPEG, PNG, WebP hoặc GIF. Nhớ điền “mô tả ảnh cho người khiếm thị” trong thư viện "
        "trước khi đăng bài.",
    )
    cover_user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "cover" not in self.fields or self.cover_user is None:
            return
        pick_library_image(
            self, "cover", self.cover_user, field_class=CoverChoiceField, widget=CoverPicker,
            empty_label=NO_COVER,
        )

    def clean(self):
        self.take_cover_upload()
        cleaned = super().clean()
        self.check_photos_of_the_text(cleaned.get("body"))
        # A move made with this save (news/admin_review.py) checks the stored article; the
        # cover chosen in this form must have its description too.
        if cleaned.get("move") in workflow.PUBLISHING_MOVES:
            refusal = workflow.cover_refusal(cleaned.get("cover"))
            if refusal:
                self.add_error("cover", refusal)
            refusal = workflow.figures_refusal(cleaned.get("body", ""))
            if refusal and "body" in self.fields:
                self.add_error("body", refusal)
        return cleaned

    def check_photos_of_the_text(self, body) -> None:
        """The library photos the text shows obey the cover's rule: the user's own, their
        organisations' or shared ones (or those the article shows already)."""
        if not body or self.cover_user is None or "body" not in self.fields:
            return
        refused = figures.photos_not_usable(
            body, images_usable_by(self.cover_user), article_id=self.instance.pk
        )
        if refused:
            self.add_error("body", (
                f"Ảnh “{refused[0]}” không thuộc thư viện ảnh mà bạn được dùng (ảnh riêng của "
                "một đơn vị khác). Hãy chèn ảnh bằng nút “Chèn ảnh từ thư viện”."
            ))

    def take_cover_upload(self) -> None:
        """An uploaded file becomes a library image and the chosen cover, now: were the form
        refused for another reason, it is shown chosen and need not be uploaded again."""
        upload = self.cleaned_data.get("cover_upload")
        if not upload or "cover" not in self.fields:
            return
        organization = self.cleaned_data.get("organization") or (
            self.instance.organization if self.instance.organization_id else None
        )
        if organization is None:
            self.add_error("cover_upload", "Chọn tổ chức của bài viết trước khi tải ảnh lên.")
            return
        try:
            image = upload_image(file=upload, organization=organization,
                                 uploaded_by=self.cover_user)
        except ValidationError as error:
            messages = error.message_dict.get("file") if hasattr(error, "error_dict") else None
            self.add_error("cover_upload", messages or error.messages)
            return
        self.cleaned_data["cover"] = image
        self.errors.pop("cover", None)
        self.data = self.data.copy()
        self.data[self.add_prefix("cover")] = str(image.pk)
        self.fields["cover"].pinned.insert(0, image.pk)


def pick_library_image(form, name: str, user, *, field_class, widget, empty_label) -> None:
    """Make the form's field `name` (a foreign key to a library image) a grid of the images
    `user` may use; the image it holds now stays valid whoever chose it, and the current and
    the chosen image are shown first."""
    current = getattr(form.instance, f"{name}_id")
    chosen = form.data.get(form.add_prefix(name)) if form.is_bound else None
    usable = images_usable_by(user)
    if current is not None:
        usable = usable | LibraryImage.objects.filter(pk=current)
    old = form.fields[name]
    form.fields[name] = field_class(
        queryset=usable.distinct(), pinned=[current, _as_pk(chosen)], required=False,
        widget=widget, label=old.label, help_text=old.help_text, empty_label=empty_label,
    )


def _as_pk(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ArticleCoverAdminMixin:
    """For ArticleAdmin: hands the user to the form, so it offers only their images."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.cover_user = request.user
        return form
