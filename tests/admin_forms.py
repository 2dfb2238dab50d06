"""Building admin POST data the way a browser would send it.

response = client.get("/admin/news/article/add/")
data = {**inline_management_data(response), "title": "…", …}

response = client.get("/admin/news/article/1/change/")
data = browser_data(response, title="…")
"""

from django.forms import CheckboxInput, FileInput, MultiWidget, SelectMultiple


def inline_management_data(response, **extra_forms: list[dict]) -> dict:
    """Management-form fields for every inline on an admin add/change page.

    `extra_forms` maps an inline's prefix ("images") to the rows to add to it; each
    row is a dict of field name → value (files included).
    """
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        prefix = formset.prefix
        initial = formset.initial_form_count()
        rows = extra_forms.pop(prefix, [])
        data[f"{prefix}-TOTAL_FORMS"] = str(initial + len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(initial)
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for index, form in enumerate(formset.initial_forms):
            data[f"{prefix}-{index}-id"] = str(form.instance.pk)
            data[f"{prefix}-{index}-{formset.fk.name}"] = str(formset.instance.pk)
        for offset, row in enumerate(rows):
            for name, value in row.items():
                data[f"{prefix}-{initial + offset}-{name}"] = value
    if extra_forms:
        raise KeyError(f"No inline with prefix {sorted(extra_forms)} on this page.")
    return data


def browser_data(response, **changes) -> dict:
    """What a browser sends when the admin page in `response` is submitted, with `changes`."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context.get("inline_admin_formsets", []):  # none when restoring
        formset = inline.formset
        forms += list(formset.forms)
        management = formset.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
    for form in forms:
        for field in form:
            widget = getattr(field.field.widget, "widget", field.field.widget)  # admin wrappers
            value = field.value()
            if field.field.disabled or isinstance(widget, FileInput):
                continue
            if isinstance(widget, MultiWidget):
                parts = value if isinstance(value, list) else widget.decompress(value)
                for index, (sub, part) in enumerate(zip(widget.widgets, parts, strict=True)):
                    data[f"{field.html_name}_{index}"] = sub.format_value(part) or ""
            elif isinstance(widget, CheckboxInput):
                if value:
                    data[field.html_name] = "on"
            elif isinstance(widget, SelectMultiple) or isinstance(value, (list, tuple)):
                data[field.html_name] = [str(item) for item in value or []]
            else:
                data[field.html_name] = "" if value is None else (widget.format_value(value) or "")
    data.update(changes)
    return data
