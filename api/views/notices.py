"""Notices: upload (the portal's own intake service), status, fields, legitimacy, files."""

import uuid

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status as http
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api.access import EVERYONE, PRACTICE
from api.audit import api_audit
from api.serializers.notices import (
    NoticeFieldSerializer,
    NoticeSerializer,
    NoticeStatusSerializer,
    NoticeUploadedSerializer,
    NoticeUploadSerializer,
)
from api.throttling import BurstThrottle, SustainedThrottle, UploadThrottle
from api.views.base import ApiViewSet
from clients.selectors import client_get_for_user
from common.downloads import private_file_response as typed_file_response
from notices.models import Notice, NoticeStatus
from notices.selectors import notice_file_get_for_user, notice_get_for_user
from notices.services import UploadRejected, notice_upload


def _uuid(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ValidationError({"household": "Not a household id."}) from None


@extend_schema(tags=["notices"])
class NoticeViewSet(ApiViewSet):
    roles = {
        "list": EVERYONE,
        "retrieve": EVERYONE,
        "create": EVERYONE,
        "status": EVERYONE,
        "fields": PRACTICE,
        "file": EVERYONE,
    }
    serializer_class = NoticeSerializer
    throttle_classes = [BurstThrottle, SustainedThrottle, UploadThrottle]

    def get_serializer_context(self):
        user = self.request.user
        return {**super().get_serializer_context(), "practice": bool(user and user.is_practice)}

    def get_queryset(self):
        return (
            Notice.objects.visible_to(self.request.user)
            .select_related("client", "case_link__case")
            .prefetch_related("files")
            .order_by("-created_at", "-pk")
        )

    def _notice(self) -> Notice:
        return notice_get_for_user(user=self.request.user, public_id=self.kwargs["id"])

    @extend_schema(
        parameters=[
            OpenApiParameter("household", OpenApiTypes.UUID, description="Only this household."),
            OpenApiParameter("status", str, enum=NoticeStatus.values),
        ]
    )
    def list(self, request):
        qs = self.get_queryset()
        if request.query_params.get("household"):
            qs = qs.filter(client__public_id=_uuid(request.query_params["household"]))
        if request.query_params.get("status"):
            qs = qs.filter(status=request.query_params["status"])
        page = self.paginate_queryset(qs)
        api_audit(request, action="api.list", resource="notices", count=len(page))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, id=None):
        notice = self._notice()
        api_audit(request, action="notice.view", obj=notice)
        return Response(self.get_serializer(notice).data)

    @extend_schema(
        request={"multipart/form-data": NoticeUploadSerializer},
        responses={
            201: NoticeUploadedSerializer,
            200: OpenApiResponse(NoticeUploadedSerializer, "Uploaded before: that notice."),
            400: OpenApiResponse(description="The file was refused; `detail` says why."),
        },
    )
    def create(self, request):
        """Upload a notice: a PDF, or photos of its pages (JPEG, PNG, HEIC), in order.

        The same intake as the portal's upload: type by content, 25 MB per file, one notice
        per file however often it is sent, private storage, then the worker reads it. Poll
        `status/`, or subscribe to the `notice.read` webhook.
        """
        user = request.user
        files = request.FILES.getlist("files")
        household_id = request.data.get("household")
        if user.is_client:
            household = user.client
            if household_id and str(household_id) != str(household.public_id):
                raise ValidationError({"household": "You can upload to your own household only."})
        else:
            if not household_id:
                raise ValidationError({"household": "Say which household the notice is for."})
            household = client_get_for_user(user=user, public_id=_uuid(household_id))
        try:
            outcome = notice_upload(actor=user, client=household, files=files)
        except UploadRejected as exc:
            return Response({"detail": exc.message}, status=http.HTTP_400_BAD_REQUEST)
        notice = self.get_queryset().get(pk=outcome.notice.pk)
        context = {**self.get_serializer_context(), "created": outcome.created}
        body = NoticeUploadedSerializer(notice, context=context).data
        return Response(
            body,
            status=http.HTTP_201_CREATED if outcome.created else http.HTTP_200_OK,
            headers={"Location": f"{request.path.rstrip('/')}/{notice.public_id}/"},
        )

    @extend_schema(responses=NoticeStatusSerializer)
    @action(detail=True, methods=["get"])
    def status(self, request, id=None):
        """Whether the notice is read yet (cheap to poll; not audited, like the page's poll)."""
        response = Response(NoticeStatusSerializer(self._notice()).data)
        response["Cache-Control"] = "no-store"
        return response

    @extend_schema(responses=NoticeFieldSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def fields(self, request, id=None):
        """Every extracted field with its evidence, confirmation and any staff correction."""
        notice = self._notice()
        api_audit(request, action="notice.view", obj=notice, part="fields")
        found = notice.fields.select_related("corrected_by").order_by("name")
        return Response(NoticeFieldSerializer(found, many=True).data)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="files/<int:position>")
    def file(self, request, id=None, position=None):
        """One uploaded file of the notice, as it was sent (attachment, never cached)."""
        record = notice_file_get_for_user(
            user=request.user, notice_public_id=id, position=int(position)
        )
        api_audit(
            request, action="notice.file_download", obj=record.notice, position=record.position
        )
        return typed_file_response(
            record.file, kind=record.kind, original_name=record.original_name
        )
