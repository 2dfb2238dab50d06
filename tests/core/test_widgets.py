"""core/widgets.py: the template-free <select> gives the markup of Django's own."""

import pytest
from django import forms
from django.test.html import parse_html

from core.widgets import QuickSelect

CHOICES = [
    ("", "Tất cả"),
    ("1", "Ban Tuyên giáo"),
    ("2", 'Tỉnh Đoàn <script>alert("x")</script> & "Hội"'),
    ("Cấp tỉnh", [("3", "Ủy ban Kiểm tra"), ("4", "Ban Dân vận")]),
]


@pytest.mark.parametrize("value", [None, "", "2", "4", "không có"])
def test_same_markup_as_djangos_select(value):
    attrs = {"id": "id_org", "class": "filter", "required": True, "disabled": False}
    django_html = forms.Select(attrs=attrs, choices=CHOICES).render("org", value)
    quick_html = QuickSelect(attrs=attrs, choices=CHOICES).render("org", value)

    assert parse_html(quick_html) == parse_html(django_html)


def test_labels_and_values_are_escaped():
    html = QuickSelect(choices=[('"><b>', "<b>đậm</b>")]).render("x", None)

    assert "<b>" not in html
    assert "&lt;b&gt;đậm&lt;/b&gt;" in html
    assert 'value="&quot;&gt;&lt;b&gt;"' in html


def test_a_bound_model_filter_marks_the_chosen_option(client, db):
    from factories import CategoryFactory

    chosen = CategoryFactory(name="Xây dựng Đảng")
    CategoryFactory(name="Thanh niên")

    html = client.get("/tim-kiem/", {"q": "đoàn", "category": chosen.pk}).content.decode()

    assert f'<option value="{chosen.pk}" selected>' in html
