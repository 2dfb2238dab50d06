"""Names for the rows of many-to-many tables that Django makes by itself.

Django names such a table's rows after the code names of the two models: a delete
confirmation in the admin lists "Liên kết article-directive: Article_directives object (4)"
or "Liên kết user-group: User_groups object (6)". name_link_rows() gives every such table of
the installed apps a Vietnamese name made of the two models' names ("liên kết bài viết –
văn bản chỉ đạo") and rows that say what they link ("“Hội nghị…” – Chỉ thị 05-CT/TW").
"""

from django.apps import apps


def _link_str(source_field: str, target_field: str):
    def __str__(row):
        return f"{getattr(row, source_field)} – {getattr(row, target_field)}"

    return __str__


def name_link_rows() -> None:
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.local_many_to_many:
            link = field.remote_field.through
            if not link._meta.auto_created:
                continue
            source = model._meta.verbose_name
            target = field.remote_field.model._meta.verbose_name
            link._meta.verbose_name = f"liên kết {source} – {target}"
            link._meta.verbose_name_plural = f"liên kết {source} – {target}"
            link.__str__ = _link_str(field.m2m_field_name(), field.m2m_reverse_field_name())
