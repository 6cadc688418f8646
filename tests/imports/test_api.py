"""The import API and pages: an upload queues a job, the periodic task runs it, progress and errors show."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from closeloop.cases.models import Case
from closeloop.celery import beat_schedule
from closeloop.imports.models import ImportJob, JobStatus
from closeloop.imports.tasks import import_jobs_run_task
from tests.imports.conftest import LEDGER_HEADERS, ledger_row, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(tmp_path, rows, name="ledger.xlsx") -> SimpleUploadedFile:
    path = write_xlsx(tmp_path / name, LEDGER_HEADERS, rows)
    return SimpleUploadedFile(name, path.read_bytes(), content_type=XLSX)


@pytest.mark.django_db
def test_api_upload_queues_a_job_that_the_periodic_task_runs(staff, ledger_source, tmp_path, api):
    client = api(staff["supervisor"])
    upload = _upload(tmp_path, [ledger_row(1), ledger_row(2), ledger_row(3, 满意度="很好")])

    response = client.post(
        "/api/v1/imports/",
        {"source": ledger_source.name, "file": upload, "batch_size": 2},
        format="multipart",
    )

    assert response.status_code == 202, response.content
    job_id = response.json()["id"]
    assert response.json()["status"] == "queued"
    assert Case.objects.count() == 0
    assert "closeloop.imports.tasks.import_jobs_run" in {e["task"] for e in beat_schedule().values()}

    assert import_jobs_run_task.apply().result == {"import_jobs": 1}

    status = client.get(f"/api/v1/imports/{job_id}/").json()
    assert status["status"] == "partial"
    assert (status["total_rows"], status["processed_rows"], status["percent"]) == (3, 3, 100)
    assert (status["created_count"], status["failed_rows"]) == (2, 1)
    assert Case.objects.count() == 2
    # Nothing left to run.
    assert import_jobs_run_task.apply().result == {"import_jobs": 0}

    report = client.get(f"/api/v1/imports/{job_id}/errors.csv")
    assert report.status_code == 200
    rows = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert rows[0] == ["row", "column", "value", "reason"]
    assert rows[1][:3] == ["4", "满意度", "很好"]

    workbook = client.get(f"/api/v1/imports/{job_id}/errors.xlsx")
    assert workbook.status_code == 200
    sheet = load_workbook(io.BytesIO(workbook.content), read_only=True).worksheets[0]
    assert list(sheet.iter_rows(values_only=True))[1][:3] == (4, "满意度", "很好")


@pytest.mark.django_db
def test_a_job_is_claimed_once(staff, ledger_source, tmp_path, api):
    from closeloop.imports.services import job_claim

    api(staff["supervisor"]).post(
        "/api/v1/imports/", {"source": ledger_source.name, "file": _upload(tmp_path, [ledger_row(1)])}
    )
    job = ImportJob.objects.get()

    assert job_claim(job.pk) is True
    assert job_claim(job.pk) is False
    assert ImportJob.objects.get().status == JobStatus.RUNNING


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["handler", "agent", "auditor"])
def test_only_importers_may_use_the_import_api(staff, ledger_source, tmp_path, api, role):
    client = api(staff[role])
    upload = _upload(tmp_path, [ledger_row(1)])

    assert client.post("/api/v1/imports/", {"source": ledger_source.name, "file": upload}).status_code == 403
    assert client.get("/api/v1/imports/").status_code == 403
    assert ImportJob.objects.count() == 0


@pytest.mark.django_db
def test_a_job_is_seen_by_its_creator_and_supervisors_only(staff, ledger_source, tmp_path, api):
    response = api(staff["head"]).post(
        "/api/v1/imports/", {"source": ledger_source.name, "file": _upload(tmp_path, [ledger_row(1)])}
    )
    job_id = response.json()["id"]

    assert api(staff["head"]).get(f"/api/v1/imports/{job_id}/").status_code == 200
    assert api(staff["supervisor"]).get(f"/api/v1/imports/{job_id}/").status_code == 200
    assert api(staff["admin"]).get(f"/api/v1/imports/{job_id}/errors.csv").status_code == 200
    assert api(staff["executive"]).get(f"/api/v1/imports/{job_id}/").status_code == 404
    assert api(staff["executive"]).get("/api/v1/imports/").json()["count"] == 0


@pytest.mark.django_db
def test_upload_of_a_file_that_is_not_a_spreadsheet_is_refused(staff, ledger_source, api):
    upload = SimpleUploadedFile("ledger.docx", b"PK...", content_type="application/octet-stream")

    response = api(staff["supervisor"]).post(
        "/api/v1/imports/", {"source": ledger_source.name, "file": upload}
    )

    assert response.status_code == 400
    assert "file" in response.json()["errors"]


@pytest.mark.django_db
def test_import_page_uploads_and_the_job_page_polls_until_done(staff, ledger_source, tmp_path, client):
    client.force_login(staff["supervisor"])

    page = client.get("/imports/")
    assert page.status_code == 200 and "旧台账 2024" in page.content.decode()
    response = client.post(
        "/imports/",
        {
            "source": ledger_source.pk,
            "file": _upload(tmp_path, [ledger_row(1), ledger_row(2, 类别="家电")]),
            "batch_size": 1000,
        },
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/imports/{job.pk}/"

    queued = client.get(f"/imports/{job.pk}/progress/", HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in queued.content.decode() and "HX-Refresh" not in queued

    import_jobs_run_task.apply()

    done = client.get(f"/imports/{job.pk}/progress/", HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true" and "hx-trigger" not in done.content.decode()
    detail = client.get(f"/imports/{job.pk}/").content.decode()
    assert "家电" in detail and f"/imports/{job.pk}/errors.xlsx" in detail
    assert client.get(f"/imports/{job.pk}/errors.csv").status_code == 200


@pytest.mark.django_db
def test_import_pages_are_forbidden_to_a_handler(staff, client):
    client.force_login(staff["handler"])

    assert client.get("/imports/").status_code == 403
    assert "/imports/" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_job_whose_worker_stopped_runs_again_and_skips_what_it_saved(staff, ledger_source, tmp_path, api):
    from datetime import timedelta

    from closeloop.core import clock
    from closeloop.imports.services import job_claim

    api(staff["supervisor"]).post(
        "/api/v1/imports/", {"source": ledger_source.name, "file": _upload(tmp_path, [ledger_row(1)])}
    )
    job = ImportJob.objects.get()
    job_claim(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=clock.now() - timedelta(hours=1))

    assert import_jobs_run_task.apply().result == {"import_jobs": 1}

    assert ImportJob.objects.get().status == JobStatus.DONE
    assert Case.objects.count() == 1
