"""Make an API token from the command line (deploy scripts); prints it once."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from api.services import TokenRefused, api_token_create
from audit.services import audit_record


class Command(BaseCommand):
    help = "Create an API token for a practice login and print it (shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="The practice login it acts as.")
        parser.add_argument("--name", required=True, help="What will use it, e.g. 'CRM sync'.")
        parser.add_argument("--days", type=int, default=None, help="Lifetime (default 90).")
        parser.add_argument("--operator", required=True, help="Who runs this (for the audit log).")

    def handle(self, *args, email, name, days, operator, **options):
        user = User.objects.filter(email=email.lower()).first()
        if user is None:
            raise CommandError(f"No login {email}.")
        try:
            token, raw = api_token_create(actor=None, user=user, name=name, days=days)
        except TokenRefused as exc:
            raise CommandError(str(exc)) from None
        audit_record(
            action="api_token.create_cli", actor_email=operator, obj=token, detail={"for": email}
        )
        self.stdout.write(raw)
        self.stderr.write(f"Valid until {token.expires_at:%Y-%m-%d}. Copy it now: it is not kept.")
