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


def signed_2848_pdf(label: str = "Form 2848") -> bytes:
    """A one-page synthetic 'signed Form 2848' (no real taxpayer data)."""
    import uuid

    from letters.html import STATIC_DIR
    from letters.render import render_pdf

    html = (
        "<html><body><h1>Form 2848</h1><p>Power of Attorney and Declaration of "
        f"Representative</p><p>{label}</p><p>Signed copy {uuid.uuid4().hex[:8]}</p></body></html>"
    )
    return render_pdf(html, base_dir=STATIC_DIR, timeout_s=30)


def poa_on_file(
    client,
    *representatives,
    form: str = "2848",
    taxpayer: str = "primary",
    years: tuple[int, int] = (2021, 2024),
    tax_form: str = "1040",
    received_on=None,
    with_copy: bool = True,
    **fields,
):
    """A power of attorney recorded as staff would: matters, representatives, signed copy.

    Each representative is a practice user; their Representative profile is made if needed.
    """
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from poa.models import Designation, PoaMatter, PowerOfAttorney, Representative
    from poa.services import coverage_refresh, poa_copy_attach, poa_copy_check

    received_on = received_on if received_on is not None else date(2025, 3, 10)
    poa = PowerOfAttorney.objects.create(
        client=client,
        form=form,
        taxpayer=taxpayer,
        signed_on=received_on and date(received_on.year, received_on.month, 1),
        received_on=received_on or None,
        **fields,
    )
    PoaMatter.objects.create(
        poa=poa, tax_type="Income", form_number=tax_form, first_year=years[0], last_year=years[1]
    )
    for user in representatives:
        rep, _ = Representative.objects.get_or_create(
            user=user, defaults={"designation": Designation.CPA, "caf_number": "0301-12345R"}
        )
        poa.representatives.add(rep)
    if with_copy:
        upload = SimpleUploadedFile("2848-signed.pdf", signed_2848_pdf(str(client)))
        poa_copy_attach(actor=None, poa=poa, checked=poa_copy_check(upload))
    coverage_refresh(client_ids=[client.pk])
    return poa
