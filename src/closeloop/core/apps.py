from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "closeloop.core"
    label = "core"
