"""`closeloop import_file --source <name> <file>`: import a transfer export or a ledger now.

Runs in this process with a progress bar, prints what it did, and exits non-zero when a batch was
refused (the error report is written beside the file) or the file or source is unusable.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from closeloop.core.errors import DomainError, ValidationFailed
from closeloop.imports import reports, services
from closeloop.imports.models import ImportJob, JobStatus
from closeloop.org.models import User


class Command(BaseCommand):
    help = "Import a transfer export (12315 / 12345 work orders) or a historical ledger from .xlsx or .csv."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", required=True, help="Name of the import source (its mapping).")
        parser.add_argument("--batch-size", type=int, default=1000, help="Rows per all-or-nothing batch.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and save nothing.")
        parser.add_argument("--user", help="Username of the importer (default: the first active superuser).")
        parser.add_argument(
            "--errors", type=Path, help="Where to write the error report (default: beside the file)."
        )

    def handle(self, *args, file: Path, source: str, batch_size: int, dry_run: bool, **options) -> None:
        if not file.is_file():
            raise CommandError(f"No file {file}.")
        actor = self._actor(options.get("user"))
        bar = tqdm(total=None, unit="rows", file=sys.stderr, disable=None, dynamic_ncols=True)

        def started(job: ImportJob) -> None:
            bar.reset(total=job.total_rows)

        try:
            job = services.import_file(
                actor=actor,
                source=source,
                path=file,
                batch_size=batch_size,
                dry_run=dry_run,
                progress=bar.update,
                on_start=started,
            )
        except ValidationFailed as error:
            raise CommandError(" ".join(m for ms in error.fields.values() for m in ms)) from error
        except DomainError as error:
            raise CommandError(error.message) from error
        finally:
            bar.close()
        verb = "would create" if job.dry_run else "created"
        self.stdout.write(
            f"Import job {job.pk} ({job.source.name}, {job.get_kind_display()}): {job.get_status_display()}. "
            f"Rows {job.processed_rows}: {verb} {job.created_count}, skipped {job.skipped_count} duplicates, "
            f"{job.failed_rows} not imported in {job.failed_batches} refused batches."
        )
        if job.status == JobStatus.DONE:
            return
        if job.message:
            raise CommandError(job.message)
        report = options.get("errors") or file.with_name(f"{file.stem}.{reports.report_name(job, 'csv')}")
        report.write_bytes(reports.errors_csv(job))
        raise CommandError(
            f"{job.failed_batches} batches were not imported; the error report is {report}. "
            "Fix those rows and import the file again: rows already imported are skipped."
        )

    def _actor(self, username: str | None) -> User:
        users = User.objects.filter(is_active=True)
        actor = (
            users.filter(username=username).first()
            if username
            else users.filter(is_superuser=True).order_by("id").first()
        )
        if actor is None:
            raise CommandError(
                f"No active user {username}." if username else "No active superuser: give --user."
            )
        if not services.may_import(actor):
            raise CommandError(
                f"{actor.username} may not import (supervisors, heads, executives, admins may)."
            )
        return actor
