from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "closeloop.supervision"
    label = "supervision"
    verbose_name = "Supervision"
