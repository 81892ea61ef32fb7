"""Landing pages per role, and the error pages."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from accounts.decorators import any_role, public_view, role_required
from accounts.roles import Role


@any_role
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to the page it starts from."""
    role = Role(request.user.role)
    if role is Role.CLIENT:
        return redirect("notices:list")
    if role in (Role.PARTNER, Role.ADMIN):
        return redirect("portal:dashboard")
    return redirect("portal:case_queue")


@role_required(Role.STAFF, Role.PARTNER, Role.ADMIN)
def case_queue(request: HttpRequest) -> HttpResponse:
    """Staff's start page is the one case queue (with what needs them today above it):
    the same page, look and filters as "Case queue" in the navigation."""
    target = reverse("admin:cases_case_changelist")
    query = request.GET.urlencode()
    return redirect(f"{target}?{query}" if query else target)


@public_view
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer and docker healthchecks: the app answers and the DB does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@public_view
def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


@public_view
def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


@public_view
def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
