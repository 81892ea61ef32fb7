"""Break-glass: sign everyone out (or the given logins), on every device, now."""

import getpass

from django.core.management.base import BaseCommand, CommandError

from accounts.breakglass import sessions_revoke
from accounts.models import User


class Command(BaseCommand):
    help = "Delete every session (or those of --email logins) and audit it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--email", action="append", default=[], help="only this login")
        parser.add_argument("--reason", default="", help="why, for the audit log")

    def handle(self, *args, **options) -> None:
        users = None
        if options["email"]:
            users = list(User.objects.filter(email__in=[e.lower() for e in options["email"]]))
            if len(users) != len(set(options["email"])):
                raise CommandError("Unknown login in --email.")
        count = sessions_revoke(
            operator=f"break-glass:{getpass.getuser()}", users=users, reason=options["reason"]
        )
        self.stdout.write(f"Revoked {count} session(s).")
