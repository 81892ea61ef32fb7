"""A small practice for the API tests: two households, one login of every role, a read
notice with its file and case for each household, a second case for A, a final letter."""

from dataclasses import dataclass, field

import pytest

from accounts.roles import Role
from tests.cases_django.conftest import make_notice  # noqa: F401

ROLES = ("anonymous", "client_a", "client_b", "staff_a", "staff_u", "partner", "admin")


@dataclass
class World:
    household_a: object
    household_b: object
    users: dict
    notice_a: object
    notice_b: object
    case_a: object
    case_a2: object  # a new case of A (another tax year): for transitions and taking
    case_b: object
    letter: object
    tokens: dict = field(default_factory=dict)


@pytest.fixture
def world(db, make_user, make_notice):  # noqa: F811
    from api.services import api_token_create
    from cases.models import Case
    from tests.api.letters import final_letter
    from tests.factories import ClientFactory

    staff_a = make_user(Role.STAFF)
    staff_u = make_user(Role.STAFF)  # assigned to no household
    partner = make_user(Role.PARTNER)
    admin = make_user(Role.ADMIN)
    household_a = ClientFactory(assigned_staff=staff_a)
    household_b = ClientFactory(assigned_staff=None)
    users = {
        "client_a": make_user(Role.CLIENT, client=household_a),
        "client_b": make_user(Role.CLIENT, client=household_b),
        "staff_a": staff_a,
        "staff_u": staff_u,
        "partner": partner,
        "admin": admin,
    }
    notice_a = make_notice(household_a, with_file=True)
    notice_a2 = make_notice(household_a, tax_year=2022, caller_id="200111")
    notice_b = make_notice(household_b, with_file=True, caller_id="300222")
    case_a = Case.objects.get(case_notices__notice=notice_a)
    version = final_letter(case_a, staff=staff_a, partner=partner)
    world = World(
        household_a=household_a,
        household_b=household_b,
        users=users,
        notice_a=notice_a,
        notice_b=notice_b,
        case_a=case_a,
        case_a2=Case.objects.get(case_notices__notice=notice_a2),
        case_b=Case.objects.get(case_notices__notice=notice_b),
        letter=version.letter,
    )
    for role in ("staff_a", "staff_u", "partner", "admin"):
        _token, raw = api_token_create(actor=admin, user=users[role], name=f"tests {role}")
        world.tokens[role] = raw
    return world


@pytest.fixture
def api_as(world):
    """``api_as(role)``: a test client that calls the API as that role would: practice
    logins with their token, clients with their signed-in portal session, or nobody."""
    from django.test import Client

    from tests.conftest import sign_in

    def make(role: str) -> Client:
        client = Client(raise_request_exception=False)
        if role in world.tokens:
            client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens[role]}"
        elif role != "anonymous":
            sign_in(client, world.users[role])
        return client

    return make


@pytest.fixture(autouse=True)
def fresh_throttles(settings):
    """Each test starts with no request counted (only this run's keys in the shared Redis)."""
    from django.core.cache import caches

    cache = caches["api"]
    prefix = settings.CACHES["api"].get("KEY_PREFIX", "")
    if hasattr(cache, "_cache") and prefix:
        client = cache._cache.get_client(write=True)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
    else:
        cache.clear()
