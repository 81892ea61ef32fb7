"""Create (or refresh) the demo practice: households, logins for every role, TOTP keys."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_HOUSEHOLDS, DEMO_LOGINS
from accounts.groups import group_for_role, groups_ensure
from accounts.models import User
from accounts.services import mfa_device_create_with_key
from clients.models import Client


class Command(BaseCommand):
    help = "Create the demo practice with a login for each role (never run in production)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--no-notices",
            action="store_true",
            help="skip uploading the demo notices (they need the worker)",
        )

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            groups = groups_ensure()
            users: dict[str, User] = {}
            for demo in (d for d in DEMO_LOGINS if d.household is None):
                users[demo.email] = self._login(demo, client=None, groups=groups)
            households: dict[str, Client] = {}
            for key, data in DEMO_HOUSEHOLDS.items():
                fields = {k: v for k, v in data.items() if k != "staff"}
                fields["assigned_staff"] = users[data["staff"]]
                households[key], _ = Client.objects.update_or_create(
                    primary_first_name=fields.pop("primary_first_name"),
                    primary_last_name=fields.pop("primary_last_name"),
                    defaults=fields,
                )
            logins = {}
            for demo in (d for d in DEMO_LOGINS if d.household is not None):
                user = self._login(demo, client=households[demo.household], groups=groups)
                logins.setdefault(demo.household, user)
            self._powers_of_attorney(households, users)
        if not options["no_notices"]:
            self._notices(households, logins)
        self._print_table()

    def _notices(self, households, logins) -> None:
        """Upload one synthetic notice per household; the worker reads them."""
        from notices.services import notice_upload
        from portal.demo_notices import demo_notice_pdf, demo_notice_specs

        today = timezone.localdate()
        for spec in demo_notice_specs(today):
            household = households[spec.household]
            if household.notices.exists():
                continue  # the demo keeps the notices it made on an earlier run
            pdf = demo_notice_pdf(spec, today)
            outcome = notice_upload(
                actor=logins[spec.household],
                client=household,
                files=[SimpleUploadedFile(f"{spec.family}-notice.pdf", pdf)],
            )
            state = "uploaded" if outcome.created else "already there"
            self.stdout.write(f"  {spec.family} notice for {household.display_name}: {state}")

    def _powers_of_attorney(self, households, users) -> None:
        """Staff and partner are representatives. The single filer's 2848 is on file; the
        joint filers have only the primary's (so the letter gate shows what is missing);
        the head of household has an 8821 (which never lets a letter go)."""
        from datetime import date

        from django.core.files.uploadedfile import SimpleUploadedFile

        from letters.html import STATIC_DIR
        from letters.render import render_pdf
        from poa.models import Designation, PoaMatter, PowerOfAttorney, Representative
        from poa.services import coverage_refresh, poa_copy_attach, poa_copy_check

        today = timezone.localdate()
        reps = {}
        for email, designation, caf in (
            ("staff@demo.taxhauz.test", Designation.ENROLLED_AGENT, "0301-12345R"),
            ("partner@demo.taxhauz.test", Designation.CPA, "0301-54321R"),
        ):
            reps[email], _ = Representative.objects.update_or_create(
                user=users[email], defaults={"designation": designation, "caf_number": caf}
            )
        plan = (
            ("rivera", "2848", "primary", "staff@demo.taxhauz.test"),
            ("lee", "2848", "primary", "staff@demo.taxhauz.test"),
            ("patel", "8821", "primary", "partner@demo.taxhauz.test"),
        )
        for key, form, taxpayer, rep in plan:
            client = households[key]
            if PowerOfAttorney.objects.filter(client=client).exists():
                continue
            received = date(today.year - 1, 3, 10)
            poa = PowerOfAttorney.objects.create(
                client=client,
                form=form,
                taxpayer=taxpayer,
                signed_on=date(today.year - 1, 3, 1),
                received_on=received,
            )
            poa.representatives.add(reps[rep])
            PoaMatter.objects.create(
                poa=poa, tax_type="Income", form_number="1040",
                first_year=today.year - 4, last_year=today.year - 1,
            )  # fmt: skip
            html = (
                f"<h1>Form {form} (synthetic demo copy)</h1><p>{client.display_name}</p>"
                f"<p>Income, Form 1040, {today.year - 4} through {today.year - 1}</p>"
            )
            pdf = render_pdf(html, base_dir=STATIC_DIR, timeout_s=30)
            checked = poa_copy_check(SimpleUploadedFile(f"form-{form}-signed.pdf", pdf))
            poa_copy_attach(actor=None, poa=poa, checked=checked)
        coverage_refresh(client_ids=[c.pk for c in households.values()])

    def _login(self, demo, *, client, groups) -> User:
        user = User.objects.filter(email=demo.email).first() or User(email=demo.email)
        user.full_name, user.role, user.client = demo.full_name, demo.role, client
        user.is_superuser = demo.role == "admin"
        user.is_active = True
        user.set_password(demo.password)
        user.save()
        group = group_for_role(demo.role)
        user.groups.set([groups[group]] if group else [])
        if demo.mfa:
            mfa_device_create_with_key(user=user, key_hex=demo.totp_key_hex)
        return user

    def _print_table(self) -> None:
        self.stdout.write(
            self.style.SUCCESS("Demo practice ready. Sign in at /account/login/ with:")
        )
        for demo in DEMO_LOGINS:
            line = f"  {demo.role.label:<14} {demo.email:<30} password {demo.password}"
            if demo.mfa:
                line += f"  TOTP key {demo.totp_secret_base32}"
            self.stdout.write(line)
        self.stdout.write(
            "Staff, partner and admin sign-ins ask for a 6-digit code: add the TOTP key to an "
            "authenticator app, or run `python manage.py totp_code EMAIL` (demo only)."
        )
