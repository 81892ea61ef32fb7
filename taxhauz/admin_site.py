"""The Django admin, behind the portal's own sign-in and a verified second factor."""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.admin import OTPAdminSite


class PracticeAdminSite(OTPAdminSite):
    site_header = "Taxhauz practice admin"
    site_title = "Taxhauz admin"
    index_title = "Practice administration"

    def admin_view(self, view, cacheable=False):
        """A signed-in login that may not use the admin gets a 403, not a login loop."""
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied("The practice admin is for staff with two-step sign-in.")
            return inner(request, *args, **kwargs)

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
