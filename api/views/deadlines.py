from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api.access import PARTNERS
from api.serializers.deadlines import DeadlineFiguresSerializer
from dashboard.forms import DashboardFilterForm
from dashboard.selectors import Filters, dashboard_figures, staff_choices
from dashboard.views import NOTICE_CODES


class DeadlineFiguresView(APIView):
    """The partner dashboard's figures: every open case by deadline, waiting, aging, staff."""

    roles = {"get": PARTNERS}

    @extend_schema(
        tags=["deadlines"],
        parameters=[
            OpenApiParameter("staff", str, description="A login id, or `none` (unassigned)."),
            OpenApiParameter("notice", str, description="Notice code, e.g. CP504."),
            OpenApiParameter("min", str, description="Amount due from ($)."),
            OpenApiParameter("max", str, description="Amount due up to ($)."),
        ],
        responses=DeadlineFiguresSerializer,
    )
    def get(self, request):
        form = DashboardFilterForm(
            request.query_params or None, staff=staff_choices(), codes=NOTICE_CODES
        )
        if form.is_bound and not form.is_valid():
            raise ValidationError(form.errors)
        filters = form.filters() if form.is_bound else Filters()
        figures = dashboard_figures(user=request.user, filters=filters)
        return Response(DeadlineFiguresSerializer(figures).data)
