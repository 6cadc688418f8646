"""Every write of the importer: queue a file, claim and run a job, import its rows batch by batch.

A batch (1,000 rows by default) is all-or-nothing: every row is checked first, and if one is
wrong nothing of the batch is saved and each problem is recorded with its row number, column and
reason; the other batches still import. Rows whose reference the source already imported are
skipped, so importing the same export again (after fixing its bad rows) is safe.

Transfers (12315 / 12345 work orders) go through `case_register` like any complaint, keep the
regulator's reference and deadline, and the case's deadlines are pulled in to the regulator's.
Ledger rows (台账迁移) are history: far too many for the per-case service path, so each batch is
written with bulk inserts — customers matched like `customer_find`, case numbers reserved per day,
and one "imported" audit event per case. No customer is notified of a ledger row.
"""

import logging
import secrets
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from closeloop.cases import services as case_services
from closeloop.cases.choices import Emotion, Status, SystemEvent
from closeloop.cases.models import Case, Event, Feedback, FollowUp
from closeloop.core import clock
from closeloop.core.errors import Conflict, DomainError, Forbidden, ValidationFailed
from closeloop.imports.models import (
    ExternalTicket,
    ImportJob,
    ImportKind,
    ImportRowError,
    ImportSource,
    JobStatus,
)
from closeloop.imports.readers import open_table, suffix_of
from closeloop.imports.rows import ParsedRow, RowError, RowReader
from closeloop.org.choices import ReplyChannel, Role
from closeloop.org.models import Customer, User
from closeloop.org.selectors import user_roles
from closeloop.policy.choices import Deadline
from closeloop.sla import deadlines

log = logging.getLogger(__name__)

IMPORT_ROLES = frozenset({Role.SUPERVISOR, Role.HEAD, Role.EXECUTIVE, Role.ADMIN})
# Roles that see every job; everyone else sees the jobs they started.
JOB_READ_ALL_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})
MAX_BATCH_SIZE = 10_000
# A running job reports after every batch; one silent this long lost its worker and is run again
# (its finished batches are then skipped as duplicates).
STALE_AFTER = timedelta(minutes=15)

Progress = Callable[[int], None]


def may_import(user: User) -> bool:
    return bool(user_roles(user) & IMPORT_ROLES)


def check_may_import(user: User) -> None:
    if not may_import(user):
        raise Forbidden(_("Only supervisors, department heads, executives and administrators may import."))


def _source(value: ImportSource | str | int) -> ImportSource:
    if isinstance(value, ImportSource):
        return value
    qs = ImportSource.objects.filter(active=True)
    found = qs.filter(pk=int(value)).first() if str(value).isdigit() else None
    found = found or qs.filter(name=str(value).strip()).first()
    if found is None:
        raise ValidationFailed({"source": _("No active import source '%(value)s'.") % {"value": value}})
    return found


# --- queueing -----------------------------------------------------------------------------------


def job_create(
    *,
    actor: User,
    source: ImportSource | str | int,
    upload: File,
    batch_size: int | None = None,
    dry_run: bool = False,
) -> ImportJob:
    """Store the uploaded file and queue a job for it; a worker (or `closeloop jobs`) runs it."""
    check_may_import(actor)
    found = _source(source)
    name = Path(getattr(upload, "name", "") or "").name
    suffix_of(name)
    size = batch_size or 1000
    if not 1 <= size <= MAX_BATCH_SIZE:
        raise ValidationFailed(
            {"batch_size": _("A batch size from 1 to %(max)s.") % {"max": f"{MAX_BATCH_SIZE:,}"}}
        )
    with transaction.atomic():
        job = ImportJob(
            token=secrets.token_hex(16),
            source=found,
            kind=found.kind,
            original_name=name[-255:],
            batch_size=size,
            dry_run=dry_run,
            created_by=actor,
            created_at=clock.now(),
        )
        job.file.save(name, upload, save=False)
        job.save()
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            # With a broker a worker starts at once. Without one (the embedded default) tasks run
            # eagerly, which would import inside the upload request: the periodic task runs it.
            from closeloop.imports.tasks import import_job_run_task

            transaction.on_commit(lambda: import_job_run_task.delay(job.pk), robust=True)
    return job


def job_claim(job_id: int) -> bool:
    """Take a queued job for this worker. One conditional UPDATE: of two workers, one wins."""
    now = clock.now()
    return (
        ImportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING, started_at=now, heartbeat_at=now
        )
        == 1
    )


def jobs_requeue_stale() -> int:
    cutoff = clock.now() - STALE_AFTER
    return ImportJob.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=cutoff).update(
        status=JobStatus.QUEUED
    )


def jobs_run_queued(*, limit: int = 10) -> int:
    """Run queued jobs, oldest first; the periodic task. Returns how many this call ran."""
    jobs_requeue_stale()
    ran = 0
    while ran < limit:
        queued = list(
            ImportJob.objects.filter(status=JobStatus.QUEUED)
            .order_by("created_at", "id")
            .values_list("pk", flat=True)[:5]
        )
        claimed = next((pk for pk in queued if job_claim(pk)), None)
        if claimed is None:
            return ran
        job_run(job=ImportJob.objects.select_related("source", "created_by").get(pk=claimed))
        ran += 1
    return ran


def job_run_claimed(job_id: int) -> bool:
    """Run one job if it is still queued (a Celery task for it may arrive after the periodic run)."""
    if not job_claim(job_id):
        return False
    job_run(job=ImportJob.objects.select_related("source", "created_by").get(pk=job_id))
    return True


def import_file(
    *,
    actor: User,
    source: ImportSource | str | int,
    path: Path,
    batch_size: int | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    on_start: Callable[[ImportJob], None] | None = None,
) -> ImportJob:
    """Import a local file now, in this process (the command line): queue, claim and run."""
    with path.open("rb") as handle:
        job = job_create(
            actor=actor,
            source=source,
            upload=File(handle, name=path.name),
            batch_size=batch_size,
            dry_run=dry_run,
        )
    if not job_claim(job.pk):
        raise Conflict(_("Import job %(job)s was taken by another worker.") % {"job": job.pk})
    job.refresh_from_db()
    return job_run(job=job, progress=progress, on_start=on_start)


# --- running ------------------------------------------------------------------------------------


@contextmanager
def _local_copy(job: ImportJob) -> Iterator[Path]:
    """A path to the stored file: the file itself on disk storage, a temporary copy otherwise (S3)."""
    try:
        yield Path(default_storage.path(job.file.name))
        return
    except NotImplementedError:
        pass
    with tempfile.NamedTemporaryFile(suffix=Path(job.file.name).suffix) as copy:
        with default_storage.open(job.file.name, "rb") as stored:
            shutil.copyfileobj(stored, copy)
        copy.flush()
        yield Path(copy.name)


@dataclass
class BatchResult:
    created: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)


def _batches(rows: Iterator[tuple[int, tuple]], size: int) -> Iterator[list[tuple[int, tuple]]]:
    while batch := list(islice(rows, size)):
        yield batch


def job_run(
    *, job: ImportJob, progress: Progress | None = None, on_start: Callable[[ImportJob], None] | None = None
) -> ImportJob:
    """Import a claimed job's file batch by batch, recording progress after each batch."""
    # Reasons are written for the person who started the job, in their language.
    with translation.override(job.created_by.language or settings.LANGUAGE_CODE):
        ImportRowError.objects.filter(job=job).delete()  # a stale job runs again from the start
        ImportJob.objects.filter(pk=job.pk).update(
            processed_rows=0, created_count=0, skipped_count=0, failed_rows=0, failed_batches=0, message=""
        )
        try:
            with _local_copy(job) as path:
                _run(job, path, progress, on_start)
        except ValidationFailed as error:
            message = " ".join(m for messages in error.fields.values() for m in messages)
            _finish(job, status=JobStatus.FAILED, message=message)
        except Exception as error:  # the job must end as failed whatever stopped it
            # Only the type: a database error's text may quote the row's personal data.
            log.error("import job %s failed: %s", job.pk, type(error).__name__)
            _finish(job, status=JobStatus.FAILED, message=_("The import stopped on an internal error."))
    job.refresh_from_db()
    return job


def _run(job: ImportJob, path: Path, progress: Progress | None, on_start) -> None:
    table = open_table(path, name=job.original_name or job.file.name, header_row=job.source.header_row)
    try:
        reader = RowReader(job.source, table.headers)
        ImportJob.objects.filter(pk=job.pk).update(total_rows=table.total)
        job.total_rows = table.total
        if on_start:
            on_start(job)
        importer = (_TransferImporter if job.kind == ImportKind.TRANSFER else _LedgerImporter)(job)
        processed = created = skipped = failed_rows = failed_batches = 0
        for batch in _batches(table.rows, job.batch_size):
            parsed, errors = [], []
            for number, values in batch:
                row, row_errors = reader.read(number, values)
                errors.extend(row_errors)
                if row is not None:
                    parsed.append(row)
            result = BatchResult(errors=errors) if errors else importer.run(parsed)
            with transaction.atomic():
                if result.errors:
                    failed_batches += 1
                    failed_rows += len(batch)
                    ImportRowError.objects.bulk_create(
                        ImportRowError(
                            job=job, row=e.row, column=e.column[:200], value=e.value, reason=e.reason
                        )
                        for e in result.errors
                    )
                processed += len(batch)
                created += result.created
                skipped += result.skipped
                ImportJob.objects.filter(pk=job.pk).update(
                    processed_rows=processed,
                    created_count=created,
                    skipped_count=skipped,
                    failed_rows=failed_rows,
                    failed_batches=failed_batches,
                    heartbeat_at=clock.now(),
                )
            if progress:
                progress(len(batch))
    finally:
        if table.close:
            table.close()
    if failed_batches == 0:
        status = JobStatus.DONE
    elif created or skipped:
        status = JobStatus.PARTIAL
    else:
        status = JobStatus.FAILED
    _finish(job, status=status, total=processed)


def _finish(job: ImportJob, *, status: str, message: str = "", total: int | None = None) -> None:
    updates: dict[str, Any] = {"status": status, "finished_at": clock.now(), "message": message}
    if total is not None:
        # The sheet's dimension may have counted trailing blank rows.
        updates["total_rows"] = total
    ImportJob.objects.filter(pk=job.pk).update(**updates)


class _Importer:
    def __init__(self, job: ImportJob) -> None:
        self.job = job
        self.source = job.source
        self.actor = job.created_by
        self.seen: set[str] = set()  # references earlier in this file

    def fresh(self, rows: list[ParsedRow]) -> tuple[list[ParsedRow], int]:
        """Rows not imported before from this source nor earlier in the file; and how many were."""
        taken = set(
            ExternalTicket.objects.filter(
                source=self.source, external_ref__in=[r.external_ref for r in rows]
            ).values_list("external_ref", flat=True)
        )
        fresh = []
        for row in rows:
            if row.external_ref in taken or row.external_ref in self.seen:
                continue
            self.seen.add(row.external_ref)
            fresh.append(row)
        return fresh, len(rows) - len(fresh)

    def event_data(self, row: ParsedRow) -> dict[str, Any]:
        return {
            "source": self.source.name,
            "kind": self.job.kind,
            "job": self.job.pk,
            "row": row.row,
            "external_ref": row.external_ref,
        }

    def run(self, rows: list[ParsedRow]) -> BatchResult:
        raise NotImplementedError


# --- transfers ----------------------------------------------------------------------------------

# A service's error key → our field, to name the column in the report.
_SERVICE_FIELDS = {
    "complainant.name": "name",
    "complainant.phone": "phone",
    "complainant.email": "email",
    "complainant": "phone",
    "complainant.preferred_channel": "phone",
    "cooperating": "department",
    "handler": "department",
}


class _TransferImporter(_Importer):
    def run(self, rows: list[ParsedRow]) -> BatchResult:
        result = BatchResult()
        fresh, result.skipped = self.fresh(rows)
        with transaction.atomic():
            for row in fresh:
                try:
                    with transaction.atomic():
                        self.register(row)
                except ValidationFailed as error:
                    result.errors.extend(self._row_errors(row, error))
                except IntegrityError:
                    # Imported meanwhile by another job of the same source.
                    result.skipped += 1
                except DomainError as error:
                    result.errors.append(RowError(row.row, "", "", error.message))
                else:
                    result.created += 1
            if result.errors or self.job.dry_run:
                transaction.set_rollback(True)
        if result.errors:
            result.created = 0
        return result

    def _row_errors(self, row: ParsedRow, error: ValidationFailed) -> list[RowError]:
        out = []
        for key, messages in error.fields.items():
            name = _SERVICE_FIELDS.get(key, key)
            column = self.column(name)
            value = row.raw.get(column, "")
            out.extend(RowError(row.row, column, value, f"{column}: {m}" if column else m) for m in messages)
        return out

    def column(self, name: str) -> str:
        mapping = self.source.column_map or {}
        return str(mapping.get(name) or name)

    def register(self, row: ParsedRow) -> Case:
        v = row.values
        case = case_services.case_register(
            actor=self.actor,
            channel=v["channel"],
            contacted_at=v["contacted_at"],
            registered_at=None,
            complainant={"name": v["name"], "phone": v["phone"], "email": v["email"]},
            title=v["title"],
            description=v["description"],
            category=v["category"].code,
            grade=v["grade"],
            location=v["location"],
            amount=v["amount"],
            demand=v["demand"],
            order_ref=v["order_ref"],
            external_ref=row.external_ref,
        )
        if v["department"] is not None and v["department"].pk != case.lead_department_id:
            case = case_services.case_assign(case=case, actor=self.actor, department=v["department"])
        if v["due_at"] is not None:
            case = external_deadline_apply(
                case=case, actor=self.actor, due_at=v["due_at"], source=self.source
            )
        ExternalTicket.objects.create(
            case=case,
            source=self.source,
            external_ref=row.external_ref,
            external_due_at=v["due_at"],
            raw=row.raw,
            job=self.job,
            row=row.row,
            created_at=clock.now(),
        )
        case_services.event_record(
            case=case,
            action=SystemEvent.IMPORTED.value,
            actor=self.actor,
            from_status=case.status,
            data={**self.event_data(row), "external_due_at": v["due_at"]},
        )
        return case


def external_deadline_apply(*, case: Case, actor: User, due_at: datetime, source: ImportSource) -> Case:
    """The regulator's deadline binds us: no deadline of the case may run past it.

    Pulls the resolution (and first-response) deadline in to `due_at` when the policy gave a later
    one, recomputes when the SLA sweep must next look at the case, and records the change.
    """
    if timezone.is_naive(due_at):
        raise ValidationFailed({"due_at": _("Give a time zone.")})
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        changes = {}
        for name in ("response_due_at", "resolution_due_at"):
            current = getattr(locked, name)
            if (current is None and name == "resolution_due_at") or (
                current is not None and current > due_at
            ):
                changes[name] = [current.isoformat() if current else None, due_at.isoformat()]
                setattr(locked, name, due_at)
        if not changes:
            return locked
        locked.version += 1
        deadlines.refresh(locked)
        locked.save()
        case_services.event_record(
            case=locked,
            action=SystemEvent.EXTERNAL_DEADLINE.value,
            actor=actor,
            from_status=locked.status,
            changes=changes,
            data={"source": source.name, "external_due_at": due_at},
        )
    return locked


# --- ledger -------------------------------------------------------------------------------------


class _LedgerImporter(_Importer):
    def run(self, rows: list[ParsedRow]) -> BatchResult:
        result = BatchResult()
        fresh, result.skipped = self.fresh(rows)
        if not fresh:
            return result
        try:
            with transaction.atomic():
                result.created = self.save(fresh)
                if self.job.dry_run:
                    transaction.set_rollback(True)
        except DatabaseError as error:
            # A constraint the checks did not foresee: the batch is refused as a whole.
            log.warning(
                "import job %s: batch from row %s not saved: %s",
                self.job.pk,
                fresh[0].row,
                type(error).__name__,
            )
            first, last = fresh[0].row, fresh[-1].row
            result.created = 0
            result.errors.append(
                RowError(
                    first,
                    "",
                    "",
                    _("Rows %(first)s to %(last)s could not be saved (%(error)s); none of them was imported.")
                    % {"first": first, "last": last, "error": type(error).__name__},
                )
            )
        return result

    def save(self, rows: list[ParsedRow]) -> int:
        now = clock.now()
        customers = self._customers(rows)
        numbers = self._numbers(rows)
        archive_numbers = self._archive_numbers(rows)
        cases = []
        for row in rows:
            case = self._case(row, customers[row.row], numbers[row.row], now)
            if case.status == Status.ARCHIVED:
                case.archive_number = archive_numbers[row.row]
            cases.append(case)
        _insert(Case, cases)
        ids = dict(Case.objects.filter(number__in=[c.number for c in cases]).values_list("number", "pk"))
        for case in cases:
            case.pk = ids[case.number]
            case._state.adding = False
        actor = self.actor
        events = [
            Event(
                case=case,
                action=SystemEvent.IMPORTED.value,
                actor=actor,
                created_at=now,
                to_status=case.status,
                data=self.event_data(row),
            )
            for row, case in zip(rows, cases, strict=True)
        ]
        tickets = [
            ExternalTicket(
                case=case,
                source=self.source,
                external_ref=row.external_ref,
                job=self.job,
                row=row.row,
                created_at=now,
            )
            for row, case in zip(rows, cases, strict=True)
        ]
        feedback, follow_ups = [], []
        for row, case in zip(rows, cases, strict=True):
            v = row.values
            when = case.closed_at or case.registered_at
            if v["result"]:
                feedback.append(
                    Feedback(
                        case=case,
                        channel=case.preferred_channel,
                        content=v["result"],
                        given_by=v["handler"] or actor,
                        created_at=when,
                    )
                )
            if v["satisfaction"] is not None:
                follow_ups.append(
                    FollowUp(
                        case=case,
                        method=case.preferred_channel,
                        satisfaction=v["satisfaction"],
                        recorded_by=actor,
                        created_at=when,
                    )
                )
        for model, objects in (
            (Event, events),
            (ExternalTicket, tickets),
            (Feedback, feedback),
            (FollowUp, follow_ups),
        ):
            _insert(model, objects)
        return len(cases)

    def _customers(self, rows: list[ParsedRow]) -> dict[int, Customer]:
        """The customer of each row, matched like `customer_find` (phone, then e-mail) or created."""
        fields = ("id", "phone", "email", "tier")
        by_phone: dict[str, Customer] = {}
        phones = {r.values["phone"] for r in rows if r.values["phone"]}
        for customer in Customer.objects.filter(phone__in=phones).order_by("id").only(*fields):
            by_phone.setdefault(customer.phone, customer)
        by_email: dict[str, Customer] = {}
        emails = {r.values["email"] for r in rows if r.values["email"] and r.values["phone"] not in by_phone}
        if emails:
            # Intake stores e-mail addresses lower-cased (case_register), as the rows are read: an
            # exact match uses the index, where a case-insensitive one would scan every customer
            # for every batch.
            for customer in Customer.objects.filter(email__in=emails).order_by("id").only(*fields):
                by_email.setdefault(customer.email, customer)
        chosen: dict[int, Customer] = {}
        new: list[Customer] = []
        completed: dict[int, Customer] = {}
        for row in rows:
            v = row.values
            customer = by_phone.get(v["phone"]) if v["phone"] else None
            customer = customer or (by_email.get(v["email"]) if v["email"] else None)
            if customer is None:
                customer = Customer(
                    name=v["name"],
                    phone=v["phone"],
                    email=v["email"],
                    preferred_channel=ReplyChannel.PHONE
                    if v["phone"] or not v["email"]
                    else ReplyChannel.EMAIL,
                )
                new.append(customer)
                # A later row of the same person finds this one, as customer_find would.
                if v["phone"]:
                    by_phone[v["phone"]] = customer
                if v["email"]:
                    by_email.setdefault(v["email"], customer)
            elif customer.pk is not None:
                # As case_register does: a contact detail the record lacks is taken from the row.
                for field in ("phone", "email"):
                    if v[field] and not getattr(customer, field):
                        setattr(customer, field, v[field])
                        completed[customer.pk] = customer
            chosen[row.row] = customer
        Customer.objects.bulk_create(new)
        Customer.objects.bulk_update(completed.values(), ["phone", "email"])
        return chosen

    def _numbers(self, rows: list[ParsedRow]) -> dict[int, str]:
        """Case numbers of the day each case was registered, reserved once per day of the batch."""
        by_day: dict[str, list[int]] = defaultdict(list)
        for row in rows:
            day = timezone.localtime(row.values["registered_at"] or row.values["contacted_at"]).strftime(
                "%Y%m%d"
            )
            by_day[day].append(row.row)
        numbers = {}
        for day in sorted(by_day):  # one lock order for every importer
            reserved = case_services.case_numbers_reserve(day, len(by_day[day]))
            numbers.update(zip(by_day[day], reserved, strict=True))
        return numbers

    def _archive_numbers(self, rows: list[ParsedRow]) -> dict[int, str]:
        by_year: dict[int, list[int]] = defaultdict(list)
        for row in rows:
            if row.values["status"] == Status.ARCHIVED:
                by_year[timezone.localtime(row.values["closed_at"]).year].append(row.row)
        numbers = {}
        for year in sorted(by_year):
            reserved = case_services.archive_numbers_reserve(year, len(by_year[year]))
            numbers.update(zip(by_year[year], reserved, strict=True))
        return numbers

    def _case(self, row: ParsedRow, customer: Customer, number: str, now: datetime) -> Case:
        v = row.values
        category = v["category"]
        contacted = v["contacted_at"]
        status = v["status"]
        case = Case(
            number=number,
            status=status,
            channel=v["channel"],
            external_ref=row.external_ref,
            title=v["title"],
            description=v["description"],
            demand=v["demand"],
            emotion=Emotion.CALM,
            location=v["location"],
            amount=v["amount"],
            order_ref=v["order_ref"],
            category=category,
            grade=v["grade"],
            customer=customer,
            complainant_name=v["name"],
            complainant_phone=v["phone"],
            complainant_email=v["email"],
            preferred_channel=ReplyChannel.PHONE if v["phone"] or not v["email"] else ReplyChannel.EMAIL,
            customer_tier=customer.tier,
            contacted_at=contacted,
            registered_at=v["registered_at"] or contacted,
            registered_by=self.actor,
            first_contact_owner=self.actor,
            lead_department=v["department"] or category.default_department,
            handler=v["handler"],
            # A ledger is history: its cases are not screened for duplicates (they would be
            # suggested against each other by the thousand); intake screens new ones against them.
            screened_at=now,
        )
        if status in (Status.CLOSED, Status.ARCHIVED):
            # History: the case is finished, so no clock runs and the sweep never looks at it.
            closed = v["closed_at"]
            case.closed_at = closed
            case.resolved_at = closed
            case.feedback_at = closed if v["result"] else None
            if status == Status.ARCHIVED:
                case.archived_at = closed
                case.retention_until = case_services.retention_end(timezone.localtime(closed).date())
        else:
            deadlines.policy_apply(case, start=contacted, response_too=True)
            if status in deadlines.HANDLING_STATUSES:
                case.progress_due_at = deadlines.span_add(case, now, Deadline.PROGRESS)
            deadlines.refresh(case, fired=set())
        return case


# Field types whose Python value is already what the database driver takes.
_AS_IS = frozenset(
    {
        "AutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "EmailField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "TextField",
    }
)


def _db_value(field: models.Field) -> Callable[[Any], Any]:
    kind = field.get_internal_type()
    if kind in _AS_IS:
        return lambda value: value
    if kind == "DateTimeField" and connection.vendor == "postgresql":
        return lambda value: value  # psycopg sends an aware datetime as timestamptz
    if kind == "DateTimeField" and connection.vendor == "sqlite":
        # What the SQLite backend's adapt_datetimefield_value makes of an aware datetime: naive UTC.
        return lambda value: None if value is None else str(value.astimezone(UTC).replace(tzinfo=None))
    return lambda value: field.get_db_prep_save(value, connection)


def _insert(model: type[models.Model], objects: list[models.Model]) -> None:
    """INSERT the objects with one executemany: what bulk_create does, at a fraction of the cost.

    bulk_create compiles a multi-row statement per 999 parameters on SQLite (18 cases at a time)
    and prepares every value through the field; at 100,000 ledger rows that was most of the time.
    Append-only rows only: no signals, no auto_now, ids not returned.
    """
    if not objects:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    ops = connection.ops
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        ops.quote_name(model._meta.db_table),
        ", ".join(ops.quote_name(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    columns = [(f.attname, _db_value(f)) for f in fields]
    rows = [[convert(getattr(obj, name)) for name, convert in columns] for obj in objects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
