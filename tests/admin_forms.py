"""Building admin POST data the way a browser would send it.

response = client.get("/admin/news/article/add/")
data = {**inline_management_data(response), "title": "…", …}
data = browser_form_data(response.content.decode())   # every field as the page shows it

response = client.get("/admin/news/article/1/change/")
data = browser_data(response, title="…")                # the form's fields from the context
"""

from html.parser import HTMLParser

from django.forms import CheckboxInput, FileInput, MultiWidget, SelectMultiple


def inline_management_data(response, **extra_forms: list[dict]) -> dict:
    """Management-form fields for every inline on an admin add/change page.

    `extra_forms` maps an inline's prefix ("items") to the rows to add to it; each
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


class _FormParser(HTMLParser):
    """What a browser would submit from the first form with method="post" on a page."""

    def __init__(self, form_id=None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.done = False
        self.fields: list[tuple[str, str]] = []
        self._select = None
        self._select_values: list[str] = []
        self._first_option = None
        self._option_value = None
        self._textarea = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and attrs.get("method", "").lower() == "post":
            if self.form_id is None or attrs.get("id") == self.form_id:
                self.in_form = True
            return
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "option" and self._select is not None:
            self._option(attrs)
        elif not name or "disabled" in attrs:
            return
        elif tag == "input":
            self._input(name, attrs)
        elif tag == "select":
            self._select, self._select_values, self._first_option = name, [], None
            self._multiple = "multiple" in attrs
        elif tag == "textarea":
            self._textarea, self._text = name, []

    def _input(self, name, attrs):
        kind = attrs.get("type", "text").lower()
        if kind in ("submit", "button", "image", "reset", "file"):
            return
        if kind in ("checkbox", "radio") and "checked" not in attrs:
            return
        self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))

    def _option(self, attrs):
        self._option_value = attrs.get("value")
        if self._first_option is None:
            self._first_option = attrs.get("value", "")
        if "selected" in attrs:
            self._select_values.append(attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "select" and self._select is not None:
            values = self._select_values
            if not values and not self._multiple and self._first_option is not None:
                values = [self._first_option]
            self.fields.extend((self._select, value) for value in values)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def browser_form_data(html: str, form_id=None) -> dict:
    """The fields of a page's POST form as a browser sends them: name → value, or a list
    of values for names that repeat (multiple selects, checkboxes)."""
    parser = _FormParser(form_id)
    parser.feed(html)
    data: dict = {}
    for name, value in parser.fields:
        if name in data:
            data[name] = [*(data[name] if isinstance(data[name], list) else [data[name]]), value]
        else:
            data[name] = value
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
            data.update(_submitted(field))
    data.update(changes)
    return data


def _submitted(field) -> dict:
    """What a browser sends for one field of an admin form: name → value(s), or nothing."""
    widget = getattr(field.field.widget, "widget", field.field.widget)  # admin wrappers
    value = field.value()
    if field.field.disabled or isinstance(widget, FileInput):
        return {}
    if isinstance(widget, MultiWidget):
        parts = value if isinstance(value, list) else widget.decompress(value)
        return {
            f"{field.html_name}_{index}": sub.format_value(part) or ""
            for index, (sub, part) in enumerate(zip(widget.widgets, parts, strict=True))
        }
    if isinstance(widget, CheckboxInput):
        return {field.html_name: "on"} if value else {}
    if isinstance(widget, SelectMultiple) or isinstance(value, (list, tuple)):
        return {field.html_name: [str(item) for item in value or []]}
    return {field.html_name: "" if value is None else (widget.format_value(value) or "")}
