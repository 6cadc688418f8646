from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    AWAITING_FOLLOW_UP = "awaiting_follow_up", _("Awaiting follow-up")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    MERGED = "merged", _("Merged")


# Cases whose resolution clock is running.
OPEN_STATUSES = (Status.REGISTERED, Status.ASSIGNED, Status.IN_PROGRESS)
FINAL_STATUSES = (Status.CLOSED, Status.ARCHIVED, Status.WITHDRAWN, Status.MERGED)
# Handled to the end (not withdrawn or merged): what the organisation learns from and publishes.
CLOSED_STATUSES = (Status.CLOSED, Status.ARCHIVED)


class Action(models.TextChoices):
    REGISTER = "register", _("Register")
    CLASSIFY = "classify", _("Classify and grade")
    ASSIGN = "assign", _("Assign")
    RESPOND = "respond", _("First response")
    TRANSFER = "transfer", _("Transfer")
    START = "start", _("Start handling")
    PROGRESS = "progress", _("Progress entry")
    ADD_EVIDENCE = "add_evidence", _("Add evidence")
    DETERMINE_RESPONSIBILITY = "determine_responsibility", _("Determine responsibility")
    REVIEW_RESPONSIBILITY = "review_responsibility", _("Legal review of responsibility")
    PROPOSE_PLAN = "propose_plan", _("Propose resolution plan")
    APPROVE_PLAN = "approve_plan", _("Approve resolution plan")
    RECORD_NEGOTIATION = "record_negotiation", _("Record negotiation")
    RESOLVE = "resolve", _("Resolve")
    GIVE_FEEDBACK = "give_feedback", _("Give feedback")
    FOLLOW_UP = "follow_up", _("Follow-up")
    REOPEN = "reopen", _("Reopen")
    EXTEND = "extend", _("Extend time limit")
    AWAIT_CUSTOMER = "await_customer", _("Wait for the customer")
    RESUME = "resume", _("Resume handling")
    CLOSE = "close", _("Close")
    ARCHIVE = "archive", _("Archive")
    WITHDRAW = "withdraw", _("Withdraw")
    MERGE = "merge", _("Merge into another case")


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone hotline")
    WEB = "web", _("Web form")
    APP = "app", _("App / mini-program")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    WALK_IN = "walk_in", _("Walk-in")
    SOCIAL = "social", _("Social media")
    REGULATOR = "regulator", _("Regulator transfer")


class Emotion(models.TextChoices):
    CALM = "calm", _("Calm")
    ANXIOUS = "anxious", _("Anxious")
    ANGRY = "angry", _("Angry")
    DISAPPOINTED = "disappointed", _("Disappointed")


class EvidenceKind(models.TextChoices):
    RECORDING = "recording", _("Call recording")
    TRANSACTION = "transaction", _("Transaction record")
    CHAT_LOG = "chat_log", _("Chat log")
    CCTV = "cctv", _("CCTV footage")
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")
    OTHER = "other", _("Other")


class InvestigationMethod(models.TextChoices):
    TIMELINE = "timeline", _("Timeline backtracking")
    EVIDENCE_CHAIN = "evidence_chain", _("Evidence chain")
    EXPERT = "expert", _("Expert or third-party assessment")
    OTHER = "other", _("Other")


class LiablePartyType(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    DEPARTMENT = "department", _("Department")
    SUPPLIER = "supplier", _("Supplier")
    THIRD_PARTY = "third_party", _("Third party")
    CUSTOMER = "customer", _("Customer")
    SYSTEM = "system", _("System failure")
    FORCE_MAJEURE = "force_majeure", _("Force majeure")


class LiabilityShare(models.TextChoices):
    PRIMARY = "primary", _("Primary")
    SECONDARY = "secondary", _("Secondary")


class ReviewStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", _("Not required")
    PENDING = "pending", _("Pending legal review")
    UPHELD = "upheld", _("Upheld")
    REVISED = "revised", _("Revised")


class PlanStatus(models.TextChoices):
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    READY = "ready", _("Ready")
    ACCEPTED = "accepted", _("Accepted by customer")
    REJECTED = "rejected", _("Rejected by customer")
    SUPERSEDED = "superseded", _("Superseded")


class NegotiationOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    PENDING = "pending", _("Still negotiating")


class SystemEvent(models.TextChoices):
    """Audit events that are not workflow actions: the SLA engine's steps and supervision orders."""

    SLA_WARNING = "sla_warning", _("Deadline approaching")
    SLA_BREACHED = "sla_breached", _("Deadline missed")
    SLA_ESCALATED = "sla_escalated", _("Escalated")
    ORDER_ISSUED = "supervision_order_issued", _("Supervision order issued")
    ORDER_REPLIED = "supervision_order_replied", _("Supervision order answered")
    ORDER_CLOSED = "supervision_order_closed", _("Supervision order closed")
    ORDER_CHASED = "supervision_order_chased", _("Supervision order chased")
    IMPORTED = "imported", _("Imported")
    EXTERNAL_DEADLINE = "external_deadline", _("Regulator's deadline applied")
    SCREENED = "screened", _("Possible duplicate or repeat found")
    DUPLICATE_DISMISSED = "duplicate_dismissed", _("Duplicate suggestion dismissed")
    KNOWLEDGE_PROMOTED = "knowledge_promoted", _("Promoted to a knowledge article")
    DISCLOSURE_PUBLISHED = "disclosure_published", _("Result published")
    DISCLOSURE_WITHDRAWN = "disclosure_withdrawn", _("Published result withdrawn")


class DuplicateReason(models.TextChoices):
    SAME_CUSTOMER = "same_customer", _("Same customer")
    SIMILAR_TEXT = "similar_text", _("Similar text")


class SuggestionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("duplicate suggestion", "Open")
    MERGED = "merged", _("Merged")
    DISMISSED = "dismissed", _("Dismissed")
