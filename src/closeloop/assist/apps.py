from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistConfig(AppConfig):
    name = "closeloop.assist"
    verbose_name = _("Intelligent assist")

    def ready(self) -> None:
        from closeloop.assist import receivers  # noqa: F401  (connects the signal receivers)
