"""Cases: the queue with its filters, one case, and its state changes (the pages' services)."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status as http
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api.access import PRACTICE
from api.audit import api_audit
from api.serializers.cases import (
    NOT_BY_HAND,
    CaseDetailSerializer,
    CaseSerializer,
    TransitionRequestSerializer,
    TransitionResultSerializer,
)
from api.views.base import ApiViewSet
from cases import selectors, services
from cases.deadlines import Urgency
from cases.models import STATE_CHOICES
from cases.workflow import TransitionNotAllowed

QUEUE_PARAMETERS = [
    OpenApiParameter(
        "state",
        str,
        enum=["all", *(v for v, _ in STATE_CHOICES)],
        description="Default: open cases only; `all` includes resolved ones.",
    ),
    OpenApiParameter("notice", str, description="Notice code, e.g. CP14."),
    OpenApiParameter("urgency", str, enum=[u.value for u in Urgency], description="Days left."),
    OpenApiParameter("assignee", str, description="`me`, `none` (unassigned) or a login id."),
    OpenApiParameter("verdict", str, description="Reconciliation action, or `none`."),
    OpenApiParameter("tax_year", int),
    OpenApiParameter("q", str, description="Household name, notice code or caller id."),
]


def _conflict(exc: Exception, code: str) -> Response:
    return Response({"detail": str(exc), "code": code}, status=http.HTTP_409_CONFLICT)


@extend_schema(tags=["cases"])
class CaseViewSet(ApiViewSet):
    roles = {"list": PRACTICE, "retrieve": PRACTICE, "transitions": PRACTICE, "take": PRACTICE}
    serializer_class = CaseSerializer

    def get_queryset(self):
        params = self.request.query_params
        tax_year = params.get("tax_year") or None
        if tax_year is not None and not tax_year.isdigit():
            raise ValidationError({"tax_year": "A year, like 2023."})
        urgency = params.get("urgency", "")
        if urgency and urgency not in {u.value for u in Urgency}:
            raise ValidationError({"urgency": f"One of {', '.join(Urgency)}."})
        return selectors.case_queue_for_user(
            user=self.request.user,
            today=timezone.localdate(),
            state=params.get("state", ""),
            notice=params.get("notice", "").upper(),
            urgency=urgency,
            assignee=params.get("assignee", ""),
            verdict=params.get("verdict", ""),
            tax_year=int(tax_year) if tax_year else None,
            search=params.get("q", ""),
            known_codes=selectors.QUEUE_NOTICE_CODES,
        ).select_related("latest_notice")

    def _case(self):
        return selectors.case_get_for_user(user=self.request.user, public_id=self.kwargs["id"])

    @extend_schema(parameters=QUEUE_PARAMETERS)
    def list(self, request):
        """The case queue, by IRS deadline, narrowed by the queue's own filters."""
        page = self.paginate_queryset(self.get_queryset())
        api_audit(
            request,
            action="api.list",
            resource="cases",
            count=len(page),
            filters={k: v for k, v in request.query_params.items() if k != "page"},
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(responses=CaseDetailSerializer)
    def retrieve(self, request, id=None):
        case = self._case()
        api_audit(request, action="case.view", obj=case)
        return Response(CaseDetailSerializer(case, context=self.get_serializer_context()).data)

    @extend_schema(
        request=TransitionRequestSerializer,
        responses={
            200: TransitionResultSerializer,
            409: OpenApiResponse(
                OpenApiTypes.OBJECT, "Not allowed from this state or for your role, or moved."
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def transitions(self, request, id=None):
        """Move the case along one edge of the workflow (the same service as the case page)."""
        case = self._case()
        form = TransitionRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        if data["name"] in NOT_BY_HAND:
            raise ValidationError(
                {"name": "That change happens by itself (a letter is sent, a notice joins)."}
            )
        try:
            result = services.case_transition(
                actor=request.user,
                case=case,
                name=data["name"],
                expected_state=data.get("expected_state"),
                reason=data.get("reason") or None,
            )
        except TransitionNotAllowed as exc:
            return _conflict(exc, "transition_not_allowed")
        except services.CaseConflict as exc:
            return _conflict(exc, "conflict")
        fresh = self._case()
        body = {
            "changed": result.changed,
            "case": CaseDetailSerializer(fresh, context=self.get_serializer_context()).data,
        }
        return Response(body)

    @extend_schema(request=None, responses={200: CaseDetailSerializer})
    @action(detail=True, methods=["post"])
    def take(self, request, id=None):
        """Take the case (it becomes yours; a new case goes in review), as the Take button."""
        case = self._case()
        try:
            services.case_claim(actor=request.user, case=case)
        except services.CaseConflict as exc:
            return _conflict(exc, "taken")
        return Response(
            CaseDetailSerializer(self._case(), context=self.get_serializer_context()).data
        )
