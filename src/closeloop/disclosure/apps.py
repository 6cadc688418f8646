from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "closeloop.disclosure"
    label = "disclosure"
    verbose_name = "Disclosure"
