"""The client's side of cases: the documents the practice asked for, and their upload."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from cases import selectors, services
from cases.forms import DocumentUploadForm
from cases.models import DocumentRequest
from cases.workflow import CLIENT_STATE_LABELS, State


@role_required(Role.CLIENT)
def document_requests(request: HttpRequest) -> HttpResponse:
    items = selectors.document_requests_for_client(user=request.user)
    rows = [
        {
            "request": item,
            "case_status": CLIENT_STATE_LABELS[State(item.case.state)],
            "form": DocumentUploadForm() if item.status == DocumentRequest.Status.OPEN else None,
        }
        for item in items
    ]
    return render(request, "cases/document_requests.html", {"rows": rows})


@role_required(Role.CLIENT)
@require_POST
def document_upload(request: HttpRequest, public_id) -> HttpResponse:
    item = selectors.document_request_get_for_user(user=request.user, public_id=public_id)
    form = DocumentUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose the file to upload.")
        return redirect("cases:requests")
    try:
        services.document_upload(actor=request.user, request=item, upload=form.cleaned_data["file"])
    except services.DocumentRejected as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Thank you, we have your document.")
    return redirect("cases:requests")
