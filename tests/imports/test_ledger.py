"""Ledger migration (台账迁移): historical complaints in bulk, batch by batch, all or nothing."""

import pytest
from django.utils.timezone import localtime

from closeloop.cases.choices import Status, SystemEvent
from closeloop.cases.models import Case, Event, Feedback, FollowUp
from closeloop.imports import services
from closeloop.imports.models import ExternalTicket, ImportRowError, JobStatus
from closeloop.org.models import Customer
from tests.imports.conftest import LEDGER_HEADERS, ledger_row, write_csv, write_xlsx


def _run(staff, source, path, **options):
    return services.import_file(actor=staff["supervisor"], source=source, path=path, **options)


@pytest.mark.django_db
def test_bad_row_refuses_its_batch_only_and_the_report_names_row_and_column(staff, ledger_source, tmp_path):
    rows = [ledger_row(n) for n in range(1, 10)]
    # File row 7 is data row 6: in the second batch of three (rows 5-7).
    rows[5] = ledger_row(6, 办结时间="2024-13-01")
    path = write_xlsx(tmp_path / "ledger.xlsx", LEDGER_HEADERS, rows)

    job = _run(staff, ledger_source, path, batch_size=3)

    assert job.status == JobStatus.PARTIAL
    assert (job.total_rows, job.processed_rows, job.created_count) == (9, 9, 6)
    assert (job.failed_batches, job.failed_rows) == (1, 3)
    refs = set(Case.objects.values_list("external_ref", flat=True))
    assert refs == {f"TZ-{n:05d}" for n in (1, 2, 3, 7, 8, 9)}
    (error,) = ImportRowError.objects.filter(job=job)
    assert (error.row, error.column, error.value) == (7, "办结时间", "2024-13-01")
    assert error.reason == "办结时间 '2024-13-01' is not a date in format YYYY-MM-DD HH:MM or YYYY-MM-DD."


@pytest.mark.django_db
def test_ledger_rows_become_closed_cases_with_an_audit_event_and_no_clock(staff, ledger_source, tmp_path):
    path = write_xlsx(tmp_path / "ledger.xlsx", LEDGER_HEADERS, [ledger_row(1), ledger_row(2, 状态="已归档")])

    job = _run(staff, ledger_source, path)

    assert job.status == JobStatus.DONE
    closed = Case.objects.get(external_ref="TZ-00001")
    assert closed.status == Status.CLOSED
    assert closed.number.startswith("TS20240301-")
    assert closed.channel == "phone"
    assert closed.lead_department.code == "AS"
    assert closed.sla_next_check_at is None and closed.resolution_due_at is None
    assert localtime(closed.closed_at).isoformat() == "2024-03-04T17:00:00+08:00"
    assert localtime(closed.registered_at).isoformat() == "2024-03-01T09:30:00+08:00"
    archived = Case.objects.get(external_ref="TZ-00002")
    assert archived.status == Status.ARCHIVED and archived.archive_number.startswith("DA2024-")
    event = Event.objects.get(case=closed)
    assert event.action == SystemEvent.IMPORTED
    assert event.actor == staff["supervisor"]
    assert event.data == {
        "source": "旧台账 2024",
        "kind": "ledger",
        "job": job.pk,
        "row": 2,
        "external_ref": "TZ-00001",
    }
    assert FollowUp.objects.get(case=closed).satisfaction == 9
    assert Feedback.objects.get(case=closed).content == "上门更换点火器，客户认可。"


@pytest.mark.django_db
def test_open_ledger_row_gets_deadlines_from_the_policy(staff, ledger_source, tmp_path):
    row = ledger_row(1, 状态="处理中", 办结时间="", 处理人="handler", 处理结果="", 满意度="")
    path = write_xlsx(tmp_path / "ledger.xlsx", LEDGER_HEADERS, [row])

    _run(staff, ledger_source, path)

    case = Case.objects.get(external_ref="TZ-00001")
    assert case.status == Status.ASSIGNED and case.handler == staff["handler"]
    assert case.resolution_due_at is not None and case.response_due_at is not None
    assert case.sla_next_check_at is not None
    assert case.screened_at is not None  # history: never left for the screening sweep


@pytest.mark.django_db
def test_customers_are_matched_by_phone_then_email_and_created_once(staff, ledger_source, tmp_path, register):
    known = register().customer  # phone 13800138000
    rows = [
        ledger_row(1, 电话="13800138000"),
        ledger_row(2, 电话="", 邮箱="Li@Example.com"),
        ledger_row(3, 电话="", 邮箱="li@example.com"),
    ]
    path = write_xlsx(tmp_path / "ledger.xlsx", LEDGER_HEADERS, rows)

    _run(staff, ledger_source, path)

    assert Case.objects.get(external_ref="TZ-00001").customer == known
    second = Case.objects.get(external_ref="TZ-00002").customer
    assert Case.objects.get(external_ref="TZ-00003").customer == second
    assert Customer.objects.filter(email="li@example.com").count() == 1


def test_a_known_customer_gets_the_contact_detail_the_ledger_adds(staff, ledger_source, tmp_path, register):
    known = register().customer  # phone 13800138000, no e-mail
    rows = [ledger_row(1, 电话="13800138000", 邮箱="zhou@example.com")]
    path = write_xlsx(tmp_path / "ledger.xlsx", LEDGER_HEADERS, rows)

    _run(staff, ledger_source, path)

    known.refresh_from_db()
    assert (known.phone, known.email) == ("13800138000", "zhou@example.com")
    assert Customer.objects.count() == 1


@pytest.mark.django_db
def test_importing_the_same_ledger_again_skips_what_it_made(staff, ledger_source, tmp_path):
    path = write_xlsx(tmp_path / "ledger.xlsx", LEDGER_HEADERS, [ledger_row(n) for n in range(1, 4)])
    _run(staff, ledger_source, path)

    again = _run(staff, ledger_source, path)

    assert (again.status, again.created_count, again.skipped_count) == (JobStatus.DONE, 0, 3)
    assert Case.objects.count() == 3
    assert ExternalTicket.objects.count() == 3


@pytest.mark.django_db
def test_gb18030_csv_reads_like_the_xlsx(staff, ledger_source, tmp_path):
    path = write_csv(
        tmp_path / "ledger.csv", LEDGER_HEADERS, [ledger_row(1), ledger_row(2)], encoding="gb18030"
    )

    job = _run(staff, ledger_source, path)

    assert (job.status, job.created_count) == (JobStatus.DONE, 2)
    assert Case.objects.get(external_ref="TZ-00001").title == "热水器无法点火"


@pytest.mark.django_db
def test_utf8_csv_with_bom_reads(staff, ledger_source, tmp_path):
    path = write_csv(tmp_path / "ledger.csv", LEDGER_HEADERS, [ledger_row(1)], encoding="utf-8-sig")

    job = _run(staff, ledger_source, path)

    assert (job.status, job.created_count) == (JobStatus.DONE, 1)
    assert Case.objects.get().complainant_name == "客户1"


@pytest.mark.django_db
def test_dry_run_checks_every_row_and_saves_nothing(staff, ledger_source, tmp_path):
    path = write_xlsx(tmp_path / "ledger.xlsx", LEDGER_HEADERS, [ledger_row(1), ledger_row(2, 类别="家电")])

    # One row a batch: the first batch is valid, so only the dry run keeps it from being saved.
    job = _run(staff, ledger_source, path, dry_run=True, batch_size=1)

    assert Case.objects.count() == 0
    (error,) = ImportRowError.objects.filter(job=job)
    assert error.row == 3 and error.column == "类别"
    assert error.reason.startswith("Unknown category '家电' in column 类别")
