"""The client's upload page, status polling, downloads, and who may reach each notice."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from notices.models import Notice
from notices.services import notice_read
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_with_notice(client, corpus, household_for, make_user):
    household = household_for(corpus.record("bd06"))
    user = make_user(Role.CLIENT, client=household)
    sign_in(client, user)
    response = client.post(reverse("notices:list"), {"files": corpus.uploads("bd06")})
    notice = Notice.objects.get(client=household)
    assert response["Location"] == reverse("notices:detail", args=[notice.public_id])
    return client, notice


def test_the_status_fragment_polls_until_read_then_shows_the_summary(client_with_notice, corpus):
    client, notice = client_with_notice
    fragment = client.get(reverse("notices:status", args=[notice.public_id])).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "reading your notice" in fragment
    notice_read(notice_id=notice.pk)
    fragment = client.get(reverse("notices:status", args=[notice.public_id])).content.decode()
    assert "hx-trigger" not in fragment  # polling stops
    expected = corpus.record("bd06")["expected"]
    assert f"This is notice {expected['notice_type']}" in fragment
    assert "Is it genuine?" in fragment and "What happens next?" in fragment
    amount = f"{float(expected['amount_due']):,.2f}"
    assert f"${amount}" in fragment


def test_downloads_are_attachments_that_are_never_cached(client_with_notice, corpus):
    client, notice = client_with_notice
    response = client.get(reverse("notices:file", args=[notice.public_id, 1]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content) == corpus.paths("bd06")[0].read_bytes()


def test_another_household_gets_404_for_every_notice_url(client_with_notice, make_user, client):
    _, notice = client_with_notice
    intruder = make_user(Role.CLIENT)
    sign_in(client, intruder)
    for name, args in [
        ("notices:detail", [notice.public_id]),
        ("notices:status", [notice.public_id]),
        ("notices:file", [notice.public_id, 1]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name


def test_staff_reach_notices_of_their_households_only(client_with_notice, make_user, client):
    _, notice = client_with_notice
    outsider = make_user(Role.STAFF)
    sign_in(client, outsider)
    assert client.get(reverse("notices:staff_detail", args=[notice.public_id])).status_code == 404
    notice.client.assigned_staff = outsider
    notice.client.save()
    page = client.get(reverse("notices:staff_detail", args=[notice.public_id]))
    assert page.status_code == 200


def test_a_refused_upload_says_what_to_do_and_stores_nothing(client, make_user):
    user = make_user(Role.CLIENT)
    sign_in(client, user)
    fake = SimpleUploadedFile("notice.pdf", b"PK\x03\x04 a zip pretending to be a PDF")
    response = client.post(reverse("notices:list"), {"files": [fake]})
    assert response.status_code == 200
    assert "is not a PDF or a photo" in response.content.decode()
    assert not Notice.objects.exists()


def test_clients_cannot_set_server_owned_fields_through_the_upload(
    client, corpus, household_for, make_user
):
    household = household_for(corpus.record("bd07"))
    other = household_for(corpus.record("bd08"))
    user = make_user(Role.CLIENT, client=household)
    sign_in(client, user)
    client.post(
        reverse("notices:list"),
        {
            "files": corpus.uploads("bd07"),
            "status": "read",
            "client": other.pk,
            "amount_due": "0.00",
            "notice_type": "CP2000",
        },
    )
    notice = Notice.objects.get()
    assert notice.client == household and notice.status == "received"
    assert notice.amount_due is None and notice.notice_type == ""


def test_staff_correct_a_field_from_the_review_page(client_with_notice, make_user, client):
    _, notice = client_with_notice
    notice_read(notice_id=notice.pk)
    staff = make_user(Role.STAFF)
    notice.client.assigned_staff = staff
    notice.client.save()
    sign_in(client, staff)
    url = reverse("notices:correct", args=[notice.public_id])
    bad = client.post(url, {"name": "pay_by_date", "value": "next tuesday"}, follow=True)
    assert "not a valid value" in bad.content.decode()
    client.post(url, {"name": "pay_by_date", "value": "2026-12-31", "reason": "typo"})
    notice.refresh_from_db()
    assert notice.pay_by_date.isoformat() == "2026-12-31"
