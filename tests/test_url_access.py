"""Deny by default, checked on every route: the walker grows with the app by itself.

Each view declares who may use it (`public_view`, `role_required`, `mfa_pending_view`);
admin views are for practice roles; API views (`api_endpoint`) state their roles per action
(`api.access`) and answer 401/403 themselves instead of redirecting. A route that declares
nothing fails here. tests/api walks the API with the exact matrix of every role.
"""

import re
import uuid
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.middleware import _marked
from accounts.roles import PRACTICE_ROLES, Role
from api.access import roles_by_method

ALL_ROLES = frozenset(Role)
SAMPLE_ARGS = {"uuid": str(uuid.UUID(int=1)), "int": "1", "str": "x", "slug": "x", "path": "x"}


@dataclass(frozen=True)
class Route:
    url: str
    name: str
    view: object
    is_admin: bool

    @property
    def is_api(self) -> bool:
        return _marked(self.view, "taxhauz_api")


def _fill(pattern: str) -> str:
    # Turn a route's pattern into a concrete URL with harmless sample values.
    def converter(match: re.Match) -> str:
        return SAMPLE_ARGS.get(match.group(1) or "str", "x")

    url = re.sub(r"\(\?P<\w+>[^)]*\)", "1", pattern)  # regex routes (admin)
    url = re.sub(r"<(?:(\w+):)?\w+>", converter, url)
    return url.replace("^", "").replace("$", "").replace("\\", "")


def _walk(patterns, prefix: str = "", namespace: str = "", admin: bool = False):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else ns or namespace
            yield from _walk(
                entry.url_patterns, prefix + str(entry.pattern), full_ns, admin or ns == "admin"
            )
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or ""
            yield Route("/" + _fill(prefix + str(entry.pattern)), name, entry.callback, admin)


ROUTES = [r for r in _walk(get_resolver().url_patterns) if not r.url.startswith("/static/")]


def _allowed_roles(route: Route) -> frozenset | None:
    """The roles a route admits, or None when it is public."""
    view = route.view
    if _marked(view, "taxhauz_public"):
        return None
    if route.is_api:
        by_method = roles_by_method(view)
        return by_method.get("GET", frozenset().union(*by_method.values())) or None
    for layer in _layers(view):
        roles = getattr(layer, "taxhauz_roles", None)
        if roles is not None:
            return roles
    if route.is_admin or _marked(view, "taxhauz_mfa_pending"):
        return PRACTICE_ROLES if route.is_admin else ALL_ROLES
    return None


def _layers(view):
    while view is not None:
        yield view
        view = getattr(view, "__wrapped__", None)


def test_every_route_declares_who_may_use_it():
    undeclared = [
        r.name or r.url
        for r in ROUTES
        if _allowed_roles(r) is None and not _marked(r.view, "taxhauz_public")
    ]
    assert undeclared == [], f"Routes with no access rule: {undeclared}"


def test_the_walker_sees_the_app_and_the_admin():
    names = {r.name for r in ROUTES}
    assert {"portal:home", "clients:detail", "notices:list", "accounts:login"} <= names
    assert sum(r.is_admin for r in ROUTES) > 10


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name or r.url)
def test_anonymous_is_sent_to_login_except_public_pages(client, route):
    response = client.get(route.url)
    if _marked(route.view, "taxhauz_public"):
        assert response.status_code in (200, 302, 404), route.url
        return
    if route.is_api:  # a program gets an answer it can read, not a login page
        assert response.status_code == 401, route.url
        assert response["WWW-Authenticate"].startswith("Bearer"), route.url
        return
    assert response.status_code == 302, route.url
    assert response["Location"].startswith("/account/login/?next="), route.url


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_role_by_url_matrix(signed_in, role):
    client = signed_in(role)
    failures = []
    for route in ROUTES:
        allowed = _allowed_roles(route)
        if allowed is None:
            continue
        response = client.get(route.url)
        status = response.status_code
        if route.is_api and "GET" not in roles_by_method(route.view):
            ok = status == 405  # POST-only: a GET is refused before anything is read
        elif role in allowed and route.is_admin:
            # Inside the admin, model permissions narrow it further (403), per group.
            ok = status in (200, 302, 403, 404, 405)
        elif role in allowed:
            # Sample ids do not exist (404) and POST-only routes answer 405; never 403 or 500.
            ok = status in (200, 302, 404, 405)
        else:
            ok = status in (403, 404)
        if not ok:
            failures.append(f"{route.name or route.url} -> {status}")
    assert failures == [], f"{role}: {failures}"
    admin_index = client.get("/admin/").status_code
    assert admin_index == (200 if role in PRACTICE_ROLES else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.STAFF, Role.PARTNER, Role.ADMIN], ids=str)
def test_practice_logins_without_a_verified_code_reach_only_the_code_pages(client, make_user, role):
    user = make_user(role)
    client.force_login(user)  # password accepted, code not yet entered
    for route in ROUTES:
        if _marked(route.view, "taxhauz_public") or _marked(route.view, "taxhauz_mfa_pending"):
            continue
        response = client.get(route.url)
        if route.is_api:  # the session does not count for the API until the code is entered
            assert response.status_code == 401, route.url
            continue
        assert response.status_code == 302, route.url
        assert response["Location"].startswith("/account/mfa/verify/"), route.url
