import factory

from accounts.models import User
from accounts.roles import Role
from clients.models import Client, FilingStatus


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    primary_first_name = factory.Faker("first_name")
    primary_last_name = factory.Faker("last_name")
    primary_ssn_last4 = factory.Sequence(lambda n: f"{1000 + n % 9000:04d}")
    filing_status = FilingStatus.SINGLE
    address_line1 = factory.Faker("street_address")
    city = factory.Faker("city")
    state = "IL"
    zip_code = "62704"


class JointClientFactory(ClientFactory):
    spouse_first_name = factory.Faker("first_name")
    spouse_last_name = factory.SelfAttribute("primary_last_name")
    spouse_ssn_last4 = factory.Sequence(lambda n: f"{9999 - n % 9000:04d}")
    filing_status = FilingStatus.MARRIED_JOINT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Faker("name")
    role = Role.STAFF
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery-9")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
