"""The organisation admin for an organisation's own administrator: where an organisation may
be put in the tree (form and drag and drop), the organisation at the top of their scope,
officials' records and positions, and mergers."""

import pytest
from admin_forms import browser_form_data
from django.contrib.auth.models import Group
from django.urls import reverse
from factories import OrganizationFactory, PersonFactory, PositionFactory, StaffUserFactory

from accounts.roles import SITE_ADMIN
from organizations.models import Membership, Organization, Person, Position, Succession

pytestmark = pytest.mark.django_db

ADD = reverse("admin:organizations_organization_add")


@pytest.fixture
def tree():
    youth = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    district = OrganizationFactory(parent=youth, name="Huyện Đoàn Ba Tri")
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    board = OrganizationFactory(parent=province, name="Ban Tổ chức Tỉnh ủy")
    admin_user = StaffUserFactory(username="quantri-doan")
    admin_user.groups.add(Group.objects.get(name=SITE_ADMIN))
    Membership.objects.create(user=admin_user, organization=youth)
    return {"youth": youth, "district": district, "province": province, "board": board,
            "admin": admin_user}


def organization_form(name, ref_node, position="sorted-child", **extra):
    return {
        "name": name, "short_name": "", "name_en": "", "slug": "", "kind": "youth_union",
        "level": "district", "treebeard_position": position,
        "treebeard_ref_node": "" if ref_node is None else ref_node.pk, "order": "100",
        "active_from": "", "active_until": "", "introduction": "", "address": "",
        "phone": "", "email": "", "website": "",
        "successions_as_predecessor-TOTAL_FORMS": "0",
        "successions_as_predecessor-INITIAL_FORMS": "0",
        "positions-TOTAL_FORMS": "0", "positions-INITIAL_FORMS": "0", **extra,
    }


def test_an_administrator_adds_organisations_only_under_their_own(client, tree):
    client.force_login(tree["admin"])

    at_top = client.post(ADD, organization_form("Đoàn khối mới", None))
    beside = client.post(ADD, organization_form("Đoàn ngang cấp", tree["youth"], "sorted-sibling"))
    elsewhere = client.post(ADD, organization_form("Ban mới", tree["board"]))
    inside = client.post(ADD, organization_form("Huyện Đoàn Chợ Lách", tree["youth"]))

    assert at_top.status_code == beside.status_code == elsewhere.status_code == 200
    assert inside.status_code == 302, inside.context["adminform"].form.errors
    new = Organization.objects.get(name="Huyện Đoàn Chợ Lách")
    assert Organization.objects.get_parent(new) == tree["youth"]
    refused = ["Đoàn khối mới", "Đoàn ngang cấp", "Ban mới"]
    assert not Organization.objects.filter(name__in=refused).exists()


def test_the_organisation_at_the_top_of_their_scope_is_edited_in_place(client, tree):
    client.force_login(tree["admin"])
    url = reverse("admin:organizations_organization_change", args=[tree["youth"].pk])
    page = client.get(url)
    reference = page.context["adminform"].form.fields["treebeard_ref_node"]
    assert reference.disabled

    data = browser_form_data(page.content.decode(), form_id="organization_form")
    data["address"] = "Số 1 Đồng Khởi, TP. Bến Tre"
    data["order"] = "5"
    saved = client.post(url, {**data, "treebeard_ref_node": tree["province"].pk,
                              "treebeard_position": "sorted-child"})

    assert saved.status_code == 302, saved.context["adminform"].form.errors
    youth = Organization.objects.get(pk=tree["youth"].pk)
    assert youth.address == "Số 1 Đồng Khởi, TP. Bến Tre"
    assert youth.is_root()  # the tampered placement was ignored
    # …and it is not theirs to delete.
    assert client.post(reverse("admin:organizations_organization_delete", args=[youth.pk]),
                       {"post": "yes"}).status_code == 403
    assert Organization.objects.filter(pk=youth.pk).exists()


def parent_of(organization):
    """The organisation's parent as stored now (the tree's rows may be stale)."""
    return Organization.objects.get_parent(Organization.objects.get(pk=organization.pk))


def test_drag_and_drop_keeps_organisations_within_scope(client, tree):
    client.force_login(tree["admin"])
    move = reverse("admin:organizations_organization_changelist") + "move/"

    def move_to(node, target, relation):
        return client.post(
            move, {"node": tree[node].pk, "target": tree[target].pk, "relation": relation}
        )

    out = move_to("district", "board", "child")
    top = move_to("district", "youth", "sibling")
    theirs = move_to("board", "youth", "child")

    garbage = client.post(move, {"node": tree["district"].pk, "target": "abc", "relation": "child"})

    assert out.status_code == top.status_code == theirs.status_code == 403
    assert garbage.status_code == 400
    assert parent_of(tree["district"]) == tree["youth"]
    assert parent_of(tree["board"]) == tree["province"]


def test_officials_are_kept_by_their_organisation(client, tree):
    own = PersonFactory(full_name="Nguyễn Thị Mỹ Nương", organization=tree["youth"])
    foreign = PersonFactory(full_name="Trần Văn Bình", organization=tree["province"])
    client.force_login(tree["admin"])

    people = client.get(reverse("admin:organizations_person_changelist"))
    offered = client.get(reverse("admin:autocomplete"), {
        "app_label": "organizations", "model_name": "position", "field_name": "person", "term": "",
    })
    positions = client.post(
        reverse("admin:organizations_organization_change", args=[tree["district"].pk]),
        {
            **browser_form_data(client.get(reverse(
                "admin:organizations_organization_change", args=[tree["district"].pk]
            )).content.decode(), form_id="organization_form"),
            "positions-TOTAL_FORMS": "1", "positions-INITIAL_FORMS": "0",
            "positions-0-person": foreign.pk, "positions-0-title": "Bí thư",
            "positions-0-order": "1",
        },
    )

    assert list(people.context["cl"].result_list) == [own]
    assert [item["id"] for item in offered.json()["results"]] == [str(own.pk)]
    assert positions.status_code == 200
    assert not Position.objects.filter(person=foreign).exists()


def test_a_new_official_needs_an_organisation_within_scope(client, tree):
    client.force_login(tree["admin"])
    add = reverse("admin:organizations_person_add")
    empty = {"full_name": "Lê Văn Cường", "phone": "", "email": "",
             "positions-TOTAL_FORMS": "0", "positions-INITIAL_FORMS": "0"}

    without = client.post(add, {**empty, "organization": ""})
    outside = client.post(add, {**empty, "organization": tree["board"].pk})
    inside = client.post(add, {**empty, "organization": tree["district"].pk})

    assert without.status_code == outside.status_code == 200
    assert inside.status_code == 302
    assert list(Person.objects.values_list("organization__name", flat=True)) == [
        "Huyện Đoàn Ba Tri"
    ]


def test_a_merger_names_only_organisations_within_scope(client, tree):
    client.force_login(tree["admin"])
    url = reverse("admin:organizations_organization_change", args=[tree["district"].pk])
    data = browser_form_data(client.get(url).content.decode(), form_id="organization_form")

    def merge_into(successor):
        return client.post(url, {
            **data, "successions_as_predecessor-TOTAL_FORMS": "1",
            "successions_as_predecessor-INITIAL_FORMS": "0",
            "successions_as_predecessor-0-successor": successor.pk,
            "successions_as_predecessor-0-kind": "merged_into",
        })

    refused = merge_into(tree["board"])
    accepted = merge_into(tree["youth"])

    assert refused.status_code == 200
    assert accepted.status_code == 302
    assert list(Succession.objects.values_list("successor__name", flat=True)) == [
        "Tỉnh Đoàn Bến Tre"
    ]


def test_the_person_migration_gives_each_official_the_organisation_of_their_first_post(tree):
    from importlib import import_module

    from django.apps import apps

    person = PersonFactory(full_name="Phạm Thị Dung")
    PositionFactory(person=person, organization=tree["board"], order=2)
    PositionFactory(person=person, organization=tree["district"], order=1)
    lonely = PersonFactory(full_name="Võ Văn E")
    migration = import_module("organizations.migrations.0004_person_organization")

    migration.keeper_from_first_position(apps, None)

    assert Person.objects.get(pk=person.pk).organization == tree["district"]
    assert Person.objects.get(pk=lonely.pk).organization is None


def test_the_list_starts_at_the_top_of_the_administrators_scope(client, tree):
    """Their organisation sits under Trung ương Đoàn, outside their scope: the list must
    start from it, not from the roots of the whole tree (which would show nothing)."""
    central = OrganizationFactory(name="Trung ương Đoàn")
    Organization.objects.move(
        Organization.objects.get(pk=tree["youth"].pk), central, pos="sorted-child"
    )
    client.force_login(tree["admin"])
    changelist = reverse("admin:organizations_organization_changelist")

    top = client.get(changelist)
    children = client.get(f"{changelist}children/{tree['youth'].pk}/")

    assert [item.name for item in top.context["cl"].result_list] == ["Tỉnh Đoàn Bến Tre"]
    assert "Huyện Đoàn Ba Tri" in children.json()["result_html"]
    client.force_login(StaffUserFactory(is_superuser=True))
    roots = client.get(changelist)
    assert {item.name for item in roots.context["cl"].result_list} == {
        "Tỉnh ủy Bến Tre", "Trung ương Đoàn"
    }
