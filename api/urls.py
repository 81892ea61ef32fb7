"""/api/v1/: every route but the docs page authenticates by itself (``api_endpoint``)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from accounts.decorators import api_endpoint, role_required
from accounts.roles import PRACTICE_ROLES
from api.views.cases import CaseViewSet
from api.views.deadlines import DeadlineFiguresView
from api.views.docs import DocsView, SchemaView
from api.views.households import HouseholdViewSet
from api.views.letters import LetterViewSet
from api.views.notices import NoticeViewSet

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("households", HouseholdViewSet, basename="household")
router.register("notices", NoticeViewSet, basename="notice")
router.register("cases", CaseViewSet, basename="case")
router.register("letters", LetterViewSet, basename="letter")

_api = [
    path("deadlines/", DeadlineFiguresView.as_view(), name="deadlines"),
    path("schema/", SchemaView.as_view(), name="schema"),
    *router.urls,
]
for _route in _api:
    api_endpoint(_route.callback)

urlpatterns = [
    # A page for people: the portal's login and second factor first, then practice roles.
    path("docs/", role_required(*PRACTICE_ROLES)(DocsView.as_view()), name="docs"),
    *_api,
]
