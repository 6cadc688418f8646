from django.core.management.base import BaseCommand
from django.utils import timezone

from closeloop.sla import calendar
from closeloop.sla.services import calendar_load_package


class Command(BaseCommand):
    help = (
        "Load statutory holidays and make-up working days from the chinesecalendar package "
        "(idempotent; rows entered by administrators are kept)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--year", type=int, action="append", dest="years", help="Only this year (repeatable)."
        )

    def handle(self, *args, years: list[int] | None = None, **options) -> None:
        written = calendar_load_package(years=years)
        self.stdout.write(f"Calendar loaded: {written} rows written.")
        this_year = timezone.localdate().year
        missing = calendar.unknown_years(range(this_year, this_year + 3))
        if missing:
            self.stderr.write(
                self.style.WARNING(
                    f"No holiday schedule for {', '.join(map(str, missing))}: only weekends count as days "
                    "off until the State Council schedule is entered in Configuration → Calendar days."
                )
            )
