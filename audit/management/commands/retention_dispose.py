"""Dispose of closed matters past the retention period (rows and stored files), audited:
notices, their case, letters, the client's documents and payment proofs."""

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
        others = {k: n for k, n in sorted(report.counts.items()) if k != "notices" and n}
        if others:
            listed = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in others.items())
            self.stdout.write(f"With them: {listed}.")
