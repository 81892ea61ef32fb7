"""Every API endpoint, called as every role, answers exactly as the matrix says.

Practice logins call with their API token, clients with their portal session (tokens are
for practice logins only), anonymous with nothing. Each role gets a fresh practice, so
a write by one role never changes what the next one sees. Where a list answers, the
objects in it are checked too: the selectors of the pages decide what each role sees.
"""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from api.access import roles_by_method
from tests.api.conftest import ROLES
from tests.test_url_access import ROUTES

pytestmark = pytest.mark.django_db

#       anonymous client_a client_b staff_a staff_u partner admin
MATRIX = {
    ("GET", "household-list"): (401, 403, 403, 200, 200, 200, 200),
    ("GET", "household-detail"): (401, 403, 403, 200, 404, 200, 404),
    ("GET", "notice-list"): (401, 200, 200, 200, 200, 200, 200),
    ("POST", "notice-list"): (401, 201, 400, 201, 404, 201, 404),
    ("GET", "notice-detail"): (401, 200, 404, 200, 404, 200, 404),
    ("GET", "notice-status"): (401, 200, 404, 200, 404, 200, 404),
    ("GET", "notice-fields"): (401, 403, 403, 200, 404, 200, 404),
    ("GET", "notice-file"): (401, 200, 404, 200, 404, 200, 404),
    ("GET", "case-list"): (401, 403, 403, 200, 200, 200, 200),
    ("GET", "case-detail"): (401, 403, 403, 200, 404, 200, 404),
    ("POST", "case-transitions"): (401, 403, 403, 200, 404, 200, 404),
    # The case is staff A's (the household's staff): a partner taking it is a conflict.
    ("POST", "case-take"): (401, 403, 403, 200, 404, 409, 404),
    ("GET", "letter-list"): (401, 403, 403, 200, 200, 200, 200),
    ("GET", "letter-detail"): (401, 403, 403, 200, 404, 200, 404),
    ("GET", "letter-pdf"): (401, 403, 403, 200, 404, 200, 404),
    ("GET", "deadlines"): (401, 403, 403, 403, 403, 200, 200),
    ("GET", "schema"): (401, 403, 403, 200, 200, 200, 200),
}

# What each list shows each role (by the world's names); None: the list is refused.
LISTS = {
    "household-list": {
        "staff_a": {"household_a"},
        "staff_u": set(),
        "partner": {"household_a", "household_b"},
        "admin": set(),  # an admin login sees households it is assigned (none here)
    },
    "case-list": {
        "staff_a": {"case_a", "case_a2"},
        "staff_u": set(),
        "partner": {"case_a", "case_a2", "case_b"},
        "admin": set(),
    },
    "notice-list": {
        "client_a": {"notice_a", "notice_a2"},
        "client_b": {"notice_b"},
        "staff_a": {"notice_a", "notice_a2"},
        "staff_u": set(),
        "partner": {"notice_a", "notice_a2", "notice_b"},
        "admin": set(),
    },
    "letter-list": {
        "staff_a": {"letter"},
        "staff_u": set(),
        "partner": {"letter"},
        "admin": set(),
    },
}


def _pdf(tag: str) -> SimpleUploadedFile:
    from tests.cases_django.conftest import notice_pdf

    return SimpleUploadedFile(
        "notice.pdf", notice_pdf("CP14", "512.00", "777001") + tag.encode(), "application/pdf"
    )


def _call(c, world, method: str, name: str):
    url = lambda route, **kw: reverse(f"api:{route}", kwargs=kw)  # noqa: E731
    a = world.household_a
    if name == "household-detail":
        return c.get(url(name, id=a.public_id))
    if name == "notice-list" and method == "POST":
        return c.post(url(name), {"household": str(a.public_id), "files": [_pdf("x")]})
    if name in ("notice-detail", "notice-status", "notice-fields"):
        return c.get(url(name, id=world.notice_a.public_id))
    if name == "notice-file":
        return c.get(url(name, id=world.notice_a.public_id, position=1))
    if name == "case-detail":
        return c.get(url(name, id=world.case_a.public_id))
    if name == "case-transitions":
        body = {"name": "start_review", "expected_state": "new"}
        return c.post(url(name, id=world.case_a2.public_id), body, content_type="application/json")
    if name == "case-take":
        return c.post(url(name, id=world.case_a2.public_id))
    if name in ("letter-detail", "letter-pdf"):
        return c.get(url(name, id=world.letter.public_id))
    return c.get(url(name))


def _ids(world, names) -> set[str]:
    objects = {
        "household_a": world.household_a,
        "household_b": world.household_b,
        "case_a": world.case_a,
        "case_a2": world.case_a2,
        "case_b": world.case_b,
        "notice_a": world.notice_a,
        "notice_a2": world.case_a2.latest_notice,
        "notice_b": world.notice_b,
        "letter": world.letter,
    }
    return {str(objects[n].public_id) for n in names}


def test_the_matrix_names_every_api_endpoint_and_method():
    api = {
        (method, r.name.removeprefix("api:"))
        for r in ROUTES
        if r.is_api
        for method in roles_by_method(r.view)
    }
    assert api == set(MATRIX)


@pytest.mark.parametrize("role", ROLES)
def test_each_endpoint_answers_each_role_as_the_matrix_says(world, api_as, role):
    c = api_as(role)
    column = ROLES.index(role)
    got, expected = {}, {}
    for (method, name), statuses in MATRIX.items():
        response = _call(c, world, method, name)
        got[(method, name)] = response.status_code
        expected[(method, name)] = statuses[column]
        if response.status_code == 401:
            assert response["WWW-Authenticate"].startswith("Bearer")
        if response.status_code == 200 and name in LISTS:
            listed = {row["id"] for row in response.json()["results"]}
            assert listed == _ids(world, LISTS[name][role]), (name, role)
    assert got == expected


def test_clients_see_their_notice_without_the_staff_only_parts(world, api_as):
    url = reverse("api:notice-detail", kwargs={"id": world.notice_a.public_id})
    as_client = api_as("client_a").get(url).json()
    as_staff = api_as("staff_a").get(url).json()
    staff_only = {"staff_detail", "error_code", "checks", "attempts", "used_ocr", "case"}
    assert staff_only <= set(as_staff) and not staff_only & set(as_client)
    assert as_client["legitimacy"] == as_staff["legitimacy"]
    assert as_client["legitimacy"]["verdict"] == world.notice_a.legitimacy
    world.case_a.refresh_from_db()  # its letter moved it on (approved, final)
    assert as_staff["case"] == {"id": str(world.case_a.public_id), "state": world.case_a.state}


def test_a_random_id_and_another_households_id_answer_alike(world, api_as):
    c = api_as("staff_u")
    for target in (uuid.uuid4(), world.notice_a.public_id):
        response = c.get(reverse("api:notice-detail", kwargs={"id": target}))
        assert response.status_code == 404
        assert response.json() == {"detail": "No Notice matches the given query."}
