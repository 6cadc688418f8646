from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "closeloop.portal"
    label = "portal"
    verbose_name = "Customer portal"
