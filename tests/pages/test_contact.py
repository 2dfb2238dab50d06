import re

import pytest
from django.contrib.auth.models import User
from django.core import mail

from organizations.models import Organization
from pages import contact
from pages.models import ContactMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

URL = "/lien-he/"


def valid_data(**changes):
    data = {
        "name": "Nguyễn Văn An",
        "email": "an.nguyen@example.vn",
        "phone": "0912 345 678",
        "subject": "Hỏi về thủ tục chuyển sinh hoạt Đảng",
        "message": "Tôi muốn hỏi thủ tục chuyển sinh hoạt Đảng tạm thời khi đi làm xa.",
        "website": "",
    }
    data.update(changes)
    return data


def post(client, data, ip="203.0.113.10"):
    return client.post(URL, data, REMOTE_ADDR=ip)


def test_form_page_shows_the_provincial_committee_contacts(client):
    Organization.objects.add_root(
        instance=Organization(
            name="Tỉnh ủy Bến Tre", kind=Organization.Kind.PARTY_COMMITTEE,
            level=Organization.Level.PROVINCE, address="7 Cách Mạng Tháng Tám, phường An Hội",
            phone="0275 3822 111", email="vanphong@bentre.dcs.vn",
        )
    )

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tỉnh ủy Bến Tre" in html
    assert "7 Cách Mạng Tháng Tám, phường An Hội" in html
    assert 'href="tel:02753822111"' in html
    assert 'href="mailto:vanphong@bentre.dcs.vn"' in html
    assert "no-cache" in response["Cache-Control"]


def test_valid_message_is_stored_mailed_and_redirected(client, settings):
    settings.CONTACT_NOTIFY_EMAILS = ["vanphong@bentre.dcs.vn", "bientap@bentre.dcs.vn"]

    response = post(client, valid_data())

    assert response.status_code == 302
    assert response["Location"] == "/lien-he/?da-gui=1"
    message = ContactMessage.objects.get()
    assert (message.name, message.phone, message.ip_address) == (
        "Nguyễn Văn An", "0912 345 678", "203.0.113.10"
    )
    assert not message.is_handled
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["vanphong@bentre.dcs.vn", "bientap@bentre.dcs.vn"]
    assert email.reply_to == ["an.nguyen@example.vn"]
    assert email.subject == "[Liên hệ] Hỏi về thủ tục chuyển sinh hoạt Đảng"
    assert "Người gửi: Nguyễn Văn An" in email.body
    assert f"/admin/pages/contactmessage/{message.pk}/change/" in email.body

    thanks = client.get(response["Location"]).content.decode()
    assert "Cảm ơn bạn đã gửi ý kiến" in thanks


def test_no_mail_without_recipients(client, settings):
    settings.CONTACT_NOTIFY_EMAILS = []
    post(client, valid_data())
    assert ContactMessage.objects.count() == 1
    assert mail.outbox == []


def test_mail_failure_keeps_the_message(client, settings, monkeypatch, caplog):
    settings.CONTACT_NOTIFY_EMAILS = ["vanphong@bentre.dcs.vn"]

    def broken_send(self, fail_silently=False):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken_send)

    response = post(client, valid_data())

    assert response.status_code == 302
    assert ContactMessage.objects.count() == 1
    assert "Could not e-mail the notice" in caplog.text


def test_subject_is_kept_on_one_line(client, settings):
    settings.CONTACT_NOTIFY_EMAILS = ["vanphong@bentre.dcs.vn"]
    post(client, valid_data(subject="Dòng một\r\nBcc: ke-xau@example.com"))
    assert ContactMessage.objects.get().subject == "Dòng một Bcc: ke-xau@example.com"
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("name", "", "Vui lòng nhập họ và tên."),
        ("name", "A" * 121, "Họ và tên không được dài quá 120 ký tự (hiện có 121)."),
        ("email", "", "Vui lòng nhập địa chỉ thư điện tử."),
        ("email", "an.nguyen@", "Địa chỉ thư điện tử không hợp lệ."),
        ("phone", "12345", "Số điện thoại không hợp lệ."),
        ("phone", "0912 345 678 999", "Số điện thoại không hợp lệ."),
        ("phone", "+85 912 345 678", "Số điện thoại không hợp lệ."),
        ("subject", "", "Vui lòng nhập tiêu đề."),
        ("subject", "T" * 201, "Tiêu đề không được dài quá 200 ký tự (hiện có 201)."),
        ("message", "", "Vui lòng nhập nội dung ý kiến."),
        ("message", "Quá ngắn", "Nội dung quá ngắn: cần ít nhất 20 ký tự (hiện có 8)."),
        ("message", "x" * 5001, "Nội dung quá dài: tối đa 5000 ký tự (hiện có 5001)."),
    ],
)
def test_each_invalid_field_gets_its_vietnamese_error_and_input_is_kept(
    client, field, value, error
):
    data = valid_data(**{field: value})

    response = post(client, data)

    assert response.status_code == 200
    assert ContactMessage.objects.count() == 0
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert error in form.errors[field][0]
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="Hỏi về thủ tục chuyển sinh hoạt Đảng"' in html or field == "subject"
    assert "Tôi muốn hỏi thủ tục chuyển sinh hoạt Đảng tạm thời" in html or field == "message"


@pytest.mark.parametrize(
    "phone", ["", "0912345678", "0275 3822 111", "+84 912 345 678", "0912.345.678"]
)
def test_accepted_phone_numbers(client, phone):
    assert post(client, valid_data(phone=phone)).status_code == 302


def test_honeypot_pretends_success_and_stores_nothing(client, settings):
    settings.CONTACT_NOTIFY_EMAILS = ["vanphong@bentre.dcs.vn"]

    response = post(client, valid_data(website="http://spam.example/"))

    assert response.status_code == 302
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


def test_sixth_message_in_an_hour_is_refused_but_other_ips_still_pass(client):
    for number in range(contact.MAX_MESSAGES_PER_IP):
        assert post(client, valid_data(subject=f"Ý kiến số {number + 1}")).status_code == 302

    response = post(client, valid_data(subject="Ý kiến số 6"))

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    html = response.content.decode()
    assert "Bạn đã gửi quá nhiều ý kiến trong một giờ qua." in html
    assert 'value="Ý kiến số 6"' in html  # what was typed is not lost
    assert "Tôi muốn hỏi thủ tục chuyển sinh hoạt Đảng tạm thời" in html
    assert '<nav class="site-nav"' in html  # in the site's look
    assert ContactMessage.objects.count() == 5

    assert post(client, valid_data(), ip="198.51.100.7").status_code == 302
    assert ContactMessage.objects.count() == 6


def test_invalid_submissions_do_not_use_up_the_limit(client):
    for _ in range(contact.MAX_MESSAGES_PER_IP + 2):
        post(client, valid_data(email="sai"))
    assert post(client, valid_data()).status_code == 302


def test_admin_lists_messages_and_marks_them_handled(client):
    admin = User.objects.create_superuser("quantri", "qt@example.vn", "mat-khau-dai-12345")
    client.force_login(admin)
    post(client, valid_data())
    message = ContactMessage.objects.get()

    listing = client.get("/admin/pages/contactmessage/?is_handled__exact=0")
    assert listing.status_code == 200
    assert "Hỏi về thủ tục chuyển sinh hoạt Đảng" in listing.content.decode()

    response = client.post(
        "/admin/pages/contactmessage/",
        {"action": "mark_handled", "_selected_action": [message.pk]},
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.is_handled

    change = client.get(f"/admin/pages/contactmessage/{message.pk}/change/").content.decode()
    assert 'name="message"' not in change  # the reader's text is read-only
    assert client.get("/admin/pages/contactmessage/add/").status_code == 403


def test_an_expired_form_comes_back_with_what_was_typed_and_sends_on_the_second_try():
    from django.test import Client

    reader = Client(enforce_csrf_checks=True)
    data = valid_data(message="Đề nghị cổng đăng thêm văn bản về chuyển đổi số ở xã.")
    response = reader.post("/lien-he/", {**data, "csrfmiddlewaretoken": "het-han"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Ý kiến chưa được gửi vì trang đã mở quá lâu" in page
    assert "Đề nghị cổng đăng thêm văn bản về chuyển đổi số ở xã." in page
    assert f'value="{data["email"]}"' in page
    assert ContactMessage.objects.count() == 0
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    again = reader.post("/lien-he/", {**data, "csrfmiddlewaretoken": token})
    assert again.status_code == 302
    assert ContactMessage.objects.get().message == data["message"]


def test_another_form_refused_for_its_token_gets_the_portals_page_in_vietnamese():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "a"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Chưa gửi được biểu mẫu" in page
    assert "CSRF" not in page
