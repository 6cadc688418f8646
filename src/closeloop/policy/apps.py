from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "closeloop.policy"
    label = "policy"
    verbose_name = "Policy"
