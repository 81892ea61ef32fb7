"""The Django admin, behind the portal's own sign-in and a verified second factor."""

import logging
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import FieldError, PermissionDenied, ValidationError
from django.db import DataError, NotSupportedError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.admin import OTPAdminSite

logger = logging.getLogger(__name__)

# What a query string can make a list page raise: a value the column's type refuses
# (PostgreSQL inet, a number past bigint), a lookup the database lacks (JSON contains on
# SQLite), a value a filter cannot parse. Answered 400, never 500.
BAD_QUERY_ERRORS = (DataError, NotSupportedError, FieldError, ValidationError, ValueError,
                    OverflowError)  # fmt: skip


#: Models that are not part of the practice's daily work: sign-in throttling rows, the
#: reminder ledger, raw stored reconciliations (staff read them on the case page). Only
#: administrators (and superusers) see them in the admin; staff and partners never do.
ADMINISTRATORS_ONLY = frozenset(
    {
        "axes.accessattempt",
        "axes.accesslog",
        "axes.accessfailurelog",
        "dashboard.remindersent",
        "records.reconciliation",
    }
)


def _administrators_only(model_admin_class):
    from accounts.admin_access import is_administrator

    def allow(name):
        inherited = getattr(model_admin_class, name)

        def check(self, request, *args, **kwargs):
            return is_administrator(request.user) and inherited(self, request, *args, **kwargs)

        return check

    names = ("has_module_permission", "has_view_permission", "has_change_permission",
             "has_add_permission", "has_delete_permission")  # fmt: skip
    return type(
        f"AdministratorsOnly{model_admin_class.__name__}",
        (model_admin_class,),
        {name: allow(name) for name in names},
    )


class PracticeAdminSite(OTPAdminSite):
    site_header = "Taxhauz practice admin"
    site_title = "Taxhauz admin"
    index_title = "Practice administration"

    def restrict_to_administrators(self) -> None:
        """Re-register the ADMINISTRATORS_ONLY models' admins behind the administrator check
        (called once the apps have registered them, whatever the app order)."""
        for model, model_admin in list(self._registry.items()):
            if model._meta.label_lower in ADMINISTRATORS_ONLY:
                self._registry[model] = _administrators_only(type(model_admin))(model, self)

    def admin_view(self, view, cacheable=False):
        """A signed-in login that may not use the admin gets a 403, not a login loop."""
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied("The practice admin is for staff with two-step sign-in.")
            if request.method != "GET" or not request.GET:
                return inner(request, *args, **kwargs)
            try:
                response = inner(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()  # the list is evaluated while rendering
            except BAD_QUERY_ERRORS as exc:
                logger.warning("admin %s: bad query string (%s)", request.path, type(exc).__name__)
                return HttpResponseBadRequest(
                    "That filter or search value is not valid here. Go back and change it."
                )
            return response

        return guarded

    def login(self, request, extra_context=None):
        """Sign-in happens on the portal's pages (password, then code), never here."""
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect("admin:index")
            # Signed in but not a practice role (or not verified): no admin for you.
            raise PermissionDenied("The practice admin is for staff with two-step sign-in.")
        query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
        return redirect(f"{reverse(settings.LOGIN_URL)}?{query}")
