"""Landing pages per role, and the error pages."""

from django.db import connection
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
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
    """Staff's start page: what needs them today; the full queue lives in the admin."""
    from cases.models import Case
    from cases.selectors import case_list_for_queue
    from cases.workflow import OPEN_STATES
    from mailintake.services import triage_list_for_user
    from notices.models import Notice, NoticeStatus
    from poa.selectors import open_tasks_for_user

    open_cases = case_list_for_queue(user=request.user).filter(state__in=OPEN_STATES)
    context = {
        "attention": Notice.objects.visible_to(request.user)
        .filter(status=NoticeStatus.NEEDS_ATTENTION)
        .select_related("client")
        .order_by("-created_at")[:20],
        "my_cases": open_cases.filter(assignee=request.user)
        .order_by("irs_deadline", "pk")[:15],
        "unassigned": open_cases.filter(assignee__isnull=True).order_by("irs_deadline", "pk")[:15],
        "today": timezone.localdate(),
        "open_count": open_cases.count(),
        "no_poa_count": open_cases.filter(poa_covered=False).count(),
        "poa_tasks": open_tasks_for_user(user=request.user).filter(
            Q(assignee=request.user) | Q(assignee__isnull=True)
        )[:15],
        "triage_count": triage_list_for_user(user=request.user).count(),
        "case_model": Case,
    }
    return render(request, "portal/case_queue.html", context)


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
