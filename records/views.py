"""Client: payments already made. Staff: household records, and each notice's reconciliation."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import role_required
from accounts.roles import PRACTICE_ROLES, Role
from audit.services import audit_read, audit_record
from common.downloads import private_file_response
from notices.selectors import notice_get_for_user
from records import services
from records.forms import (
    HouseholdFactsForm,
    InstallmentForm,
    LevyNoticeForm,
    OverrideForm,
    PaymentForm,
    PaymentsCsvForm,
    PriorPenaltyForm,
    TaxReturnForm,
)
from records.selectors import (
    household_get_for_user,
    household_records,
    payment_get_for_user,
    payment_list_for_client,
    reconciliation_current_for_notice,
    reconciliation_history_for_notice,
)
from transcripts.selectors import transcript_files_for

EVERYONE = (Role.CLIENT, *PRACTICE_ROLES)

# -- client ---------------------------------------------------------------------------------


@role_required(Role.CLIENT)
@require_http_methods(["GET", "POST"])
def my_payments(request: HttpRequest) -> HttpResponse:
    """'Payments I already made': add one with its proof, and see the household's list."""
    client = request.user.client
    form = PaymentForm(request.POST or None, request.FILES or None, client=client)
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_add_by_client(
                actor=request.user, client=client, **form.service_fields()
            )
        except services.RecordRejected as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Thank you. We saved the payment and will check it.")
            return redirect("records:my_payments")
    audit_read(request=request, action="payments.view", obj=client)
    payments = payment_list_for_client(user=request.user)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "records/my_payments.html",
        {"client": client, "form": form, "payments": payments},
        status=status,
    )


@role_required(*EVERYONE)
def payment_proof_download(request: HttpRequest, public_id) -> FileResponse:
    payment = payment_get_for_user(user=request.user, public_id=public_id)
    if not payment.proof:
        raise Http404("No proof on file.")
    audit_record(
        action="payment.proof_download",
        actor=request.user,
        obj=payment.client,
        request=request,
        detail={"payment": str(payment.public_id)},
    )
    return private_file_response(
        payment.proof, kind=payment.proof_type, original_name=payment.proof_name or "proof"
    )


# -- staff: household records ----------------------------------------------------------------


def _household_page(request, client, status: int = 200, **forms) -> HttpResponse:
    context = household_records(user=request.user, client=client)
    context.update(
        {
            "client": client,
            "return_form": forms.get("return_form")
            or TaxReturnForm(initial={"filing_status": client.filing_status}),
            "payment_form": forms.get("payment_form") or PaymentForm(client=client),
            "csv_form": forms.get("csv_form") or PaymentsCsvForm(),
            "csv_result": forms.get("csv_result"),
            "installment_form": forms.get("installment_form") or InstallmentForm(),
            "levy_form": forms.get("levy_form") or LevyNoticeForm(),
            "penalty_form": forms.get("penalty_form") or PriorPenaltyForm(),
            "facts_form": forms.get("facts_form") or HouseholdFactsForm(instance=context["facts"]),
            "transcript_files": transcript_files_for(user=request.user, client=client),
        }
    )
    return render(request, "records/household.html", context, status=status)


@role_required(*PRACTICE_ROLES)
def household_view(request: HttpRequest, public_id) -> HttpResponse:
    client = household_get_for_user(user=request.user, public_id=public_id)
    audit_read(request=request, action="records.view", obj=client)
    return _household_page(request, client)


def _save(request, client, form, name: str, call, success: str) -> HttpResponse:
    """Validate `form`, call the service, and come back to the records page."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except services.RecordRejected as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, success)
            return redirect("records:household", public_id=client.public_id)
    return _household_page(request, client, status=400, **{name: form})


@role_required(*PRACTICE_ROLES)
@require_POST
def tax_return_save(request: HttpRequest, public_id) -> HttpResponse:
    client = household_get_for_user(user=request.user, public_id=public_id)
    form = TaxReturnForm(request.POST)
    return _save(
        request,
        client,
        form,
        "return_form",
        lambda d: services.tax_return_upsert(actor=request.user, client=client, **d),
        "Return saved. The notices for that year are being re-checked.",
    )


@role_required(*PRACTICE_ROLES)
@require_POST
def staff_payment_add(request: HttpRequest, public_id) -> HttpResponse:
    client = household_get_for_user(user=request.user, public_id=public_id)
    form = PaymentForm(request.POST, request.FILES, client=client)
    return _save(
        request,
        client,
        form,
        "payment_form",
        lambda _d: services.payment_add_by_staff(
            actor=request.user, client=client, **form.service_fields()
        ),
        "Payment saved.",
    )


@role_required(*PRACTICE_ROLES)
@require_POST
def payments_import(request: HttpRequest, public_id) -> HttpResponse:
    client = household_get_for_user(user=request.user, public_id=public_id)
    form = PaymentsCsvForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            result = services.payments_import_csv(
                actor=request.user, client=client, file=form.cleaned_data["file"]
            )
        except services.RecordRejected as exc:
            form.add_error("file", exc.message)
        else:
            if result.ok:
                skipped = len(result.skipped_duplicates)
                messages.success(
                    request,
                    f"Imported {len(result.created)} payment(s)"
                    + (f"; skipped {skipped} already on file." if skipped else "."),
                )
                return redirect("records:household", public_id=client.public_id)
            return _household_page(request, client, status=400, csv_form=form, csv_result=result)
    return _household_page(request, client, status=400, csv_form=form)


@role_required(*PRACTICE_ROLES)
@require_POST
def installment_save(request: HttpRequest, public_id) -> HttpResponse:
    client = household_get_for_user(user=request.user, public_id=public_id)
    return _save(
        request,
        client,
        InstallmentForm(request.POST),
        "installment_form",
        lambda d: services.installment_add(actor=request.user, client=client, **d),
        "Installment agreement saved.",
    )


@role_required(*PRACTICE_ROLES)
@require_POST
def levy_notice_save(request: HttpRequest, public_id) -> HttpResponse:
    client = household_get_for_user(user=request.user, public_id=public_id)
    return _save(
        request,
        client,
        LevyNoticeForm(request.POST),
        "levy_form",
        lambda d: services.levy_notice_add(actor=request.user, client=client, **d),
        "Levy notice saved.",
    )


@role_required(*PRACTICE_ROLES)
@require_POST
def prior_penalty_save(request: HttpRequest, public_id) -> HttpResponse:
    client = household_get_for_user(user=request.user, public_id=public_id)
    return _save(
        request,
        client,
        PriorPenaltyForm(request.POST),
        "penalty_form",
        lambda d: services.prior_penalty_add(actor=request.user, client=client, **d),
        "Prior penalty saved.",
    )


@role_required(*PRACTICE_ROLES)
@require_POST
def household_facts_save(request: HttpRequest, public_id) -> HttpResponse:
    client = household_get_for_user(user=request.user, public_id=public_id)
    return _save(
        request,
        client,
        HouseholdFactsForm(request.POST),
        "facts_form",
        lambda d: services.household_facts_update(actor=request.user, client=client, **d),
        "Household facts saved.",
    )


@role_required(*PRACTICE_ROLES)
@require_POST
def payment_verify(request: HttpRequest, public_id) -> HttpResponse:
    payment = payment_get_for_user(user=request.user, public_id=public_id)
    if services.payment_verify(actor=request.user, payment=payment):
        messages.success(request, f"Verified the payment of ${payment.amount:,.2f}.")
    else:
        messages.info(request, "That payment was already verified.")
    return redirect("records:household", public_id=payment.client.public_id)


# -- staff: a notice's reconciliation --------------------------------------------------------


def _reconciliation_page(request, notice, form=None, status: int = 200) -> HttpResponse:
    current = reconciliation_current_for_notice(user=request.user, notice=notice)
    initial = {"action": current.effective_action} if current else None
    return render(
        request,
        "records/reconciliation.html",
        {
            "notice": notice,
            "reconciliation": current,
            "history": reconciliation_history_for_notice(user=request.user, notice=notice),
            "override_form": form or OverrideForm(initial=initial),
        },
        status=status,
    )


@role_required(*PRACTICE_ROLES)
def reconciliation_view(request: HttpRequest, public_id) -> HttpResponse:
    notice = notice_get_for_user(user=request.user, public_id=public_id)
    audit_read(request=request, action="reconciliation.view", obj=notice)
    return _reconciliation_page(request, notice)


@role_required(*PRACTICE_ROLES)
@require_POST
def reconciliation_override(request: HttpRequest, public_id) -> HttpResponse:
    notice = notice_get_for_user(user=request.user, public_id=public_id)
    current = reconciliation_current_for_notice(user=request.user, notice=notice)
    if current is None:
        raise Http404("Nothing to override yet.")
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            services.reconciliation_override(
                actor=request.user,
                reconciliation=current,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except services.ReconciliationRejected as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Recommendation overridden.")
            return redirect("records:reconciliation", public_id=notice.public_id)
    return _reconciliation_page(request, notice, form=form, status=400)


@role_required(*PRACTICE_ROLES)
@require_POST
def reconciliation_rerun(request: HttpRequest, public_id) -> HttpResponse:
    """Run now, in the request (milliseconds): after a rate edit, or if the broker was down."""
    notice = notice_get_for_user(user=request.user, public_id=public_id)
    outcome = services.reconciliation_run(notice_id=notice.pk)
    if outcome.created:
        messages.success(request, "Reconciled again with the current records and rates.")
    elif outcome.reconciliation is not None:
        messages.info(request, "Nothing changed since the last reconciliation.")
    else:
        messages.error(request, f"Cannot reconcile this notice: {outcome.skipped}.")
    return redirect("records:reconciliation", public_id=notice.public_id)
