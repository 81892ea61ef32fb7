from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api.access import PRACTICE
from api.audit import api_audit
from api.serializers.households import HouseholdSerializer
from api.views.base import ApiViewSet
from clients.selectors import client_get_for_user, client_list_for_user


@extend_schema(tags=["households"])
class HouseholdViewSet(ApiViewSet):
    """Taxpayer households the login may see: their own (staff), or all (partners)."""

    roles = {"list": PRACTICE, "retrieve": PRACTICE}
    serializer_class = HouseholdSerializer

    def get_queryset(self):
        return client_list_for_user(user=self.request.user)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        api_audit(request, action="api.list", resource="households", count=len(page))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, id=None):
        household = client_get_for_user(user=request.user, public_id=id)
        api_audit(request, action="household.view", obj=household)
        return Response(self.get_serializer(household).data)
