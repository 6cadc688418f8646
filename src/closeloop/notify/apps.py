from django.apps import AppConfig


def _endpoints_changed(**kwargs: object) -> None:
    from closeloop.notify.services import endpoints_cache_clear

    endpoints_cache_clear()


class NotifyConfig(AppConfig):
    name = "closeloop.notify"
    label = "notify"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # Cache invalidation only: an endpoint change counts at once here, within a minute elsewhere.
        from django.db.models.signals import post_delete, post_save

        from closeloop.notify.models import WebhookEndpoint

        for signal in (post_save, post_delete):
            signal.connect(
                _endpoints_changed, sender=WebhookEndpoint, dispatch_uid=f"notify-endpoints-{signal}"
            )
