"""The audit log only grows: the app cannot change or delete a row, nor can raw SQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from accounts.roles import Role
from audit.models import AppendOnlyError, AuditEvent
from audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_audit_record_keeps_actor_role_ip_object_and_outcome(make_user, rf):
    user = make_user(Role.STAFF)
    request = rf.get("/", REMOTE_ADDR="192.0.2.10")
    event = audit_record(
        action="client.view",
        actor=user,
        obj=user,
        request=request,
        outcome="denied",
        detail={"why": "test"},
    )
    event.refresh_from_db()
    assert (event.actor, event.actor_email, event.role) == (user, user.email, "staff")
    assert event.ip_address == "192.0.2.10"
    assert (event.object_type, event.object_id) == ("accounts.user", str(user.pk))
    assert event.outcome == "denied"
    assert event.occurred_at.utcoffset().total_seconds() == 0


def test_full_ssns_in_details_are_masked(make_user):
    event = audit_record(action="x", detail={"note": "ssn 123-45-6789 and 987654321"})
    assert event.detail["note"] == "ssn XXX-XX-6789 and XXXXX4321"


def test_the_app_cannot_change_or_delete_events():
    event = audit_record(action="x")
    event.action = "y"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="y")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_postgresql_refuses_update_and_delete_even_in_raw_sql():
    assert connection.vendor == "postgresql"
    event = audit_record(action="x")
    for sql in (
        "UPDATE audit_auditevent SET action = 'y' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "x"


def test_logging_masks_full_ssns(caplog):
    import logging

    from audit.logging import RedactSSNFilter

    logger = logging.getLogger("taxhauz.test")
    logger.addFilter(RedactSSNFilter())
    with caplog.at_level(logging.INFO, logger="taxhauz.test"):
        logger.info("reading notice for %s", "123-45-6789")
    assert "123-45-6789" not in caplog.text and "XXX-XX-6789" in caplog.text
