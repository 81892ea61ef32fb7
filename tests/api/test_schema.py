"""The OpenAPI schema: it generates without a warning, validates as OpenAPI 3, is served to
practice logins, and the API keeps its word: schemathesis sends generated requests to
every operation and checks the answers against it (no 5xx, documented shapes)."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_schema_generates_and_validates_with_no_warning(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    paths = [
        "/api/v1/cases/{id}/transitions/",
        "/api/v1/notices/{id}/fields/",
        "/api/v1/letters/{id}/pdf/",
        "/api/v1/deadlines/",
        "/api/v1/households/",
    ]
    assert all(path in text for path in paths)
    assert "bearerFormat" in text or "scheme: bearer" in text


def test_the_schema_is_served_to_practice_logins(world, api_as):
    response = api_as("staff_u").get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")
    assert api_as("client_a").get("/api/v1/schema/").status_code == 403


def _raw_schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture
def keep_test_connection():
    """The WSGI app closes the database connection after each request; the test's open
    transaction must survive (the Django test client does the same)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_generated_requests_get_answers_that_match_the_schema(world, keep_test_connection):
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
    )

    from taxhauz.wsgi import application

    schema = schemathesis.openapi.from_dict(_raw_schema())
    schema.app = application
    headers = {"Authorization": f"Bearer {world.tokens['partner']}"}
    checks = [not_a_server_error, content_type_conformance, response_schema_conformance]
    seen = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() == "POST" and operation.path == "/api/v1/notices/":
            continue  # multipart uploads: tests/api/test_endpoints.py sends real files

        @given(case=operation.as_strategy())
        @settings(
            max_examples=10,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            case.call_and_validate(headers=headers, checks=checks)

        run()
        seen.append(operation.label)
    assert len(seen) >= 15, seen
