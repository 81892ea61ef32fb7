"""Who sees which household: one rule, used by every page."""

import pytest

from accounts.roles import Role
from clients.models import Client
from tests.conftest import sign_in
from tests.factories import ClientFactory, JointClientFactory

pytestmark = pytest.mark.django_db


def test_a_client_login_sees_only_its_own_household(client, make_user):
    mine, theirs = ClientFactory(), ClientFactory()
    user = make_user(Role.CLIENT, client=mine)
    assert list(Client.objects.visible_to(user)) == [mine]
    sign_in(client, user)
    # Client logins have no household pages at all, and never another household's.
    assert client.get(f"/clients/{theirs.public_id}/").status_code in (403, 404)


def test_staff_see_assigned_households_and_get_404_for_others(client, make_user):
    staff = make_user(Role.STAFF)
    mine = ClientFactory(assigned_staff=staff)
    other = ClientFactory(assigned_staff=make_user(Role.STAFF))
    sign_in(client, staff)
    listing = client.get("/clients/").content.decode()
    assert mine.display_name in listing and other.display_name not in listing
    assert client.get(f"/clients/{mine.public_id}/").status_code == 200
    assert client.get(f"/clients/{other.public_id}/").status_code == 404


def test_partners_see_every_household(client, make_user):
    partner = make_user(Role.PARTNER)
    households = [ClientFactory(), ClientFactory(assigned_staff=make_user(Role.STAFF))]
    sign_in(client, partner)
    for household in households:
        assert client.get(f"/clients/{household.public_id}/").status_code == 200


def test_staff_with_the_permission_see_every_household(make_user):
    from django.contrib.auth.models import Permission

    staff = make_user(Role.STAFF)
    ClientFactory(), ClientFactory()
    assert Client.objects.visible_to(staff).count() == 0
    staff.user_permissions.add(Permission.objects.get(codename="view_all_clients"))
    staff = type(staff).objects.get(pk=staff.pk)  # permission cache
    assert Client.objects.visible_to(staff).count() == 2


def test_inactive_logins_see_nothing(make_user):
    staff = make_user(Role.PARTNER, is_active=False)
    ClientFactory()
    assert Client.objects.visible_to(staff).count() == 0


def test_only_the_last_four_ssn_digits_can_be_stored(db):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ClientFactory(primary_ssn_last4="12a4")
    household = JointClientFactory()
    assert household.ssn_last4s == (household.primary_ssn_last4, household.spouse_ssn_last4)
    assert household.masked_primary_ssn == f"XXX-XX-{household.primary_ssn_last4}"


def test_a_joint_household_names_both_spouses(db):
    household = JointClientFactory(
        primary_first_name="Jordan", spouse_first_name="Casey", primary_last_name="Lee"
    )
    assert household.display_name == "Jordan and Casey Lee"
    assert household.is_joint


def test_a_client_login_must_belong_to_a_household(db):
    from django.db import IntegrityError, transaction

    from tests.factories import UserFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(role=Role.CLIENT, client=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(role=Role.STAFF, client=ClientFactory())
