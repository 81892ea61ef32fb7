"""The client's notices (upload, live status, plain-English summary) and staff's reading view."""

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import passive_view, role_required
from accounts.roles import PRACTICE_ROLES, Role
from audit.services import audit_read, audit_record
from cases.workflow import CLIENT_STATE_LABELS, State
from common.downloads import private_file_response
from common.labels import field_label
from dashboard.selectors import notice_timeline_for_client
from notices import answers
from notices.explain import explain_notice
from notices.forms import FieldCorrectionForm, LegitimacyForm, NoticeUploadForm
from notices.models import NoticeStatus
from notices.selectors import (
    notice_file_get_for_user,
    notice_get_for_user,
    notice_list_for_client,
)
from notices.services import (
    UploadRejected,
    notice_field_correct,
    notice_legitimacy_set,
    notice_upload,
)
from poa.selectors import poa_needed_for
from records.reconciliation.recommend import plain_missing as answers_missing
from records.selectors import reconciliation_for_notice_page

EVERYONE = (Role.CLIENT, *PRACTICE_ROLES)
MAX_STATUS_POLLS = 600  # one a second: the page stops asking after 10 minutes


@role_required(Role.CLIENT)
@require_http_methods(["GET", "POST"])
def notice_list(request: HttpRequest) -> HttpResponse:
    """The client's home: upload a notice, and every notice of the household."""
    form = NoticeUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = notice_upload(
                actor=request.user,
                client=request.user.client,
                files=form.cleaned_data["files"],
            )
        except UploadRejected as exc:
            form.add_error("files", exc.message)
        else:
            if not outcome.created:
                messages.info(request, "You already uploaded this notice; here it is.")
            return redirect("notices:detail", public_id=outcome.notice.public_id)
    notices = notice_list_for_client(user=request.user)
    return render(
        request,
        "notices/notice_list.html",
        {"client": request.user.client, "notices": notices, "form": form},
    )


def _context(notice) -> dict:
    explanation = None
    if notice.status == NoticeStatus.READ:
        explanation = explain_notice(
            notice_type=notice.notice_type,
            tax_year=notice.tax_year,
            amount_due=notice.amount_due,
            pay_by=notice.pay_by_date,
            legitimacy=notice.legitimacy,
            today=timezone.localdate(),
            amount_confirmed=notice.amount_confirmed,
            pay_by_confirmed=notice.pay_by_confirmed,
            legitimacy_by_staff=notice.legitimacy_set_by_staff,
            signs=notice.legitimacy_signs,
        )
    reconciliation = reconciliation_for_notice_page(notice=notice)
    context = {"notice": notice, "explanation": explanation, "reconciliation": reconciliation}
    if explanation is not None:
        context.update(_answers(notice, reconciliation, today=timezone.localdate()))
    return context


def _answers(notice, reconciliation, *, today) -> dict:
    """The fuller answers (overdue, amount, options) from the plain module notices.answers."""
    code = notice.notice_type or ""
    rec = reconciliation.recommendation if reconciliation else {}
    return {
        "overdue": answers.overdue_answer(
            code=code,
            pay_by=notice.pay_by_date if notice.pay_by_confirmed else None,
            today=today,
            amount_due=notice.amount_due,
            legitimacy=notice.legitimacy,
        ),
        "amount": answers.amount_answer(
            code=code,
            unconfirmed=list(notice.unconfirmed_fields),
            checks=list(notice.checks),
            tax_year=notice.tax_year,
            reconciliation_inputs=reconciliation.inputs if reconciliation else None,
            missing=[answers_missing(m) for m in rec.get("missing") or []],
        ),
        "options": (
            answers.payment_options(amount_due=notice.amount_due)
            if answers.is_a_bill(
                code=code, amount_due=notice.amount_due, legitimacy=notice.legitimacy
            )
            else []
        ),
        "spouse_and_wrong_year": answers.SPOUSE_AND_WRONG_YEAR,
        "recommendation_text": reconciliation.client_text_on(today) if reconciliation else "",
    }


@role_required(*EVERYONE)
def notice_detail(request: HttpRequest, public_id) -> HttpResponse:
    notice = notice_get_for_user(user=request.user, public_id=public_id)
    if request.user.is_practice:
        return redirect("notices:staff_detail", public_id=notice.public_id)
    audit_read(request=request, action="notice.view", obj=notice)
    timeline = notice_timeline_for_client(notice=notice)
    context = {
        **_context(notice),
        "timeline": timeline,
        "poa_needed": poa_needed_for(notice),
        "next_poll": 1,
        "timeline_poll": 1,
    }
    return render(request, "notices/notice_detail.html", context)


def _poll_number(request: HttpRequest) -> int:
    raw = request.GET.get("poll", "1")
    return int(raw) if raw.isdigit() and len(raw) <= 6 else 1


@passive_view
@role_required(*EVERYONE)
def notice_status(request: HttpRequest, public_id) -> HttpResponse:
    """The polled fragment: status until the notice is read, then the summary.

    The page polls it every second while the notice is not final, for at most
    MAX_STATUS_POLLS polls (10 minutes); each answer asks for the next poll by number.
    Polls are not activity (``passive_view``): they never extend the idle timeout.
    """
    notice = notice_get_for_user(user=request.user, public_id=public_id)
    audit_read(request=request, action="notice.view", obj=notice)  # once per visit
    poll = _poll_number(request)
    context = {**_context(notice), "next_poll": poll + 1 if poll < MAX_STATUS_POLLS else None}
    response = render(request, "notices/_status.html", context)
    response["Cache-Control"] = "no-store"
    return response


MAX_TIMELINE_POLLS = 720  # one every 5 s: the page stops asking after an hour


@passive_view
@role_required(Role.CLIENT)
def notice_timeline(request: HttpRequest, public_id) -> HttpResponse:
    """The polled "Where your notice stands": it follows the case as staff and partners act.

    Reads only (the page's own GET audited the visit); polled every 5 s until the case is
    resolved, for at most MAX_TIMELINE_POLLS polls.
    """
    notice = notice_get_for_user(user=request.user, public_id=public_id)
    poll = _poll_number(request)
    timeline = notice_timeline_for_client(notice=notice)
    finished = timeline.now == CLIENT_STATE_LABELS[State.RESOLVED]
    context = {
        "notice": notice,
        "timeline": timeline,
        "timeline_poll": poll + 1 if poll < MAX_TIMELINE_POLLS and not finished else None,
    }
    response = render(request, "dashboard/_client_timeline.html", context)
    response["Cache-Control"] = "no-store"
    return response


@role_required(*EVERYONE)
def notice_file_download(request: HttpRequest, public_id, position: int) -> FileResponse:
    record = notice_file_get_for_user(
        user=request.user, notice_public_id=public_id, position=position
    )
    audit_record(
        action="notice.file_download",
        actor=request.user,
        obj=record.notice,
        request=request,
        detail={"position": position},
    )
    return private_file_response(record.file, kind=record.kind, original_name=record.original_name)


@role_required(*PRACTICE_ROLES)
def notice_staff_detail(request: HttpRequest, public_id) -> HttpResponse:
    notice = notice_get_for_user(user=request.user, public_id=public_id)
    audit_read(request=request, action="notice.view", obj=notice)
    context = _context(notice)
    context.update(
        {
            "fields": notice.fields.order_by("name"),
            "files": notice.files.order_by("position"),
            "pages": notice.pages.order_by("number"),
            "correction_form": FieldCorrectionForm(),
            "legitimacy_form": LegitimacyForm(
                initial={"verdict": notice.legitimacy if notice.legitimacy_set_by_staff else ""}
            ),
        }
    )
    return render(request, "notices/staff_detail.html", context)


@role_required(*PRACTICE_ROLES)
@require_POST
def notice_legitimacy_view(request: HttpRequest, public_id) -> HttpResponse:
    """Staff set the verdict (genuine or scam) with a reason; the client page follows."""
    notice = notice_get_for_user(user=request.user, public_id=public_id)
    form = LegitimacyForm(request.POST)
    if form.is_valid():
        notice_legitimacy_set(
            actor=request.user,
            notice=notice,
            verdict=form.cleaned_data["verdict"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, "Verdict saved. The client's page now shows it.")
    else:
        errors = [e for errs in form.errors.values() for e in errs]
        messages.error(request, "Verdict not saved: " + " ".join(errors))
    return redirect("notices:staff_detail", public_id=notice.public_id)


@role_required(*PRACTICE_ROLES)
@require_POST
def notice_field_correct_view(request: HttpRequest, public_id) -> HttpResponse:
    notice = notice_get_for_user(user=request.user, public_id=public_id)
    form = FieldCorrectionForm(request.POST)
    if form.is_valid():
        notice_field_correct(
            actor=request.user,
            notice=notice,
            name=form.cleaned_data["name"],
            value=form.cleaned_data["value"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, f"Corrected {field_label(form.cleaned_data['name'])}.")
    else:
        messages.error(request, " ".join(form.errors.get("__all__", ["Check the value."])))
    return redirect("notices:staff_detail", public_id=notice.public_id)
