"""The Celery application: workers and beat in production, the same tasks in-process when embedded.

Tasks are thin wrappers around services. The beat schedule lives here so `closeloop jobs` (the
embedded in-process runner) and Celery beat run exactly the same periodic work.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "closeloop.settings")

app = Celery("closeloop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def beat_schedule() -> dict:
    from django.conf import settings

    return {
        "sla-sweep": {
            "task": "closeloop.sla.tasks.sla_sweep",
            "schedule": float(settings.SLA_SWEEP_INTERVAL),
        },
        "intake-keys-purge": {
            "task": "closeloop.cases.tasks.intake_keys_purge",
            "schedule": 6 * 3600.0,
        },
        "statistics-refresh": {
            "task": "closeloop.core.tasks.statistics_refresh",
            "schedule": 24 * 3600.0,
        },
        "assist-retrain": {
            "task": "closeloop.assist.tasks.models_retrain",
            "schedule": 7 * 24 * 3600.0,
        },
        "screening-sweep": {
            "task": "closeloop.cases.tasks.screening_sweep",
            "schedule": 60.0,
        },
        "signatures-prune": {
            "task": "closeloop.cases.tasks.signatures_prune",
            "schedule": 24 * 3600.0,
        },
        "notify-send": {
            "task": "closeloop.notify.tasks.deliveries_send",
            "schedule": float(settings.NOTIFY_SEND_INTERVAL),
        },
        "mailboxes-poll": {
            "task": "closeloop.intake.tasks.mailboxes_poll",
            "schedule": float(settings.MAIL_POLL_INTERVAL),
        },
        "imports-run": {
            "task": "closeloop.imports.tasks.import_jobs_run",
            "schedule": float(settings.IMPORT_RUN_INTERVAL),
        },
    }


@app.on_after_configure.connect
def _schedule(sender: Celery, **kwargs) -> None:
    sender.conf.beat_schedule = beat_schedule()
