"""Model fields shared by the apps."""

from django_ckeditor_5.fields import CKEditor5Field

from .sanitize import clean_html


class RichTextField(CKEditor5Field):
    """Rich text edited with CKEditor 5 and cleaned on every save.

    Cleaning in pre_save() covers the admin, the importer, services,
    Model.save() and bulk_create() alike.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config_name", "default")
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        cleaned = clean_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, cleaned)
        return cleaned
