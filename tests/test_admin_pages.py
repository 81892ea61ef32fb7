"""The Django admin as staff, partners and administrators meet it (issue 11, item 15)."""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.roles import Role

pytestmark = pytest.mark.django_db

HIDDEN = (
    "axes.accessattempt",
    "axes.accesslog",
    "dashboard.remindersent",
    "records.reconciliation",
)


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.described: list[tuple[str, str]] = []  # (element, the ids it points at)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if values.get("aria-describedby"):
            self.described.append(
                (f"<{tag} name={values.get('name')}>", values["aria-describedby"])
            )


def _broken_targets(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return [
        f"{element} -> #{target}"
        for element, targets in parser.described
        for target in targets.split()
        if target not in parser.ids
    ]


def _index_links(client) -> str:
    return client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize("role", [Role.STAFF, Role.PARTNER])
def test_staff_and_partners_never_see_the_machinery_models(signed_in, role):
    client = signed_in(role)
    index = _index_links(client)
    for label in ("Access attempts", "Reminder sents", "Reminders sent", "Reconciliations"):
        assert f">{label}<" not in index, label
    for label in HIDDEN:
        app, model = label.split(".")
        assert client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 403, label


def test_a_superuser_still_sees_them(signed_in):
    client = signed_in(Role.ADMIN, is_superuser=True)
    for label in HIDDEN:
        app, model = label.split(".")
        assert client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200, label


def test_the_household_add_form_shows_no_internal_fields(signed_in):
    client = signed_in(Role.ADMIN, is_superuser=True)
    add = client.get(reverse("admin:clients_client_add")).content.decode()
    assert "Public id" not in add and "Created at" not in add
    assert "Primary first name" in add  # the form itself is there


def test_every_aria_describedby_on_the_admin_forms_points_at_an_element(signed_in):
    """Every add and change form the administrator can open: no dangling described-by id."""
    from tests.factories import ClientFactory

    client = signed_in(Role.ADMIN, is_superuser=True)
    household = ClientFactory()
    checked = 0
    problems: dict[str, list[str]] = {}
    for model in list(admin.site._registry):
        opts = model._meta
        urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_add")]
        if model is type(household):
            urls.append(reverse("admin:clients_client_change", args=[household.pk]))
        obj = model._default_manager.first() if model is not type(household) else None
        if obj is not None:
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
        for url in urls:
            response = client.get(url)
            if response.status_code != 200:
                continue  # no add permission (read-only models), or a custom page elsewhere
            checked += 1
            broken = _broken_targets(response.content.decode())
            if broken:
                problems[url] = broken
    assert checked >= 10
    assert problems == {}
