from django.db import models
from django.utils.translation import gettext_lazy as _


class Security(models.TextChoices):
    SSL = "ssl", _("SSL/TLS (IMAPS, port 993)")
    STARTTLS = "starttls", _("STARTTLS (port 143)")
    # The password crosses the wire in clear: only for a server on this machine.
    PLAIN = "plain", _("Unencrypted (loopback only)")


class MessageOutcome(models.TextChoices):
    NEW_CASE = "new_case", _("New case")
    REPLY = "reply", _("Reply to a case")
    IGNORED = "ignored", _("Ignored")
    FAILED = "failed", _("Failed")


class CallDirection(models.TextChoices):
    INBOUND = "inbound", _("Inbound")
    OUTBOUND = "outbound", _("Outbound")


class CallOutcome(models.TextChoices):
    ATTACHED = "attached", _("Attached to an open case")
    PENDING_INTAKE = "pending_intake", _("Waiting for intake")
    REGISTERED = "registered", _("Registered as a new case")
