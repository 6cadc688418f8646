from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "closeloop.demo"
    label = "demo"
    verbose_name = "Demo data"
