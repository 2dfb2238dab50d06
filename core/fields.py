"""Model fields shared by the apps."""

from django_ckeditor_5.fields import CKEditor5Field

from core.sanitize import clean_html


class RichTextField(CKEditor5Field):
    """Rich text edited with CKEditor 5 and cleaned on every write.

    pre_save() cleans the instance's value (Model.save(), the admin, the
    importer, bulk_create()); get_db_prep_save() cleans whatever reaches the
    database without pre_save(): QuerySet.update() and bulk_update().
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config_name", "default")
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        cleaned = clean_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, cleaned)
        return cleaned

    def get_db_prep_save(self, value, connection):
        if isinstance(value, str):
            value = clean_html(value)
        return super().get_db_prep_save(value, connection)
