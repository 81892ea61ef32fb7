import pytest

from tests.cases_django.conftest import eager_celery, household, make_notice  # noqa: F401
from tests.notices.conftest import corpus, household_for  # noqa: F401


@pytest.fixture
def endpoint(db, make_user):
    """An endpoint for every event, on a loopback port nothing listens on."""
    from accounts.roles import Role
    from webhooks.models import Event
    from webhooks.services import endpoint_create

    found, secret = endpoint_create(
        actor=make_user(Role.ADMIN), name="CRM", url="http://127.0.0.1:9/hooks", events=Event.values
    )
    found.secret = secret
    return found
