from django.db import models
from django.utils.translation import gettext_lazy as _

from closeloop.cases.models import Case
from closeloop.org.choices import Role
from closeloop.org.models import Department, User

ORDER_ROLES = (Role.SUPERVISOR, Role.HEAD, Role.EXECUTIVE)


class OrderStatus(models.TextChoices):
    OPEN = "open", _("Open")
    REPLIED = "replied", _("Replied")
    CLOSED = "closed", _("Closed")


class SupervisionOrder(models.Model):
    """A supervision order (督办单): who must act on an open case, why, by when, and their reply.

    Issued automatically by an escalation step (seed 002: 48 h overdue → supervisor, 72 h → head;
    major → executive task group) or by hand by a supervisor.
    """

    number = models.CharField(_("order number"), max_length=32, unique=True)
    case = models.ForeignKey(
        Case, related_name="supervision_orders", on_delete=models.CASCADE, verbose_name=_("case")
    )
    target_role = models.CharField(
        _("addressed to"), max_length=20, choices=[(r.value, r.label) for r in ORDER_ROLES]
    )
    # The department whose supervisors or head must answer; empty for the executive task group.
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        verbose_name=_("department"),
    )
    reason = models.TextField(_("reason"))
    instructions = models.TextField(_("instructions"), blank=True)
    # Empty when an escalation step issued it.
    issued_by = models.ForeignKey(
        User, null=True, blank=True, related_name="+", on_delete=models.PROTECT, verbose_name=_("issued by")
    )
    rule = models.ForeignKey(
        "policy.EscalationRule",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
        verbose_name=_("escalation step"),
    )
    issued_at = models.DateTimeField(_("issued at"))
    due_at = models.DateTimeField(_("reply due"))
    status = models.CharField(
        _("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.OPEN
    )
    reply = models.TextField(_("reply"), blank=True)
    replied_by = models.ForeignKey(
        User, null=True, blank=True, related_name="+", on_delete=models.PROTECT, verbose_name=_("replied by")
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        User, null=True, blank=True, related_name="+", on_delete=models.PROTECT, verbose_name=_("closed by")
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Set when the order's own deadline passed without a reply and its addressees were chased.
    overdue_notified_at = models.DateTimeField(_("chased at"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("supervision order")
        verbose_name_plural = _("supervision orders")
        indexes = [
            models.Index(fields=["status", "due_at"], name="order_status_due"),
            models.Index(fields=["target_role", "department", "status"], name="order_target"),
        ]

    def __str__(self) -> str:
        return self.number
