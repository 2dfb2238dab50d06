"""People's names in the admin read in Vietnamese order, họ first: "Trần Văn Minh"
(core.admin_utils.full_name), never Django's "Minh Trần Văn" (get_full_name)."""

import pytest
from django.contrib.auth.models import Group
from factories import ArticleFactory, MembershipFactory, StaffUserFactory

from accounts.roles import APPROVER, REPORTER
from audit.log import record
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def minh(province):
    user = StaffUserFactory(username="minhtv", last_name="Trần Văn", first_name="Minh")
    user.groups.add(Group.objects.get(name=REPORTER))
    MembershipFactory(user=user, organization=province)
    return user


def test_the_account_list_and_page_show_the_name_in_vietnamese_order(client, site_admin, minh):
    client.force_login(site_admin)

    listing = client.get("/admin/auth/user/?o=2").content.decode()
    page = client.get(f"/admin/auth/user/{minh.pk}/change/")

    assert "<td class=\"field-full_name\">Trần Văn Minh</td>" in listing
    assert "Minh Trần Văn" not in listing
    assert page.context["subtitle"] == "Trần Văn Minh (minhtv)"
    assert "<title>Trần Văn Minh (minhtv) |" in page.content.decode()
    # The change page's name boxes: họ và tên đệm, then tên.
    fields = list(page.context["adminform"].form.fields)
    assert fields.index("last_name") < fields.index("first_name")


def test_the_greeting_at_the_top_names_the_user_in_vietnamese_order(client, minh):
    client.force_login(minh)

    page = client.get("/admin/").content.decode()

    assert "Chào, <strong>Trần Văn Minh</strong>." in page


def test_the_author_choices_of_an_article(client, province, minh):
    approver = StaffUserFactory(username="duyet", last_name="Lê Thị", first_name="Hoa")
    approver.groups.add(Group.objects.get(name=APPROVER))
    MembershipFactory(user=approver, organization=province)
    article = ArticleFactory(organization=province, author=minh)
    client.force_login(approver)

    page = client.get(f"/admin/news/article/{article.pk}/change/")

    labels = [label for _value, label in page.context["adminform"].form.fields["author"].choices]
    assert "Trần Văn Minh (minhtv)" in labels
    assert "Lê Thị Hoa (duyet)" in labels
    # Listed by tên: Hoa before Minh.
    assert labels.index("Lê Thị Hoa (duyet)") < labels.index("Trần Văn Minh (minhtv)")


def test_the_audit_log_names_who_did_it(client, site_admin, minh):
    record(action=AuditEvent.Action.LOGIN, actor=minh)
    client.force_login(site_admin)

    page = client.get("/admin/audit/auditevent/").content.decode()

    assert "Trần Văn Minh (minhtv)" in page
