from django.apps import AppConfig


class NlpConfig(AppConfig):
    name = "closeloop.nlp"
    label = "nlp"
    verbose_name = "Intelligent assist"
