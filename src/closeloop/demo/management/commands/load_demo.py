import sys

from django.core.management.base import BaseCommand

from closeloop.assist.services import models_retrain
from closeloop.core.db import statistics_refresh
from closeloop.demo.services import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_load
from closeloop.nlp.selectors import active_id


class Command(BaseCommand):
    help = "Load the defaults and a demo organisation with a year of complaints (skips cases if any exist)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--cases", type=int, default=2100)
        parser.add_argument("--seed", type=int, default=20261123)

    def handle(self, *args, cases: int, seed: int, **options) -> None:
        def progress(done: int, total: int) -> None:
            if done % 50 == 0 or done == total:
                width = 30
                filled = width * done // total
                sys.stdout.write(f"\r  demo cases [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
                sys.stdout.flush()
                if done == total:
                    sys.stdout.write("\n")

        result = demo_load(cases=cases, seed=seed, progress=progress)
        statistics_refresh()
        # The assist's models learn from the demo's closed cases, as the weekly job would; a demo
        # loaded before keeps the models it has.
        trained = models_retrain() if result["cases"] or active_id("category") is None else {}
        if trained:
            self.stdout.write(
                "Assist models trained: " + ", ".join(f"{k} ({n} cases)" for k, n in trained.items())
            )
        if result["cases"] == 0:
            self.stdout.write(f"Demo data present ({result['existing']} cases); nothing added.")
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for username, name, memberships, _ in DEMO_ACCOUNTS:
            roles = ", ".join(f"{role.label} @ {code}" for role, code in memberships)
            self.stdout.write(f"  {username:<11} {name:<8} {roles}")
