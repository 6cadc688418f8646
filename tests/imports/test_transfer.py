"""Transfers from regulators (12315 / 12345): each work order a complaint, the regulator's deadline kept."""

from datetime import timedelta

import pytest
from django.utils import timezone

from closeloop.cases.choices import Channel, SystemEvent
from closeloop.cases.models import Case, Event
from closeloop.core import clock
from closeloop.imports import services
from closeloop.imports.models import ExternalTicket, ImportRowError, JobStatus
from tests.imports.conftest import TRANSFER_HEADERS, write_xlsx


def _order(ref: str, *, contacted: str, due: str, grade: str = "一般", category: str = "家电质量") -> list:
    return [
        ref,
        contacted,
        due,
        "王先生",
        "13912345678",
        "空调不制冷",
        "购买的空调安装后不制冷，要求退货。",
        category,
        grade,
    ]


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@pytest.mark.django_db
def test_transfer_keeps_reference_and_regulator_deadline_and_reimport_skips(staff, transfer_source, tmp_path):
    now = clock.now()
    contacted = _local(now - timedelta(hours=2))
    # The regulator wants an answer tomorrow: sooner than the 3 working days of our policy.
    soon = _local(now + timedelta(days=1))
    later = (timezone.localtime(now) + timedelta(days=60)).strftime("%Y-%m-%d")
    rows = [_order("GD-001", contacted=contacted, due=soon), _order("GD-002", contacted=contacted, due=later)]
    path = write_xlsx(tmp_path / "12315.xlsx", TRANSFER_HEADERS, rows)

    job = services.import_file(actor=staff["supervisor"], source=transfer_source, path=path)

    assert (job.status, job.created_count) == (JobStatus.DONE, 2)
    urgent = Case.objects.get(external_ref="GD-001")
    ticket = ExternalTicket.objects.get(case=urgent)
    assert ticket.source == transfer_source and ticket.raw["工单编号"] == "GD-001"
    assert _local(ticket.external_due_at) == soon
    assert urgent.channel == Channel.REGULATOR
    assert urgent.registered_by == staff["supervisor"]
    assert urgent.resolution_due_at == ticket.external_due_at
    assert urgent.sla_next_check_at is not None and urgent.sla_next_check_at <= ticket.external_due_at
    applied = Event.objects.get(case=urgent, action=SystemEvent.EXTERNAL_DEADLINE)
    assert applied.actor == staff["supervisor"] and "resolution_due_at" in applied.changes
    assert Event.objects.filter(
        case=urgent, action=SystemEvent.IMPORTED, data__external_ref="GD-001"
    ).exists()
    # A regulator's deadline later than ours leaves ours, and a day means the end of that day.
    relaxed = Case.objects.get(external_ref="GD-002")
    assert relaxed.resolution_due_at < relaxed.external_ticket.external_due_at
    assert timezone.localtime(relaxed.external_ticket.external_due_at).strftime("%H:%M:%S") == "23:59:59"
    assert not Event.objects.filter(case=relaxed, action=SystemEvent.EXTERNAL_DEADLINE).exists()

    again = services.import_file(actor=staff["supervisor"], source=transfer_source, path=path)

    assert (again.status, again.created_count, again.skipped_count) == (JobStatus.DONE, 0, 2)
    assert Case.objects.count() == 2


@pytest.mark.django_db
def test_transfer_grade_and_category_come_from_the_value_maps(staff, transfer_source, tmp_path):
    contacted = _local(clock.now() - timedelta(hours=1))
    due = _local(clock.now() + timedelta(days=5))
    path = write_xlsx(
        tmp_path / "12315.xlsx",
        TRANSFER_HEADERS,
        [_order("GD-9", contacted=contacted, due=due, grade="紧急")],
    )

    services.import_file(actor=staff["supervisor"], source=transfer_source, path=path)

    case = Case.objects.get()
    assert (case.grade, case.category.code) == ("urgent", "PRODUCT-DEFECT-DOA")


@pytest.mark.django_db
def test_transfer_with_a_future_contact_time_refuses_its_batch(staff, transfer_source, tmp_path):
    past = _local(clock.now() - timedelta(hours=1))
    future = _local(clock.now() + timedelta(days=2))
    due = _local(clock.now() + timedelta(days=5))
    rows = [_order("GD-1", contacted=past, due=due), _order("GD-2", contacted=future, due=due)]
    path = write_xlsx(tmp_path / "12315.xlsx", TRANSFER_HEADERS, rows)

    job = services.import_file(actor=staff["supervisor"], source=transfer_source, path=path)

    assert job.status == JobStatus.FAILED
    assert Case.objects.count() == 0
    (error,) = ImportRowError.objects.filter(job=job)
    assert (error.row, error.column) == (3, "登记时间")
    assert "is in the future" in error.reason


@pytest.mark.django_db
def test_transfer_with_a_default_department_is_assigned_to_it(staff, transfer_source, tmp_path):
    from closeloop.org.models import Department

    transfer_source.default_department = Department.objects.get(code="LOG-DELIVERY")
    transfer_source.save()
    contacted = _local(clock.now() - timedelta(hours=1))
    due = _local(clock.now() + timedelta(days=5))
    path = write_xlsx(
        tmp_path / "12315.xlsx", TRANSFER_HEADERS, [_order("GD-7", contacted=contacted, due=due)]
    )

    services.import_file(actor=staff["supervisor"], source=transfer_source, path=path)

    case = Case.objects.get()
    assert (case.status, case.lead_department.code) == ("assigned", "LOG-DELIVERY")
    assert Event.objects.filter(case=case, action="assign", actor=staff["supervisor"]).exists()
