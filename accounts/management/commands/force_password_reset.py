"""Break-glass: replace passwords with random ones and sign those logins out."""

import getpass

from django.core.management.base import BaseCommand, CommandError

from accounts.breakglass import passwords_force_reset
from accounts.models import User
from accounts.roles import Role


class Command(BaseCommand):
    help = (
        "Force a password reset for --all logins, a --role, or given --email logins. "
        "They sign in again through 'Forgot your password?' (second factor still asked)."
    )

    def add_arguments(self, parser) -> None:
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--all", action="store_true")
        scope.add_argument("--role", choices=[r.value for r in Role])
        scope.add_argument("--email", action="append")
        parser.add_argument("--reason", default="", help="why, for the audit log")

    def handle(self, *args, **options) -> None:
        users = User.objects.filter(is_active=True)
        if options["role"]:
            users = users.filter(role=options["role"])
        elif options["email"]:
            wanted = {e.lower() for e in options["email"]}
            users = users.filter(email__in=wanted)
            if users.count() != len(wanted):
                raise CommandError("Unknown or inactive login in --email.")
        count = passwords_force_reset(
            operator=f"break-glass:{getpass.getuser()}", users=users, reason=options["reason"]
        )
        self.stdout.write(f"Forced a password reset for {count} login(s).")
