"""Break-glass: pause (or resume) every file upload and download."""

import getpass

from django.core.management.base import BaseCommand

from accounts.breakglass import files_maintenance_is_on, files_maintenance_set


class Command(BaseCommand):
    help = "files_maintenance on|off|status: while on, uploads and downloads answer 503."

    def add_arguments(self, parser) -> None:
        parser.add_argument("state", choices=["on", "off", "status"])
        parser.add_argument("--reason", default="", help="why, for the audit log")

    def handle(self, *args, **options) -> None:
        if options["state"] != "status":
            files_maintenance_set(
                operator=f"break-glass:{getpass.getuser()}",
                on=options["state"] == "on",
                reason=options["reason"],
            )
        state = "on" if files_maintenance_is_on() else "off"
        self.stdout.write(f"Files maintenance is {state}.")
