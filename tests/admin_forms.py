"""Building admin POST data the way a browser would send it.

response = client.get("/admin/news/article/add/")
data = {**inline_management_data(response), "title": "…", …}
"""


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
