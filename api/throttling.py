"""Request throttles per login, counted in the shared "api" cache (Redis in production)."""

from django.core.cache import caches
from rest_framework.throttling import UserRateThrottle


class _Shared(UserRateThrottle):
    @property
    def cache(self):
        return caches["api"]


class BurstThrottle(_Shared):
    scope = "burst"


class SustainedThrottle(_Shared):
    scope = "sustained"


class UploadThrottle(_Shared):
    """Notice uploads only: each one stores files and starts a read in the worker."""

    scope = "upload"

    def allow_request(self, request, view) -> bool:
        if getattr(view, "action", None) != "create":
            return True
        return super().allow_request(request, view)
