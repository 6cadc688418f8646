"""`closeloop jobs`: the periodic background work in this process, for the embedded default.

Production runs Celery beat and workers on Redis; this command runs the very same schedule and task
functions without a broker, so `make run` needs nothing but SQLite.
"""

import logging
import time

from django.core.management.base import BaseCommand, CommandError

from closeloop.celery import app, beat_schedule

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the periodic background jobs (SLA sweep, outgoing messages) in this process."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="Run every job once and stop.")
        parser.add_argument(
            "--duration", type=float, default=0.0, help="Stop after this many seconds (0: until interrupted)."
        )

    def handle(self, *args, once: bool, duration: float, **options) -> None:
        app.loader.import_default_modules()
        schedule = beat_schedule()
        missing = [entry["task"] for entry in schedule.values() if entry["task"] not in app.tasks]
        if missing:
            raise CommandError(f"Unknown tasks in the schedule: {', '.join(missing)}")
        started = time.monotonic()
        next_run = dict.fromkeys(schedule, started)
        self.stdout.write(f"Background jobs running in-process: {', '.join(schedule)}")
        while True:
            now = time.monotonic()
            for name, entry in schedule.items():
                if now < next_run[name]:
                    continue
                outcome = app.tasks[entry["task"]].apply()
                if outcome.failed():
                    # A failing job must not stop the others; the next interval tries again.
                    log.error("job %s failed: %s", name, outcome.result)
                elif outcome.result and any(outcome.result.values()):
                    self.stdout.write(f"{name}: {outcome.result}")
                next_run[name] = now + float(entry["schedule"])
            if once or (duration and time.monotonic() - started >= duration):
                return
            time.sleep(max(0.0, min(min(next_run.values()) - time.monotonic(), 1.0)))
