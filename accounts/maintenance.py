"""While files maintenance is on (`manage.py files_maintenance on`), no file goes in or out.

Uploads (any multipart POST) and the known download routes are refused before the view
runs, so nothing is read, stored or audited as served; any other view that answers with
a file is caught on the way out. Pages without files keep working.
"""

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

from accounts.breakglass import files_maintenance_is_on

FILE_ROUTES = frozenset(
    {
        "notices:file",
        "records:proof",
        "cases:request_upload",
        "admin:cases_case_page_image",
        "admin:cases_case_document",
        "admin:letters_pdf",
        "api:notice-file",
        "api:letter-pdf",
    }
)
MESSAGE = (
    "File uploads and downloads are paused for maintenance. Your other pages still work; "
    "please try again later."
)


def _refused() -> HttpResponse:
    response = HttpResponse(f"<!doctype html><title>Paused</title><p>{MESSAGE}</p>", status=503)
    response["Retry-After"] = "3600"
    response["Cache-Control"] = "no-store"
    return response


def _is_file_request(request) -> bool:
    if request.method == "POST" and request.content_type == "multipart/form-data":
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in FILE_ROUTES


class FilesMaintenanceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if isinstance(response, FileResponse | StreamingHttpResponse) and files_maintenance_is_on():
            response.close()
            return _refused()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _is_file_request(request) and files_maintenance_is_on():
            return _refused()
        return None
