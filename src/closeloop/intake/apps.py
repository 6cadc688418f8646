from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "closeloop.intake"
    verbose_name = _("Channel intake")
