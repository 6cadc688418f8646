from celery import shared_task

from closeloop.imports.services import job_run_claimed, jobs_run_queued


@shared_task(name="closeloop.imports.tasks.import_job_run")
def import_job_run_task(job_id: int) -> bool:
    return job_run_claimed(job_id)


@shared_task(name="closeloop.imports.tasks.import_jobs_run")
def import_jobs_run_task() -> dict[str, int]:
    return {"import_jobs": jobs_run_queued()}
