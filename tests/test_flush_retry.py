"""The suite's own safety net: a flush cancelled by a deadlock with a finishing worker is
retried, anything else still fails (tests/conftest.py)."""

import pytest
from django.core.management.base import CommandError
from django.db import OperationalError
from django.test import TransactionTestCase


def _flaky(errors):
    calls = []

    def original(self):
        calls.append(1)
        if errors:
            cause = errors.pop(0)
            raise CommandError("Database couldn't be flushed.") from cause
        return "flushed"

    return original, calls


def test_a_flush_cancelled_by_a_deadlock_is_retried(monkeypatch):
    import tests.conftest as conftest

    original, calls = _flaky(
        [OperationalError("deadlock detected"), OperationalError("deadlock detected")]
    )
    monkeypatch.setattr(TransactionTestCase, "_fixture_teardown", original)
    conftest.pytest_configure(None)
    assert TransactionTestCase._fixture_teardown(object()) == "flushed"
    assert len(calls) == 3


def test_other_flush_errors_are_not_hidden(monkeypatch):
    import tests.conftest as conftest

    original, _ = _flaky([OperationalError("relation does not exist")])
    monkeypatch.setattr(TransactionTestCase, "_fixture_teardown", original)
    conftest.pytest_configure(None)
    with pytest.raises(CommandError):
        TransactionTestCase._fixture_teardown(object())
