from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    AGENT = "agent", _("Intake agent")
    HANDLER = "handler", _("Handler")
    SUPERVISOR = "supervisor", _("Supervisor")
    HEAD = "head", _("Department head")
    EXECUTIVE = "executive", _("Executive")
    LEGAL = "legal", _("Legal reviewer")
    AUDITOR = "auditor", _("Auditor")
    ADMIN = "admin", _("Administrator")
    # The customer portal's system account: it registers web complaints and records survey answers
    # that the portal has verified itself; it never signs in.
    PORTAL = "portal", _("Customer portal (system)")


class ReplyChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    APP = "app", _("App message")
    WECHAT = "wechat", _("WeChat")
    WEB = "web", _("Web (portal link)")


class CustomerTier(models.TextChoices):
    # DESIGN §1 grade by customer value: high-value gets priority, potential-risk a supervisor.
    HIGH_VALUE = "high_value", _("High value")
    NORMAL = "normal", _("Normal")
    POTENTIAL_RISK = "potential_risk", _("Potential risk")
