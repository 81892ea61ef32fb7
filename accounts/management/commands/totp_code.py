"""Print the current TOTP code of a demo login, so the demo can be tried without a phone."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from accounts.demo import demo_login


class Command(BaseCommand):
    help = "Print the current 6-digit code of a demo staff/partner/admin login (DEBUG only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("totp_code only works on the demo (DEBUG) settings.")
        demo = demo_login(options["email"])
        if demo is None or not demo.mfa:
            raise CommandError("Not a demo login with two-step sign-in.")
        self.stdout.write(f"{totp(demo.totp_key):06d}")
