from django.http import FileResponse
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError


class ApiViewSet(viewsets.GenericViewSet):
    """Objects are addressed by their public id (a UUID), never a guessable number.

    ``roles`` maps each action to the roles that may call it (``api.access``).
    """

    roles: dict = {}
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_converter = "uuid"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # PostgreSQL text cannot hold NUL; a filter carrying one is bad input, not a 500.
        bad = sorted(k for k, v in request.query_params.items() if "\x00" in v or "\x00" in k)
        if bad:
            raise ValidationError({name: "Contains a NUL character." for name in bad})


def private_file_response(handle, *, filename: str, content_type: str | None = None):
    """A stored file as an attachment: never sniffed, never cached (as the pages serve them)."""
    response = FileResponse(
        handle.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
