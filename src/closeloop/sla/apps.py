from django.apps import AppConfig


def _calendar_changed(**kwargs: object) -> None:
    from closeloop.sla import calendar

    calendar.cache_clear()


class SlaConfig(AppConfig):
    name = "closeloop.sla"
    label = "sla"
    verbose_name = "Time limits"

    def ready(self) -> None:
        # Cache invalidation only: an administrator's change counts at once in this process (other
        # processes reload within calendar.CACHE_SECONDS).
        from django.db.models.signals import post_delete, post_save

        from closeloop.sla.models import BusinessHours, CalendarDay

        for model in (BusinessHours, CalendarDay):
            for signal in (post_save, post_delete):
                signal.connect(_calendar_changed, sender=model, dispatch_uid=f"sla-calendar-{model.__name__}")
