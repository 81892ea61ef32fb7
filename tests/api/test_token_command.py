import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.roles import Role
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_command_prints_a_working_token_once_and_audits_who_ran_it(make_user):
    staff = make_user(Role.STAFF)
    out = io.StringIO()
    call_command(
        "api_token_create", email=staff.email, name="DMS", operator="ops@practice.test", stdout=out,
        stderr=io.StringIO(),
    )  # fmt: skip
    raw = out.getvalue().strip()
    c = Client()
    assert c.get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    assert AuditEvent.objects.get(action="api_token.create_cli").actor_email == "ops@practice.test"
    with pytest.raises(CommandError, match="clients use the portal"):
        call_command(
            "api_token_create", email=make_user(Role.CLIENT).email, name="x", operator="ops"
        )
