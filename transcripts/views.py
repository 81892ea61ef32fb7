"""Upload pages: staff on the household's records page, clients on their own page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import role_required
from accounts.roles import PRACTICE_ROLES, Role
from audit.services import audit_record
from records.selectors import household_get_for_user
from transcripts import services
from transcripts.selectors import transcript_files_for


def _upload(request: HttpRequest, client) -> bool:
    upload = request.FILES.get("file")
    try:
        record, created = services.transcript_upload(
            actor=request.user, client=client, upload=upload
        )
    except services.UploadRejected as exc:
        messages.error(request, exc.message)
        return False
    if created:
        messages.success(request, f"{record.original_name} uploaded. It will be read in a moment.")
    else:
        messages.info(request, f"{record.original_name} was already uploaded.")
    return True


@role_required(*PRACTICE_ROLES)
@require_POST
def staff_upload(request: HttpRequest, public_id) -> HttpResponse:
    client = household_get_for_user(user=request.user, public_id=public_id)
    _upload(request, client)
    return redirect("records:household", public_id=client.public_id)


@role_required(Role.CLIENT)
@require_http_methods(["GET", "POST"])
def my_transcripts(request: HttpRequest) -> HttpResponse:
    client = request.user.client
    if request.method == "POST":
        _upload(request, client)
        return redirect("transcripts:mine")
    audit_record(action="transcripts.view", actor=request.user, obj=client, request=request)
    files = transcript_files_for(user=request.user, client=client)
    return render(request, "transcripts/my_transcripts.html", {"files": files})
