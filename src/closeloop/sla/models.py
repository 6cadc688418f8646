from datetime import time

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Used when no BusinessHours row exists, so a fresh installation has a working business clock.
DEFAULT_DAY_START = time(9, 0)
DEFAULT_DAY_END = time(18, 0)


class BusinessHours(models.Model):
    """The organisation's working hours in settings.TIME_ZONE. Only the first row is used."""

    name = models.CharField(_("name"), max_length=100)
    day_start = models.TimeField(
        _("opening time"), default=DEFAULT_DAY_START, help_text=_("Business time starts at this time.")
    )
    day_end = models.TimeField(
        _("closing time"),
        default=DEFAULT_DAY_END,
        help_text=_("Business time stops at this time; a deadline of N working days ends at it."),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("business hours")
        verbose_name_plural = _("business hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(day_start__lt=models.F("day_end")), name="business_hours_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.day_start:%H:%M}–{self.day_end:%H:%M}"

    def clean(self) -> None:
        if self.day_start is not None and self.day_end is not None and self.day_start >= self.day_end:
            raise ValidationError({"day_end": _("The closing time must be after the opening time.")})


class CalendarDay(models.Model):
    """A date that departs from the Monday–Friday week: a day off on a weekday or a make-up working
    day (调休) on a weekend. Dates without a row follow the week."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Day off")
        WORKDAY = "workday", _("Working day")

    class Source(models.TextChoices):
        PACKAGE = "package", _("State Council schedule (chinesecalendar)")
        ADMIN = "admin", _("Administrator")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        help_text=_(
            "Day off: a statutory holiday or an extra closure. "
            "Working day: a make-up working day (调休) or an extra working day."
        ),
    )
    name = models.CharField(
        _("name"), max_length=100, blank=True, help_text=_("For example 春节 or Spring Festival.")
    )
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=Source.choices,
        default=Source.ADMIN,
        help_text=_("Rows entered by an administrator are never changed by loading the package."),
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}".rstrip()


class SlaStep(models.Model):
    """An escalation step that fired for one deadline of one case (warning, breach, escalation).

    The unique key is what makes the sweep safe to repeat: a step fires once per deadline value;
    when the deadline moves (extension, reopen, regrade, a new progress entry) it may fire again.
    """

    case = models.ForeignKey("cases.Case", related_name="sla_steps", on_delete=models.CASCADE)
    rule = models.ForeignKey("policy.EscalationRule", related_name="+", on_delete=models.CASCADE)
    due_at = models.DateTimeField(_("deadline"))
    fired_at = models.DateTimeField(_("fired at"))

    class Meta:
        verbose_name = _("fired escalation step")
        verbose_name_plural = _("fired escalation steps")
        constraints = [
            models.UniqueConstraint(fields=["case", "rule", "due_at"], name="sla_step_once_per_deadline"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.rule_id} {self.due_at:%Y-%m-%d %H:%M}"
