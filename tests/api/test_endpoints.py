"""What the endpoints do: the queue's filters, state changes through the case services,
uploads through the portal's intake, final PDFs, the dashboard's figures, maintenance."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, CaseEvent
from notices.models import Notice

pytestmark = pytest.mark.django_db


def _ids(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_the_case_list_takes_the_queues_filters(world, api_as):
    c = api_as("partner")
    a, a2, b = (str(x.public_id) for x in (world.case_a, world.case_a2, world.case_b))
    Case.objects.filter(pk=world.case_b.pk).update(
        irs_deadline=timezone.localdate() - timedelta(days=2), assignee=None
    )
    assert _ids(c.get("/api/v1/cases/")) == {a, a2, b}
    assert _ids(c.get("/api/v1/cases/?urgency=overdue")) == {b}
    assert _ids(c.get("/api/v1/cases/?assignee=none")) == {b}
    assert _ids(c.get(f"/api/v1/cases/?assignee={world.users['staff_a'].pk}")) == {a, a2}
    assert _ids(c.get("/api/v1/cases/?state=ready_to_send")) == {a}  # its letter is final
    assert _ids(c.get("/api/v1/cases/?tax_year=2022")) == {a2}
    assert _ids(c.get("/api/v1/cases/?q=300222")) == {b}  # caller id
    assert _ids(c.get(f"/api/v1/cases/?q={world.household_a.primary_last_name}")) >= {a, a2}
    assert _ids(c.get("/api/v1/cases/?notice=cp14")) == {a, a2, b}
    assert _ids(c.get("/api/v1/cases/?notice=CP504")) == set()
    Case.objects.filter(pk=world.case_b.pk).update(state="resolved", resolution_reason="paid")
    assert _ids(c.get("/api/v1/cases/")) == {a, a2}  # open cases by default, as the queue
    assert _ids(c.get("/api/v1/cases/?state=all")) == {a, a2, b}
    assert c.get("/api/v1/cases/?urgency=soon").status_code == 400
    assert c.get("/api/v1/cases/?tax_year=last").status_code == 400
    assert c.get("/api/v1/cases/?q=a%00b").status_code == 400  # found by schemathesis: was 500


def test_the_admin_queue_and_the_api_list_the_same_cases(world, api_as, signed_in):
    from tests.conftest import sign_in

    admin_page = signed_in("partner")
    sign_in(admin_page, world.users["partner"])
    query = "?urgency=due_30&assignee=" + str(world.users["staff_a"].pk)
    page = admin_page.get(reverse("admin:cases_case_changelist") + query)
    in_page = {c.public_id for c in page.context["cl"].result_list}
    assert {str(x) for x in in_page} == _ids(api_as("partner").get("/api/v1/cases/" + query))
    assert in_page  # the filter found something


def test_transitions_go_through_the_case_services(world, api_as):
    c = api_as("staff_a")
    url = reverse("api:case-transitions", kwargs={"id": world.case_a2.public_id})
    post = lambda body: c.post(url, body, content_type="application/json")  # noqa: E731
    moved = post({"name": "start_review", "expected_state": "new"})
    assert moved.status_code == 200 and moved.json()["changed"] is True
    again = post({"name": "start_review", "expected_state": "new"})  # a retried request
    assert again.status_code == 200 and again.json()["changed"] is False
    assert CaseEvent.objects.filter(case=world.case_a2, kind="transition").count() == 1
    names = {t["name"] for t in moved.json()["case"]["transitions"]}
    assert names == {"release", "request_documents", "draft_letter", "resolve"}

    refused = post({"name": "reopen"})
    assert refused.status_code == 409 and refused.json()["code"] == "transition_not_allowed"
    no_reason = post({"name": "resolve"})
    assert no_reason.status_code == 409 and "reason" in no_reason.json()["detail"]
    stale = post({"name": "release", "expected_state": "waiting_on_client"})
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    by_hand = post({"name": "mark_sent"})
    assert by_hand.status_code == 400
    resolved = post({"name": "resolve", "reason": "paid"})
    assert resolved.status_code == 200 and resolved.json()["case"]["state"] == "resolved"
    world.case_a2.refresh_from_db()
    assert world.case_a2.resolution_reason == "paid" and world.case_a2.closed_at
    # Reopening is a partner's move, as on the case page.
    assert post({"name": "reopen"}).status_code == 409
    partner = api_as("partner").post(url, {"name": "reopen"}, content_type="application/json")
    assert partner.status_code == 200 and partner.json()["case"]["state"] == "in_review"


def test_an_upload_is_the_portals_intake(world, api_as):
    from tests.cases_django.conftest import notice_pdf

    data = notice_pdf("CP14", "88.00", "404040") + b"api"
    c = api_as("client_a")
    first = c.post("/api/v1/notices/", {"files": [SimpleUploadedFile("n.pdf", data)]})
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["created"] is True and body["status"] == "received"
    assert body["household"]["id"] == str(world.household_a.public_id)
    assert first["Location"] == f"/api/v1/notices/{body['id']}/"
    notice = Notice.objects.get(public_id=body["id"])
    assert notice.uploaded_by == world.users["client_a"] and notice.files.get().kind == "pdf"
    again = c.post("/api/v1/notices/", {"files": [SimpleUploadedFile("copy.pdf", data)]})
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert again.json()["created"] is False
    fake = SimpleUploadedFile("notice.pdf", b"MZ\x90\x00 not a pdf at all")
    refused = c.post("/api/v1/notices/", {"files": [fake]})
    assert refused.status_code == 400 and "not a PDF or a photo" in refused.json()["detail"]
    nothing = c.post("/api/v1/notices/", {})
    assert nothing.status_code == 400
    staff = api_as("staff_a").post("/api/v1/notices/", {"files": [SimpleUploadedFile("x", data)]})
    assert staff.status_code == 400 and "household" in staff.json()


def test_fields_carry_the_machine_value_the_correction_and_the_evidence(world, api_as):
    from notices.services import notice_field_correct

    notice_field_correct(
        actor=world.users["staff_a"],
        notice=world.notice_a,
        name="amount_due",
        value="1000.00",
        reason="stub shows 1,000",
    )
    url = reverse("api:notice-fields", kwargs={"id": world.notice_a.public_id})
    rows = {f["name"]: f for f in api_as("staff_a").get(url).json()}
    amount = rows["amount_due"]
    assert amount["value"] == "1000.00" and amount["machine_value"] == "1075.21"
    assert amount["corrected"] is True and amount["correction_reason"] == "stub shows 1,000"
    assert rows["caller_id"]["confidence"] == 0.98 and rows["caller_id"]["page"] == 1
    assert rows["caller_id"]["bbox"] == [450.0, 90.0, 520.0, 104.0]
    assert "confirmed" in rows["caller_id"]


def test_the_final_pdf_downloads_and_a_letter_without_one_is_a_404(world, api_as):
    c = api_as("staff_a")
    url = reverse("api:letter-pdf", kwargs={"id": world.letter.public_id})
    response = c.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    packet = c.get(url + "?part=packet")
    letter_only = b"".join(c.get(url).streaming_content)
    assert len(b"".join(packet.streaming_content)) > len(letter_only)
    assert c.get(url + "?part=draft").status_code == 400
    world.letter.versions.update(status="superseded")
    assert c.get(url).status_code == 404
    detail = c.get(reverse("api:letter-detail", kwargs={"id": world.letter.public_id})).json()
    assert detail["final_version"] is None and detail["content"]["paragraphs"]


def test_the_deadline_figures_are_the_dashboards(world, api_as):
    from dashboard.selectors import Filters, dashboard_figures

    body = api_as("partner").get("/api/v1/deadlines/").json()
    figures = dashboard_figures(user=world.users["partner"], filters=Filters())
    assert body["open_total"]["count"] == figures.open_total.count == 3
    assert [b["count"] for b in body["buckets"]] == [f.count for f in figures.buckets]
    assert body["open_total"]["amount"] == f"{figures.open_total.amount:.2f}"
    narrowed = api_as("partner").get(f"/api/v1/deadlines/?staff={world.users['staff_a'].pk}")
    assert narrowed.json()["open_total"]["count"] == 2
    assert api_as("partner").get("/api/v1/deadlines/?min=9&max=1").status_code == 400


def test_files_maintenance_stops_api_uploads_and_downloads(world, api_as):
    from accounts.breakglass import files_maintenance_set
    from audit.models import AuditEvent

    files_maintenance_set(operator="ops@practice.test", on=True, reason="incident")
    c = api_as("staff_a")
    upload = c.post(
        "/api/v1/notices/",
        {
            "household": str(world.household_a.public_id),
            "files": [SimpleUploadedFile("a", b"%PDF-1")],
        },
    )
    assert upload.status_code == 503
    pdf = c.get(reverse("api:letter-pdf", kwargs={"id": world.letter.public_id}))
    assert pdf.status_code == 503
    notice_file = c.get(
        reverse("api:notice-file", kwargs={"id": world.notice_a.public_id, "position": 1})
    )
    assert notice_file.status_code == 503
    assert not AuditEvent.objects.filter(
        action__in=["letter.download", "notice.file_download"]
    ).exists()
    assert c.get("/api/v1/cases/").status_code == 200  # everything else keeps working
