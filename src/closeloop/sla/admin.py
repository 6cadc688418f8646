from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from closeloop.sla import calendar
from closeloop.sla.models import BusinessHours, CalendarDay


@admin.register(BusinessHours)
class BusinessHoursAdmin(admin.ModelAdmin):
    list_display = ["name", "day_start", "day_end"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Only the first row is used; a second one would look effective and silently not be.
        return super().has_add_permission(request) and not BusinessHours.objects.exists()


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [
            (str(day.year), str(day.year)) for day in CalendarDay.objects.dates("date", "year", order="DESC")
        ]

    def queryset(self, request, queryset):
        year = self.value()
        return queryset.filter(date__year=int(year)) if year and year.isdigit() else queryset


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "weekday", "kind", "name", "source"]
    list_filter = ["kind", "source", YearFilter]
    search_fields = ["name"]
    readonly_fields = ["source"]
    date_hierarchy = "date"

    @admin.display(description=_("weekday"))
    def weekday(self, obj: CalendarDay) -> str:
        return formats.date_format(obj.date, "l")

    def save_model(self, request, obj, form, change) -> None:
        # Whatever is saved here is the administrator's decision, so loading the package later
        # must not undo it: an edited package row becomes an admin row too.
        obj.source = CalendarDay.Source.ADMIN
        super().save_model(request, obj, form, change)

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        this_year = timezone.localdate().year
        missing = calendar.unknown_years([this_year, this_year + 1])
        if missing:
            messages.warning(
                request,
                _(
                    "No holiday schedule for %(years)s: only weekends count as days off. Enter the State "
                    "Council schedule (holidays and make-up working days) as calendar days."
                )
                % {"years": ", ".join(map(str, missing))},
            )
        return super().changelist_view(request, extra_context)
