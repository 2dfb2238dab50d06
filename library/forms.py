"""Forms of the library's admin: one uploaded file with its organisation (the upload page
sends each file of a batch on its own), and an image's page with "Thay ảnh"."""

from django import forms

from core.validators import validate_image_file

from .models import LibraryImage

OUT_OF_SCOPE = (
    "Bạn không được tải tệp vào đơn vị này. Hãy chọn một đơn vị trong danh sách "
    "(các đơn vị bạn phụ trách)."
)

IMAGE_ACCEPT = ".jpg,.jpeg,.png,.webp,.gif,image/jpeg,image/png,image/webp,image/gif"
DOCUMENT_ACCEPT = ".pdf,.doc,.docx,.xlsx,.odt"


class OrganizationChoiceForm(forms.Form):
    """The organisation a batch goes to, from the user's scope."""

    organization = forms.ModelChoiceField(
        queryset=None, label="Đơn vị", empty_label="— Chọn đơn vị —",
        error_messages={"required": "Hãy chọn đơn vị cho các tệp.",
                        "invalid_choice": OUT_OF_SCOPE},
        help_text="Các tệp của lần tải này thuộc đơn vị này.",
    )

    def __init__(self, *args, organizations, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        field.queryset = organizations
        # Preselected: the one organisation in scope, or the one the user belongs to.
        own = organizations.filter(memberships__user=user) if user is not None else None
        if len(organizations[:2]) == 1:
            field.initial = organizations[0].pk
        elif own is not None and len(own[:2]) == 1:
            field.initial = own[0].pk


class UploadForm(OrganizationChoiceForm):
    """One file of a batch (the upload page's script posts each file alone)."""

    file = forms.FileField(
        label="Tệp", error_messages={"required": "Chưa chọn tệp.", "empty": "Tệp rỗng."},
    )


class LibraryImageForm(forms.ModelForm):
    """An image's page: what it shows and who owns it, and a new photo in its place."""

    new_file = forms.ImageField(
        label="Thay ảnh", required=False, validators=[validate_image_file],
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=(
            "Chọn một ảnh khác để thay ảnh này ở mọi nơi đang dùng. Chú thích, tác giả và "
            "các bài đang dùng được giữ nguyên."
        ),
    )

    class Meta:
        model = LibraryImage
        fields = [
            "caption", "alt_text", "credit", "taken_on", "tags", "organization", "is_shared",
            "focal_x", "focal_y",
        ]
        widgets = {
            "caption": forms.Textarea(attrs={"rows": 2}),
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
        }
        help_texts = {
            "focal_x": (
                "Bấm vào ảnh xem trước để chọn tâm ảnh; hoặc gõ số từ 0 (trái) đến 1 (phải)."
            ),
            "focal_y": "Từ 0 (trên) đến 1 (dưới). Ảnh cắt cho thẻ tin giữ phần này.",
        }
