"""Dispose of notices past the retention period (rows and stored files), audited."""

import getpass

from django.core.management.base import BaseCommand

from audit.retention import retention_days, retention_dispose


class Command(BaseCommand):
    help = (
        "Dispose of notices whose case closed (or, with no case, that were uploaded) more "
        "than TAXHAUZ_RETENTION_DAYS ago, unless on legal hold. --dry-run lists them."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options) -> None:
        report = retention_dispose(
            dry_run=options["dry_run"], operator=f"retention:{getpass.getuser()}"
        )
        verb = "Would dispose of" if report.dry_run else "Disposed of"
        self.stdout.write(
            f"{verb} {len(report.disposed)} notice(s) and {report.files_deleted} file(s) "
            f"past {retention_days()} days (before {report.cutoff:%Y-%m-%d})."
        )
