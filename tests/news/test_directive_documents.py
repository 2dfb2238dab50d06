"""A directive's text comes from the library (Directive.document): chosen on the directive's
form among the documents the user may use, or uploaded there into the library; downloaded
by readers under its original name; protected while in use; and the attachments stored
before it moved into the library by migration 0023, same files, same names."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.db.models import ProtectedError
from django.urls import reverse
from factories import (
    DirectiveFactory,
    LibraryDocumentFactory,
    OrganizationFactory,
    StaffUserFactory,
)
from migration_steps import migrate
from sample_files import docx_bytes, pdf_bytes, upload

from accounts.roles import APPROVER, LIBRARIAN
from library.models import LibraryDocument
from news.admin_directive_document import NOT_USABLE
from news.models import Directive
from news.services import directive_delete, directive_save
from organizations.models import Membership

ADD_URL = reverse("admin:news_directive_add")


def form_data(issuer, **overrides):
    data = {
        "doc_type": Directive.DocumentType.DIRECTIVE,
        "code": "12-CT/TĐTN",
        "issuer": issuer.pk,
        "issued_on": "05/11/2012",
        "effective_on": "",
        "title": "Về tăng cường công tác giáo dục lý tưởng cách mạng cho đoàn viên",
        "summary": "",
        "document": "",
        "new_document": "",
        "status": Directive.Status.IN_FORCE,
        "replaced_by": "",
        "slug": "",
    }
    data.update(overrides)
    return data


def option(document, selected=False) -> str:
    return f'<option value="{document.pk}"{" selected" if selected else ""}>'


@pytest.fixture
def places(db):
    """Bộ Chính trị; Tỉnh ủy Bến Tre with its board; Tỉnh Đoàn with an approver; a librarian
    (Quản lý văn bản) of no organisation; and a document of each kind."""
    politburo = OrganizationFactory(name="Bộ Chính trị", level="central", kind="party_committee")
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    board = OrganizationFactory(parent=province, name="Ban Tuyên giáo Tỉnh ủy")
    youth = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")

    def staff(role, organization=None):
        user = StaffUserFactory()
        user.groups.add(Group.objects.get(name=role))
        if organization is not None:
            Membership.objects.create(user=user, organization=organization)
        return user

    return {
        "politburo": politburo, "province": province, "board": board, "youth": youth,
        "approver": staff(APPROVER, youth), "librarian": staff(LIBRARIAN),
        "own": LibraryDocumentFactory(organization=youth, title="Kế hoạch số 30-KH/TĐTN"),
        "shared": LibraryDocumentFactory(
            organization=politburo, is_shared=True, title="Chỉ thị số 05-CT/TW",
            file=upload(docx_bytes(), "Chi-thi-05-CT-TW.docx"),
        ),
        "foreign": LibraryDocumentFactory(organization=board, title="Tài liệu nội bộ Ban"),
    }


# -- the directive's form: which documents ------------------------------------------------


def test_the_form_offers_the_documents_the_user_may_use_with_name_and_kind(client, places):
    client.force_login(places["approver"])
    html = client.get(ADD_URL).content.decode()

    assert option(places["own"]) + "Kế hoạch số 30-KH/TĐTN — Chi-thi-20-CT-TW.pdf (PDF)" in html
    assert option(places["shared"]) + (
        "Chỉ thị số 05-CT/TW — Chi-thi-05-CT-TW.docx (DOCX)"
    ) in html
    assert option(places["foreign"]) not in html
    assert "Tài liệu nội bộ Ban" not in html
    assert 'name="new_document"' in html


def test_choosing_a_document_links_it(client, places):
    client.force_login(places["approver"])
    response = client.post(ADD_URL, form_data(places["youth"], document=places["shared"].pk))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Directive.objects.get().document == places["shared"]


def test_a_tampered_post_with_another_organisation_s_document_is_refused(client, places):
    client.force_login(places["approver"])
    response = client.post(ADD_URL, form_data(places["youth"], document=places["foreign"].pk))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["document"] == [NOT_USABLE]
    assert NOT_USABLE in response.content.decode()
    assert not Directive.objects.exists()


def test_someone_of_another_organisation_keeps_the_directive_s_document(client, places):
    """The librarian changes every directive; the one they open keeps its document even
    when that is not one they could pick."""
    directive = DirectiveFactory(issuer=places["board"], number="05", symbol="CT/TU",
                                 document=places["foreign"])
    client.force_login(places["librarian"])
    url = reverse("admin:news_directive_change", args=[directive.pk])

    page = client.get(url).content.decode()
    response = client.post(url, form_data(
        places["board"], code="05-CT/TU", title="Trích yếu mới", document=places["foreign"].pk,
    ))

    assert option(places["foreign"], selected=True) in page
    assert option(places["own"]) not in page  # not shared, not the librarian's
    assert response.status_code == 302, response.context["adminform"].form.errors
    directive.refresh_from_db()
    assert (directive.title, directive.document) == ("Trích yếu mới", places["foreign"])


# -- uploading on the form ----------------------------------------------------------------


def test_an_upload_goes_into_the_library_shared_and_is_linked(client, places, media_files):
    client.force_login(places["approver"])
    response = client.post(ADD_URL, form_data(
        places["youth"], new_document=upload(pdf_bytes(), "Chỉ thị 12 Tỉnh Đoàn.pdf"),
    ))

    assert response.status_code == 302, response.context["adminform"].form.errors
    directive = Directive.objects.get()
    document = directive.document
    assert (document.title, document.original_name) == (
        "Chỉ thị số 12-CT/TĐTN", "Chỉ thị 12 Tỉnh Đoàn.pdf"
    )
    assert (document.organization, document.is_shared) == (places["youth"], True)
    assert document.uploaded_by == places["approver"]
    assert document.file.name in media_files()


def test_a_refused_save_keeps_the_upload_chosen_and_the_next_save_uses_it(client, places):
    client.force_login(places["approver"])
    refused = client.post(ADD_URL, form_data(
        places["youth"], title="", new_document=upload(pdf_bytes(), "Chi-thi-12.pdf"),
    ))

    assert refused.status_code == 200
    assert "title" in refused.context["adminform"].form.errors
    document = LibraryDocument.objects.get(original_name="Chi-thi-12.pdf")
    assert document.title == "Chỉ thị số 12-CT/TĐTN"
    assert option(document, selected=True) in refused.content.decode()
    assert "Tệp “Chi-thi-12.pdf” đã vào thư viện tài liệu" in refused.content.decode()
    assert not Directive.objects.exists()

    saved = client.post(ADD_URL, form_data(places["youth"], document=document.pk))

    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert Directive.objects.get().document == document
    assert LibraryDocument.objects.filter(original_name="Chi-thi-12.pdf").count() == 1


def test_an_upload_with_a_wrong_code_is_named_after_its_file(client, places):
    client.force_login(places["approver"])
    response = client.post(ADD_URL, form_data(
        places["youth"], code="không phải số", new_document=upload(pdf_bytes(), "Ke-hoach.pdf"),
    ))

    assert response.status_code == 200
    assert LibraryDocument.objects.get(original_name="Ke-hoach.pdf").title == "Ke hoach"


def test_without_an_issuer_the_upload_goes_to_the_user_s_organisation_or_is_refused(
    client, places
):
    client.force_login(places["approver"])
    kept = client.post(ADD_URL, {
        **form_data(places["youth"], new_document=upload(pdf_bytes(), "Cua-Tinh-Doan.pdf")),
        "issuer": "",
    })
    client.force_login(places["librarian"])  # of no organisation
    refused = client.post(ADD_URL, {
        **form_data(places["youth"], new_document=upload(pdf_bytes(), "Khong-noi-luu.pdf")),
        "issuer": "",
    })

    assert kept.status_code == refused.status_code == 200
    document = LibraryDocument.objects.get(original_name="Cua-Tinh-Doan.pdf")
    assert document.organization == places["youth"]
    assert "Hãy chọn cơ quan ban hành rồi tải tệp lên" in refused.content.decode()
    assert not LibraryDocument.objects.filter(original_name="Khong-noi-luu.pdf").exists()


def test_a_refused_file_stores_nothing(client, places, media_files):
    before = media_files()
    client.force_login(places["approver"])
    response = client.post(ADD_URL, form_data(
        places["youth"], new_document=upload(pdf_bytes(), "Chi-thi.docx"),
    ))

    assert response.status_code == 200
    assert "Nội dung tệp không khớp với đuôi .docx" in response.content.decode()
    assert LibraryDocument.objects.count() == 3
    assert media_files() == before


# -- readers --------------------------------------------------------------------------------


def test_one_document_is_downloaded_from_several_directives_under_its_name(client, places):
    document = places["shared"]
    first = DirectiveFactory(document=document)
    second = DirectiveFactory(issuer=places["youth"], number="12", symbol="KH/TĐTN",
                              document=document)
    link = (f'<a class="button" href="{document.file.url}" download="Chi-thi-05-CT-TW.docx">'
            "Tải toàn văn (DOCX)</a>")

    for directive in (first, second):
        assert link in client.get(directive.get_absolute_url()).content.decode()
    assert "Tải toàn văn" not in client.get(DirectiveFactory().get_absolute_url()).content.decode()


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.usefixtures("page_cache_on")
def test_a_changed_document_renews_the_pages_of_the_directives_offering_it(
    client, places, commits
):
    document = places["own"]
    directives = [DirectiveFactory(document=document),
                  DirectiveFactory(number="99", document=document)]
    for directive in directives:
        client.get(directive.get_absolute_url())
        assert client.get(directive.get_absolute_url())["X-Page-Cache"] == "hit"

    with commits():
        document.original_name = "Chi-thi-20-ban-moi.pdf"
        document.save()

    for directive in directives:
        response = client.get(directive.get_absolute_url())
        assert response["X-Page-Cache"] == "miss"
        assert 'download="Chi-thi-20-ban-moi.pdf"' in response.content.decode()


# -- deleting ----------------------------------------------------------------------------------


def test_a_document_in_use_cannot_be_deleted_until_no_directive_offers_it(places):
    document = places["own"]
    directive = DirectiveFactory(document=document)

    with pytest.raises(ProtectedError):
        document.delete()
    assert LibraryDocument.objects.filter(pk=document.pk).exists()

    directive_delete(directive=directive)
    document.delete()
    assert not LibraryDocument.objects.filter(pk=document.pk).exists()


def test_detaching_the_document_keeps_it_in_the_library(places):
    directive = DirectiveFactory(document=places["own"])
    directive.document = None
    directive_save(directive=directive)
    places["own"].refresh_from_db()
    assert not places["own"].directives.exists()


# -- migration 0023: attachments become library documents ------------------------------------

BEFORE = [("news", "0020_imageuse"), ("library", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_attachments_into_documents_keeping_files_and_names(
    client, media_root, media_files
):
    issuer = OrganizationFactory(name="Bộ Chính trị", level="central")
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    named = "directives/2012/3f0c9d0e6b1a4c55a1e2f7b8c9d0e1f2.pdf"
    unnamed = "directives/2012/chi-thi-20.pdf"  # from before random names
    state = "directives/2022/0a1b2c3d4e5f60718293a4b5c6d7e8f9.docx"
    stored = {named: pdf_bytes(), unnamed: pdf_bytes(), state: docx_bytes()}
    for name, content in stored.items():
        (media_root / name).parent.mkdir(parents=True, exist_ok=True)
        (media_root / name).write_bytes(content)

    executor = migrate(BEFORE)
    old_directive = executor.loader.project_state(BEFORE).apps.get_model("news", "Directive")
    try:
        def old(slug, **fields):
            fields = {"doc_type": "chi_thi", "numbering": "party", "issuer_id": issuer.pk,
                      "issued_on": date(2012, 11, 5), "year": 2012, "title": "Trích yếu",
                      "symbol": "CT/TW", "symbol_key": "CTTW", "slug": slug, **fields}
            fields.setdefault("number_key", fields["number"])
            return old_directive.objects.create(**fields).pk

        ids = {
            "named": old("ct-20", number="20", attachment=named,
                         attachment_original_name="Chi-thi-20-CT-TW.pdf"),
            "old": old("ct-21", number="21", attachment=unnamed),
            "state": old("nd-42", doc_type="nghi_dinh", number="42", symbol="NĐ-CP",
                         symbol_key="NDCP", numbering="state", year=2022,
                         issued_on=date(2022, 6, 24), issuer_id=province.pk,
                         attachment=state,
                         attachment_original_name="Nghị định 42.docx"),
            "none": old("ct-22", number="22"),
        }

        migrate(None)

        directives = {key: Directive.objects.select_related("document").get(pk=pk)
                      for key, pk in ids.items()}
        assert LibraryDocument.objects.count() == 3
        assert directives["none"].document is None
        expected = {
            "named": (named, "Chi-thi-20-CT-TW.pdf", "Chỉ thị số 20-CT/TW", issuer),
            "old": (unnamed, "", "Chỉ thị số 21-CT/TW", issuer),
            "state": (state, "Nghị định 42.docx", "Nghị định số 42/2022/NĐ-CP",
                      province),
        }
        for key, (name, original, title, organization) in expected.items():
            document = directives[key].document
            assert (document.file.name, document.original_name, document.title,
                    document.organization, document.is_shared) == (
                name, original, title, organization, True
            ), key
        assert media_files() == sorted(stored)  # the same files, none copied
        downloads = {
            "named": ("Chi-thi-20-CT-TW.pdf", "PDF"), "old": ("chi-thi-20.pdf", "PDF"),
            "state": ("Nghị định 42.docx", "DOCX"),
        }
        for key, (name, kind) in downloads.items():
            directive = directives[key]
            page = client.get(directive.get_absolute_url()).content.decode()
            assert (f'href="/media/{directive.document.file.name}" download="{name}">'
                    f"Tải toàn văn ({kind})") in page, key

        # Going back puts the attachments back.
        executor = migrate(BEFORE)
        old_directive = executor.loader.project_state(BEFORE).apps.get_model("news", "Directive")
        restored = old_directive.objects.get(pk=ids["named"])
        assert (restored.attachment.name, restored.attachment_original_name) == (
            named, "Chi-thi-20-CT-TW.pdf"
        )

        # And forward again: the same documents, none made twice.
        migrate(None)
        assert LibraryDocument.objects.count() == 3
        assert Directive.objects.get(pk=ids["named"]).document.original_name == (
            "Chi-thi-20-CT-TW.pdf"
        )
    finally:
        migrate(None)
