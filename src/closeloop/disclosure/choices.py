from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from closeloop.cases.choices import SystemEvent
from closeloop.disclosure.policies import Kind


class PublicationStatus(models.TextChoices):
    """seed 003: desensitisation review by legal, then 双人核对 by two different people, then publish."""

    DRAFT = "draft", pgettext_lazy("publication", "Draft")
    LEGAL_REVIEW = "legal_review", _("In legal review")
    APPROVED = "approved", _("Desensitisation approved")
    CHECKED_ONCE = "checked_once", _("Checked once")
    READY = "ready", _("Ready to publish")
    PUBLISHED = "published", pgettext_lazy("publication", "Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("publication", "Withdrawn")


class PublicationAction(models.TextChoices):
    """What a `PublicationEvent` records: every step of the workflow and of the public feedback."""

    DRAFT = "draft", _("Draft composed from the case")
    EDIT = "edit", pgettext_lazy("publication", "Edited")
    SUBMIT = "submit", _("Sent to legal review")
    LEGAL_APPROVE = "legal_approve", _("Desensitisation approved")
    LEGAL_RETURN = "legal_return", _("Returned by legal review")
    CONFIRM = "confirm", _("Accuracy confirmed")
    CHECK_RETURN = "check_return", _("Returned by the accuracy check")
    PUBLISH = "publish", pgettext_lazy("publication", "Published")
    WITHDRAW = "withdraw", pgettext_lazy("publication", "Withdrawn")
    FEEDBACK_APPROVE = "feedback_approve", _("Public comment approved")
    FEEDBACK_REJECT = "feedback_reject", _("Public comment rejected")


class FeedbackStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", pgettext_lazy("public comment", "Approved")
    REJECTED = "rejected", pgettext_lazy("public comment", "Rejected")


class Element(models.TextChoices):
    """The six elements of a publication (seed 003: 六大要素), in the order a notice shows them."""

    COMPLAINANT = "complainant", _("Complainant")
    CAUSE = "cause", _("Cause of the complaint")
    INVESTIGATION = "investigation", _("Investigation and key evidence")
    RESPONSIBILITY = "responsibility", _("Responsibility")
    RESULT = "result", _("Result")
    IMPROVEMENT = "improvement", _("Improvement measures")


class RateLimit(models.TextChoices):
    """Counted per client address and hour with the portal's limiter (`portal.services.rate_limit_take`)."""

    FEEDBACK = "disclosure_feedback", _("Comments on publications")
    VIEW = "disclosure_view", _("Views of a publication")


# Names in the redaction engine's words, for the legal review page.
KIND_LABELS = {
    Kind.NAME: _("Name"),
    Kind.STAFF: _("Staff member"),
    Kind.MOBILE: _("Mobile number"),
    Kind.LANDLINE: _("Landline number"),
    Kind.ID_CARD: _("ID card number"),
    Kind.BANK_CARD: _("Bank card number"),
    Kind.EMAIL: _("E-mail address"),
    Kind.PLATE: _("Licence plate"),
    Kind.PASSPORT: _("Passport number"),
    Kind.ACCOUNT: _("Social media account"),
    Kind.ORDER: _("Order number"),
    Kind.ADDRESS: _("Detailed address"),
}

# Written on the case's audit trail (cases.services.event_record).
CASE_PUBLISHED_EVENT = SystemEvent.DISCLOSURE_PUBLISHED.value
CASE_WITHDRAWN_EVENT = SystemEvent.DISCLOSURE_WITHDRAWN.value
