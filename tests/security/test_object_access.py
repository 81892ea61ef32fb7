"""Object-level access, swept over every route that takes a uuid, with real objects.

Household A gets one of everything (a read notice and its file, its case, a document
request answered with a file, a payment with proof, a reconciliation, a final letter).
Every public id of A, in every uuid slot of every route, by GET and by POST, is then
refused (403/404; 405 for a method an API route does not have) to household B's client
and to a staff member A is not assigned to; A's own people reach each route with some
id, which shows the sweep used live objects.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from api.access import roles_by_method
from tests.conftest import sign_in
from tests.test_url_access import ROUTES, SAMPLE_ARGS

pytestmark = pytest.mark.django_db

UUID = SAMPLE_ARGS["uuid"]
UUID_ROUTES = [r for r in ROUTES if UUID in r.url and not r.is_admin]


def _household_with_everything(corpus, household_for, make_user, staff):
    from cases.models import Case
    from cases.services import document_request_create, document_upload
    from notices.services import notice_read, notice_upload
    from records.services.payments import payment_add_by_client
    from records.services.reconcile import reconciliation_run

    record = corpus.record("bd00")
    household = household_for(record, assigned_staff=staff)
    client_user = make_user(Role.CLIENT, client=household)
    notice = notice_upload(actor=client_user, client=household, files=corpus.uploads("bd00"))
    notice_read(notice_id=notice.notice.pk)
    reconciliation_run(notice_id=notice.notice.pk)
    case = Case.objects.get(client=household)
    request = document_request_create(actor=staff, case=case, description="Your 2023 W-2")
    pdf = corpus.paths("bd01")[0].read_bytes()
    document_upload(actor=client_user, request=request, upload=SimpleUploadedFile("w2.pdf", pdf))
    payment_add_by_client(
        actor=client_user,
        client=household,
        tax_year=2022,
        date=date(2023, 4, 15),
        amount=Decimal("125.00"),
        method="direct_pay",
        proof=SimpleUploadedFile("proof.pdf", corpus.paths("bd02")[0].read_bytes()),
        proof_kind="confirmation",
    )
    from tests.api.letters import final_letter

    final_letter(case, staff=staff, partner=make_user(Role.PARTNER))
    return household, client_user


def _public_ids_of(household) -> dict[str, str]:
    """Every public id that belongs to the household, whatever app holds it."""
    found = {}
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields()}
        if "public_id" not in names:
            continue
        for path in ("pk", "client", "notice__client", "case__client", "request__client"):
            field = path.split("__")[0]
            if path != "pk" and field not in names:
                continue
            if path == "pk" and model._meta.label != "clients.Client":
                continue
            for public_id in model.objects.filter(**{path: household.pk}).values_list(
                "public_id", flat=True
            ):
                found[str(public_id)] = model._meta.label
    return found


def _urls(route, public_id: str) -> str:
    return route.url.replace(UUID, public_id)


@pytest.fixture
def two_households(corpus, household_for, make_user):
    staff_a = make_user(Role.STAFF)
    household_a, client_a = _household_with_everything(corpus, household_for, make_user, staff_a)
    household_b = household_for(corpus.record("bd03"))
    client_b = make_user(Role.CLIENT, client=household_b)
    other_staff = make_user(Role.STAFF)  # assigned to nobody
    return household_a, client_a, staff_a, client_b, other_staff


def _as(user) -> Client:
    c = Client(raise_request_exception=False)
    sign_in(c, user)
    return c


def test_every_object_url_of_a_household_is_a_404_for_another_household_and_unassigned_staff(
    two_households,
):
    household_a, client_a, staff_a, client_b, other_staff = two_households
    ids = _public_ids_of(household_a)
    kinds = set(ids.values())
    assert {"clients.Client", "notices.Notice", "cases.Case", "cases.DocumentRequest",
            "records.Payment", "records.Reconciliation",
            "letters.Letter"} <= kinds, kinds  # fmt: skip
    assert UUID_ROUTES, "the walker found no uuid routes"

    insiders = {"client A": _as(client_a), "staff A": _as(staff_a)}
    outsiders = {"client B": _as(client_b), "unassigned staff": _as(other_staff)}
    reached, refused_wrongly, tried = set(), [], 0
    for route in UUID_ROUTES:
        for public_id, kind in ids.items():
            url = _urls(route, public_id)
            for c in insiders.values():
                status = c.get(url).status_code
                if status == 405:  # POST-only: an empty form is refused, not applied
                    status = c.post(url).status_code
                if status in (200, 302, 400):  # 400: found, then the empty form refused
                    reached.add(route.name)
            for who, c in outsiders.items():
                for method in ("get", "post"):
                    tried += 1
                    status = getattr(c, method)(url).status_code
                    # 405: a method the route does not have, refused before any lookup
                    # (any id answers the same, so it tells nothing).
                    no_such_method = method == "get" or (
                        route.is_api and method.upper() not in roles_by_method(route.view)
                    )
                    allowed = (403, 404, 405) if no_such_method else (403, 404)
                    if status not in allowed:
                        refused_wrongly.append(
                            f"{who} {method.upper()} {route.name} {kind}: {status}"
                        )
    assert refused_wrongly == []
    assert sorted(r.name for r in UUID_ROUTES if r.name not in reached) == []
    print(f"{len(UUID_ROUTES)} uuid routes x {len(ids)} ids: {tried} outsider requests refused")


def test_a_deactivated_user_is_refused_on_their_existing_session(make_user):
    for role in (Role.CLIENT, Role.STAFF):
        user = make_user(role)
        c = Client()
        sign_in(c, user)
        home = reverse("notices:list") if role is Role.CLIENT else reverse("portal:case_queue")
        assert c.get(home, follow=True).status_code == 200
        user.is_active = False
        user.save(update_fields=["is_active"])
        response = c.get(home)
        assert response.status_code == 302
        assert re.match(r"^/account/login/", response["Location"])
