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
from tests.notices.conftest import corpus, household_for  # noqa: F401 - fixtures

ALL_ROLES = frozenset(Role)
SAMPLE_ARGS = {"uuid": str(uuid.UUID(int=1)), "int": "1", "str": "x", "slug": "x", "path": "x"}


@dataclass(frozen=True)
class Route:
    url: str
    name: str
    view: object
    is_admin: bool
    pattern: str = ""

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
            full = prefix + str(entry.pattern)
            yield Route("/" + _fill(full), name, entry.callback, admin, full)


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
    """The routes without a household object (lists, forms, the admin's configuration);
    the object routes are called with real objects in the exact matrix below."""
    client = signed_in(role)
    failures = []
    for route in ROUTES:
        allowed = _allowed_roles(route)
        if allowed is None or _key(route) in EXPECTED:
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


# -- real objects, every role: the exact matrix ------------------------------------------------
#
# Household A has one of everything (a read notice with its file and page preview, its case,
# a document request answered with a file, a payment with proof, a reconciliation, a return,
# a letter). Every route that takes an object is called with A's real objects by six logins:
# A's client, another household's client, the staff member A is assigned to, a staff member
# assigned elsewhere, a partner and the practice administrator. GET, or POST (empty) for
# POST-only routes. Each status is written out below: a change in who may reach what fails.

WHO = ("client A", "client B", "staff A", "staff B", "partner", "admin")


@dataclass
class World:
    users: dict
    objects: dict  # name -> model instance of household A

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


def build_world(corpus_files, make_household, make_user) -> World:
    import hashlib
    from datetime import date
    from decimal import Decimal

    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.models import Case, ClientDocument
    from cases.previews import notice_previews_render
    from cases.services import case_claim, document_request_create, document_upload
    from letters.services import letter_generate, letter_render
    from mailintake.models import InboundAttachment, InboundMessage, Mailbox
    from notices.services import notice_read, notice_upload
    from poa.models import PoaTask, PowerOfAttorney
    from poa.services import poa_copy_attach, poa_copy_check
    from records.models import Reconciliation
    from records.services.household import (
        installment_add,
        levy_notice_add,
        prior_penalty_add,
        tax_return_upsert,
    )
    from records.services.payments import payment_add_by_client
    from records.services.reconcile import reconciliation_run
    from transcripts.models import Transcript
    from transcripts.services import transcript_upload

    staff_a, staff_b = make_user(Role.STAFF), make_user(Role.STAFF)
    partner, admin = make_user(Role.PARTNER), make_user(Role.ADMIN, is_superuser=True)
    record = corpus_files.record("bd00")
    household = make_household(record, assigned_staff=staff_a)
    client_a = make_user(Role.CLIENT, client=household)
    other = make_household(corpus_files.record("bd03"), assigned_staff=staff_b)
    client_b = make_user(Role.CLIENT, client=other)
    notice = notice_upload(
        actor=client_a, client=household, files=corpus_files.uploads("bd00")
    ).notice
    notice_read(notice_id=notice.pk)
    notice.refresh_from_db()
    year = notice.tax_year
    reconciliation_run(notice_id=notice.pk)
    notice_previews_render(notice_id=notice.pk)
    case = Case.objects.get(client=household)
    case_claim(actor=staff_a, case=case)
    request = document_request_create(actor=staff_a, case=case, description="Your W-2")
    pdf = corpus_files.paths("bd01")[0].read_bytes()
    document_upload(actor=client_a, request=request, upload=SimpleUploadedFile("w2.pdf", pdf))
    payment = payment_add_by_client(
        actor=client_a, client=household, tax_year=year,
        date=date(year + 1, 4, 15), amount=Decimal("125.00"), method="direct_pay",
        proof=SimpleUploadedFile("proof.pdf", corpus_files.paths("bd02")[0].read_bytes()),
        proof_kind="confirmation",
    )  # fmt: skip
    tax_return, _ = tax_return_upsert(
        actor=staff_a, client=household, tax_year=year, form="1040",
        filing_status=household.filing_status, original_due_date=date(year + 1, 4, 15),
        total_tax=Decimal("1000.00"),
    )  # fmt: skip
    case.refresh_from_db()
    version = letter_generate(
        actor=staff_a, case=case, kind="client_explainer",
        options={"findings_summary": "The bill is right.", "recommended_action": "Pay it."},
    )  # fmt: skip
    letter_render(version_id=version.pk)
    transcript_file, _ = transcript_upload(
        actor=staff_a, client=household,
        upload=SimpleUploadedFile("account.txt", b"Account Transcript\nForm 1040\n"),
    )  # fmt: skip
    poa = PowerOfAttorney.objects.create(client=household)
    poa_copy_attach(
        actor=staff_a, poa=poa, checked=poa_copy_check(SimpleUploadedFile("2848.pdf", pdf))
    )
    mailbox = Mailbox.objects.create(name="notices", host="imap.invalid", username="n")
    inbound = InboundMessage.objects.create(
        mailbox=mailbox, key="k" * 64, sender="a@example.test", subject="My notice",
        client=household,
    )  # fmt: skip
    held = InboundAttachment(
        message=inbound, position=1, name="notice.pdf", kind="pdf", size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(), outcome=InboundAttachment.Outcome.HELD,
    )  # fmt: skip
    held.file.save("held", ContentFile(pdf))
    return World(
        users=dict(zip(WHO, (client_a, client_b, staff_a, staff_b, partner, admin), strict=True)),
        objects={
            "household": household,
            "notice": notice,
            "case": case,
            "request": request,
            "document": ClientDocument.objects.get(request=request),
            "payment": payment,
            "tax_return": tax_return,
            "reconciliation": Reconciliation.objects.get(notice=notice, is_current=True),
            "version": version,
            "installment": installment_add(
                actor=staff_a, client=household, tax_year=year, start=date(year + 1, 6, 1)
            ),
            "levy": levy_notice_add(
                actor=staff_a, client=household, tax_year=year, date=date(year + 1, 7, 1)
            ),
            "penalty": prior_penalty_add(
                actor=staff_a, client=household, tax_year=year - 2, kind="ftp"
            ),
            "login": client_a,
            "transcript_file": transcript_file,
            "transcript": Transcript.objects.create(
                source=transcript_file, client=household, position=1, form="1040", tax_year=year
            ),
            "poa": poa,
            "poa_task": PoaTask.objects.create(
                poa=poa,
                client=household,
                kind=PoaTask.Kind.values[0],
                summary="Send the 2848 to the CAF unit",
                due_on=date(year + 2, 1, 5),
            ),
            "inbound": inbound,
            "held_file": held,
        },
    )


_UUID_BY_ROUTE = {
    "clients:": "household", "records:household": "household", "records:return_save": "household",
    "records:payment_add": "household", "records:payments_import": "household",
    "records:installment_save": "household", "records:levy_save": "household",
    "records:penalty_save": "household", "records:facts_save": "household",
    "transcripts:staff_upload": "household",
    "notices:": "notice", "records:reconciliation": "notice", "records:override": "notice",
    "records:rerun": "notice", "records:proof": "payment", "records:verify": "payment",
    "cases:request_upload": "request",
}  # fmt: skip
_ADMIN_OBJECT = {
    "clients/client/": "household", "cases/case/": "case", "records/payment/": "payment",
    "records/taxreturn/": "tax_return", "records/reconciliation/": "reconciliation",
    "records/installmentagreement/": "installment", "records/levynotice/": "levy",
    "records/priorpenalty/": "penalty", "accounts/user/": "login",
    "transcripts/transcriptfile/": "transcript_file", "transcripts/transcript/": "transcript",
    "poa/powerofattorney/": "poa", "poa/poatask/": "poa_task",
    "mailintake/inboundmessage/": "inbound",
}  # fmt: skip
# Routes that take a parameter but no object of a household, or whose household objects
# another exact matrix covers: each with why.
OUTSIDE_THIS_MATRIX = {
    "accounts:password_reset_confirm": "public: a signed link, no object",
    "admin:view_on_site": "a content-type redirect, no object",
    "admin:app_list": "an app's list of models, no object",
    "admin/(?P<url>": "the admin's catch-all, a 404",
    "dashboard:unsubscribe": "public: a signed token, no object",
    "api:": "tests/api/test_access_matrix.py: every endpoint x every role, real objects",
    "admin/auth/group/": "practice configuration (permission groups)",
    "admin/axes/": "the login throttle's own records",
    "admin/audit/auditevent/": "the audit log: read-only, partners and admins",
    "admin/records/interestrateperiod/": "IRS interest rates: practice data",
    "admin/poa/representative/": "the practice's own representatives",
    "admin/mailintake/mailbox/": "the practice's mailboxes",
    "admin/dashboard/": "deadline rules, firm settings and closures, reminder ledgers",
    "admin/api/": "API tokens (practice logins only)",
    "admin/webhooks/": "webhook endpoints and deliveries (practice configuration)",
}


def _key(route: Route) -> str:
    return route.name or route.pattern


def _outside(route: Route) -> bool:
    return any(route.name.startswith(k) or route.pattern.startswith(k) for k in OUTSIDE_THIS_MATRIX)


def concrete_url(route: Route, world: World) -> str | None:
    """The route with household A's real objects in it, or None when it takes none of them."""
    kwargs = re.findall(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>", route.pattern)
    if not kwargs or _outside(route):
        return None
    admin_object = next((v for k, v in _ADMIN_OBJECT.items() if k in route.pattern), None)

    def value(name: str):
        if name == "public_id":
            kind = next((v for k, v in _UUID_BY_ROUTE.items() if route.name.startswith(k)), None)
            return getattr(world, kind).public_id if kind else None
        if name in ("object_id", "id") or (name == "pk" and admin_object):
            return getattr(world, admin_object).pk if admin_object else None
        if name == "pk":
            return world.case.pk
        if name in ("notice", "document"):
            return getattr(world, name).public_id
        if name == "version":
            return world.version.public_id
        if name in ("position", "number"):
            return 1
        if name == "attachment":
            return world.held_file.pk
        if name == "which":
            return "letter"
        if name == "step":
            return "submit"
        return None

    url = route.pattern
    for converter, name, regex_name in kwargs:
        found = value(name or regex_name)
        if found is None:
            return None
        if regex_name:
            url = re.sub(rf"\(\?P<{regex_name}>[^)]*\)", str(found), url, count=1)
        else:
            url = url.replace(f"<{converter + ':' if converter else ''}{name}>", str(found), 1)
    return "/" + url.replace("^", "").replace("$", "").replace("\\", "")


def _status(client, url: str) -> int:
    status = client.get(url).status_code
    if status == 405:  # a POST-only route: an empty form shows who gets past the checks
        status = client.post(url).status_code
    return status


#          client A, client B, staff A, staff B, partner, admin
EXPECTED = {
    "clients:detail": (403, 403, 200, 404, 200, 200),
    "notices:detail": (200, 404, 302, 404, 302, 302),  # practice: on to the review page
    "notices:status": (200, 404, 200, 404, 200, 200),
    "notices:file": (200, 404, 200, 404, 200, 200),
    "notices:timeline": (200, 404, 403, 403, 403, 403),
    "notices:staff_detail": (403, 403, 200, 404, 200, 200),
    "notices:correct": (403, 403, 302, 404, 302, 302),
    "cases:request_upload": (302, 404, 403, 403, 403, 403),
    "records:proof": (200, 404, 200, 404, 200, 200),
    "records:verify": (403, 403, 302, 404, 302, 302),
    "records:household": (403, 403, 200, 404, 200, 200),
    # POST-only forms posted empty: found, then the form refused (400)
    "records:return_save": (403, 403, 400, 404, 400, 400),
    "records:payment_add": (403, 403, 400, 404, 400, 400),
    "records:payments_import": (403, 403, 400, 404, 400, 400),
    "records:installment_save": (403, 403, 400, 404, 400, 400),
    "records:levy_save": (403, 403, 400, 404, 400, 400),
    "records:penalty_save": (403, 403, 400, 404, 400, 400),
    "records:facts_save": (403, 403, 400, 404, 400, 400),
    "records:reconciliation": (403, 403, 200, 404, 200, 200),
    "records:override": (403, 403, 400, 404, 400, 400),
    "records:rerun": (403, 403, 302, 404, 302, 302),
    # The Django admin: an object outside the login's households "does not exist" (a
    # redirect to the index with that message); model permissions decide the rest.
    "admin:clients_client_history": (403, 403, 200, 302, 200, 200),
    "admin:clients_client_delete": (403, 403, 403, 403, 403, 200),
    "admin:clients_client_change": (403, 403, 200, 302, 200, 200),
    "admin:cases_case_take": (403, 403, 302, 404, 302, 302),
    "admin:cases_case_transition": (403, 403, 302, 404, 302, 302),
    "admin:cases_case_assign": (403, 403, 302, 404, 302, 302),
    "admin:cases_case_note": (403, 403, 302, 404, 302, 302),
    "admin:cases_case_request": (403, 403, 302, 404, 302, 302),
    "admin:cases_case_correct": (403, 403, 302, 404, 302, 302),
    "admin:cases_case_page_image": (403, 403, 200, 404, 200, 200),
    "admin:cases_case_previews": (403, 403, 200, 404, 200, 200),
    "admin:cases_case_letters": (403, 403, 200, 404, 200, 200),
    "admin:cases_case_document": (403, 403, 200, 404, 200, 200),
    "admin:letters_generate": (403, 403, 302, 404, 302, 302),
    "admin:letters_edit": (403, 403, 200, 404, 200, 200),
    "admin:letters_step": (403, 403, 302, 404, 302, 302),
    "admin:letters_pdf": (403, 403, 200, 404, 200, 200),
    "admin:cases_case_history": (403, 403, 200, 302, 200, 200),
    "admin:cases_case_delete": (403, 403, 403, 403, 403, 403),  # cases are never deleted
    "admin:cases_case_change": (403, 403, 200, 404, 200, 200),
    # A household's records in the admin are for the administrator; staff use their pages.
    "admin:records_taxreturn_history": (403, 403, 403, 302, 403, 200),
    "admin:records_taxreturn_delete": (403, 403, 403, 403, 403, 200),
    "admin:records_taxreturn_change": (403, 403, 403, 403, 403, 200),
    "admin:records_payment_history": (403, 403, 403, 302, 403, 200),
    "admin:records_payment_delete": (403, 403, 403, 403, 403, 200),
    "admin:records_payment_change": (403, 403, 403, 403, 403, 200),
    "admin:records_reconciliation_history": (403, 403, 403, 302, 403, 200),
    "admin:records_reconciliation_delete": (403, 403, 403, 403, 403, 200),
    "admin:records_reconciliation_change": (403, 403, 403, 403, 403, 200),
    # Since the matrix was first written: the verdict, transcripts, POAs, mail, more records,
    # the household's login. A bare admin object URL only redirects to its change page.
    "notices:verdict": (403, 403, 302, 404, 302, 302),
    "transcripts:staff_upload": (403, 403, 302, 404, 302, 302),
    "admin:auth_user_password_change": (403, 403, 403, 403, 403, 200),
    "admin:accounts_user_history": (403, 403, 403, 403, 200, 200),
    "admin:accounts_user_delete": (403, 403, 403, 403, 403, 200),
    "admin:accounts_user_change": (403, 403, 403, 403, 200, 200),
    "admin/accounts/user/<path:object_id>/": (403, 403, 302, 302, 302, 302),
    "admin/clients/client/<path:object_id>/": (403, 403, 302, 302, 302, 302),
    "admin/cases/case/<path:object_id>/": (403, 403, 302, 302, 302, 302),
    "admin:poa_powerofattorney_copy": (403, 403, 200, 404, 200, 200),
    "admin:poa_powerofattorney_history": (403, 403, 200, 302, 200, 200),
    "admin:poa_powerofattorney_delete": (403, 403, 403, 403, 403, 403),
    "admin:poa_powerofattorney_change": (403, 403, 200, 302, 200, 200),
    "admin/poa/powerofattorney/<path:object_id>/": (403, 403, 302, 302, 302, 302),
    "admin:poa_poatask_history": (403, 403, 200, 302, 200, 200),
    "admin:poa_poatask_delete": (403, 403, 403, 403, 403, 403),
    "admin:poa_poatask_change": (403, 403, 200, 302, 200, 200),
    "admin/poa/poatask/<path:object_id>/": (403, 403, 302, 302, 302, 302),
    "admin:mailintake_inboundmessage_attach": (403, 403, 302, 404, 302, 302),
    "admin:mailintake_inboundmessage_dismiss": (403, 403, 302, 404, 302, 302),
    "admin:mailintake_inboundmessage_file": (403, 403, 200, 404, 200, 200),
    "admin:mailintake_inboundmessage_history": (403, 403, 200, 302, 200, 200),
    "admin:mailintake_inboundmessage_delete": (403, 403, 403, 403, 403, 403),
    "admin:mailintake_inboundmessage_change": (403, 403, 200, 302, 200, 200),
    "admin/mailintake/inboundmessage/<path:object_id>/": (403, 403, 302, 302, 302, 302),
    "admin/records/taxreturn/<path:object_id>/": (403, 403, 302, 302, 302, 302),
    "admin/records/payment/<path:object_id>/": (403, 403, 302, 302, 302, 302),
    "admin:records_installmentagreement_history": (403, 403, 403, 302, 403, 200),
    "admin:records_installmentagreement_delete": (403, 403, 403, 403, 403, 200),
    "admin:records_installmentagreement_change": (403, 403, 403, 403, 403, 200),
    "admin/records/installmentagreement/<path:object_id>/": (403, 403, 302, 302, 302, 302),
    "admin:records_levynotice_history": (403, 403, 403, 302, 403, 200),
    "admin:records_levynotice_delete": (403, 403, 403, 403, 403, 200),
    "admin:records_levynotice_change": (403, 403, 403, 403, 403, 200),
    "admin/records/levynotice/<path:object_id>/": (403, 403, 302, 302, 302, 302),
    "admin:records_priorpenalty_history": (403, 403, 403, 302, 403, 200),
    "admin:records_priorpenalty_delete": (403, 403, 403, 403, 403, 200),
    "admin:records_priorpenalty_change": (403, 403, 403, 403, 403, 200),
    "admin/records/priorpenalty/<path:object_id>/": (403, 403, 302, 302, 302, 302),
    "admin/records/reconciliation/<path:object_id>/": (403, 403, 302, 302, 302, 302),
    "admin:transcripts_transcriptfile_history": (403, 403, 200, 302, 200, 200),
    "admin:transcripts_transcriptfile_delete": (403, 403, 403, 403, 403, 403),
    "admin:transcripts_transcriptfile_change": (403, 403, 200, 302, 200, 200),
    "admin/transcripts/transcriptfile/<path:object_id>/": (403, 403, 302, 302, 302, 302),
    "admin:transcripts_transcript_history": (403, 403, 200, 302, 200, 200),
    "admin:transcripts_transcript_delete": (403, 403, 403, 403, 403, 403),
    "admin:transcripts_transcript_change": (403, 403, 200, 302, 200, 200),
    "admin/transcripts/transcript/<path:object_id>/": (403, 403, 302, 302, 302, 302),
}


@pytest.fixture
def world(corpus, household_for, make_user):  # noqa: F811 - the imported fixtures
    return build_world(corpus, household_for, make_user)


@pytest.mark.django_db
def test_every_route_with_a_parameter_is_in_the_matrix_or_said_why_not():
    """A new route that takes an object fails here until it is in EXPECTED (with real
    objects) or in OUTSIDE_THIS_MATRIX with its reason."""
    unplaced = [
        _key(r)
        for r in ROUTES
        if re.search(r"<(\w+:)?\w+>|\(\?P<", r.pattern)
        and _key(r) not in EXPECTED
        and not _outside(r)
        and not r.url.startswith("/static/")
    ]
    assert unplaced == []


def test_every_object_route_with_real_objects_answers_each_role_exactly_as_written(world):
    from django.test import Client

    from tests.conftest import sign_in

    logins = {}
    for who, user in world.users.items():
        logins[who] = Client(raise_request_exception=False)
        sign_in(logins[who], user)
    found = {}
    for route in ROUTES:
        url = concrete_url(route, world)
        if url is not None:
            found[_key(route)] = tuple(_status(logins[who], url) for who in WHO)
    assert set(found) == set(EXPECTED), "a route takes household objects: add it to EXPECTED"
    wrong = {
        name: (found[name], EXPECTED[name]) for name in EXPECTED if found[name] != EXPECTED[name]
    }
    assert wrong == {}, wrong
    denied = sum(status in (403, 404, 302) for row in found.values() for status in row)
    print(f"{len(found)} object routes x {len(WHO)} logins with real objects ({denied} refused)")
