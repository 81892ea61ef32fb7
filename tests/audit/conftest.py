"""The case fixtures (read notices without the reader, a household with its staff member)."""

from tests.cases_django.conftest import household, make_notice  # noqa: F401
