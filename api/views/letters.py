from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from api.access import PRACTICE
from api.audit import api_audit
from api.serializers.letters import LetterDetailSerializer, LetterSerializer
from api.views.base import ApiViewSet, private_file_response
from letters.selectors import letter_final_version, letter_get_for_user, letter_list_for_user

PARTS = ("letter", "packet")


@extend_schema(tags=["letters"])
class LetterViewSet(ApiViewSet):
    roles = {"list": PRACTICE, "retrieve": PRACTICE, "pdf": PRACTICE}
    serializer_class = LetterSerializer

    def get_queryset(self):
        return letter_list_for_user(user=self.request.user)

    @extend_schema(parameters=[OpenApiParameter("case", OpenApiTypes.UUID)])
    def list(self, request):
        qs = self.get_queryset()
        case = request.query_params.get("case")
        if case:
            import uuid

            try:
                qs = qs.filter(case__public_id=uuid.UUID(case))
            except ValueError:
                raise ValidationError({"case": "Not a case id."}) from None
        page = self.paginate_queryset(qs)
        api_audit(request, action="api.list", resource="letters", count=len(page))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(responses=LetterDetailSerializer)
    def retrieve(self, request, id=None):
        letter = letter_get_for_user(user=request.user, public_id=id)
        api_audit(request, action="letter.view", obj=letter.case, letter=str(letter.public_id))
        return Response(LetterDetailSerializer(letter).data)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "part",
                str,
                enum=[*PARTS],
                description="`letter` (default): the letter alone; `packet`: with enclosures.",
            )
        ],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, id=None):
        """The final version's PDF. 404 until a partner-approved version is final."""
        part = request.query_params.get("part", "letter")
        if part not in PARTS:
            raise ValidationError({"part": "letter or packet."})
        letter = letter_get_for_user(user=request.user, public_id=id)
        final = letter_final_version(letter)
        file = getattr(final, "pdf" if part == "letter" else "packet", None)
        if not file:
            raise NotFound("This letter has no final version yet.")
        api_audit(
            request,
            action="letter.download",
            obj=letter.case,
            version=final.number,
            which=part,
            letter=str(letter.public_id),
        )
        name = f"{letter.kind}-v{final.number}-{part}.pdf"
        return private_file_response(file, filename=name, content_type="application/pdf")
