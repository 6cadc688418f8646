from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from closeloop.cases.choices import SystemEvent


class ArticleKind(models.TextChoices):
    LAW = "law", _("Laws and regulations")
    PRODUCT_GUIDE = "product_guide", _("Product guide")
    REPLY_TEMPLATE = "reply_template", _("Reply template")
    HANDLING_GUIDE = "handling_guide", _("Handling experience")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("article", "Draft")
    PUBLISHED = "published", pgettext_lazy("article", "Published")
    RETIRED = "retired", pgettext_lazy("article", "Retired")


# The event a promotion writes on the case's audit trail (cases.services.event_record).
CASE_PROMOTED_EVENT = SystemEvent.KNOWLEDGE_PROMOTED.value
