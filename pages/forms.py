"""The public contact form."""

from django import forms

from pages.models import ContactMessage

MESSAGE_MIN_LENGTH = 20
MESSAGE_MAX_LENGTH = 5000


def _too_long(label: str) -> str:
    return f"{label} không được dài quá %(limit_value)d ký tự (hiện có %(show_value)d)."


class ContactForm(forms.ModelForm):
    message = forms.CharField(
        label="Nội dung",
        min_length=MESSAGE_MIN_LENGTH,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Vui lòng nhập nội dung ý kiến.",
            "min_length": "Nội dung quá ngắn: cần ít nhất %(limit_value)d ký tự "
            "(hiện có %(show_value)d).",
            "max_length": "Nội dung quá dài: tối đa %(limit_value)d ký tự "
            "(hiện có %(show_value)d).",
        },
    )
    # Honeypot: hidden from people, filled in by spam robots.
    website = forms.CharField(label="Để trống ô này", required=False)
    HONEYPOT = "website"

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "phone", "subject", "message"]
        labels = {
            "name": "Họ và tên",
            "email": "Thư điện tử",
            "phone": "Số điện thoại",
            "subject": "Tiêu đề",
        }
        help_texts = {
            "email": "Chúng tôi trả lời qua địa chỉ này.",
            "phone": "Không bắt buộc. Ví dụ: 0912 345 678.",
        }
        error_messages = {
            "name": {
                "required": "Vui lòng nhập họ và tên.",
                "max_length": _too_long("Họ và tên"),
            },
            "email": {
                "required": "Vui lòng nhập địa chỉ thư điện tử.",
                "invalid": "Địa chỉ thư điện tử không hợp lệ. Ví dụ đúng: ten@example.com.",
                "max_length": _too_long("Địa chỉ thư điện tử"),
            },
            "phone": {"max_length": _too_long("Số điện thoại")},
            "subject": {
                "required": "Vui lòng nhập tiêu đề.",
                "max_length": _too_long("Tiêu đề"),
            },
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_spam(self) -> bool:
        """True when the hidden honeypot field was filled in."""
        return bool(self.data.get(self.HONEYPOT, "").strip())

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_subject(self):
        # One line only: the subject goes into the notice e-mail's header.
        return " ".join(self.cleaned_data["subject"].split())
