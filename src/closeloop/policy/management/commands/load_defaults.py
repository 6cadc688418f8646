from django.core.management.base import BaseCommand

from closeloop.policy.services import defaults_load


class Command(BaseCommand):
    help = "Load the shipped departments, taxonomy, compensation standards and SLA policies (idempotent)."

    def handle(self, *args, **options) -> None:
        created = defaults_load()
        self.stdout.write("Defaults loaded: " + ", ".join(f"{v} new {k}" for k, v in created.items()))
