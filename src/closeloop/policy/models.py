from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from closeloop.org.choices import CustomerTier, Role
from closeloop.org.models import Department, Skill
from closeloop.policy.choices import Deadline, EscalationAction, Grade, RemedyKind
from closeloop.sla.calendar import Clock, Span, validate_span

SPAN_HELP = _(
    "A number and a unit: 15m (minutes), 4h (hours) or 3d (days; working days on a business clock)."
)


class Category(models.Model):
    """A node of the three-level taxonomy (一级/二级/三级). Cases are filed under leaves (level 3)."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.PROTECT,
        verbose_name=_("parent category"),
    )
    level = models.PositiveSmallIntegerField(_("level"), editable=False, default=1)
    default_department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        related_name="default_categories",
        on_delete=models.SET_NULL,
        verbose_name=_("default handling department"),
    )
    guide = models.TextField(_("classification guide"), blank=True)
    # Smart dispatch prefers handlers with these skills; a leaf without its own takes its parents'.
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="categories", verbose_name=_("skills needed")
    )
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["level", "position", "code"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs) -> None:
        self.level = self.parent.level + 1 if self.parent_id else 1
        super().save(*args, **kwargs)

    def clean(self) -> None:
        level = self.parent.level + 1 if self.parent else 1
        if level > 3:
            raise ValidationError(
                {"parent": _("The taxonomy has three levels; a leaf cannot have children.")}
            )

    @property
    def is_leaf(self) -> bool:
        return self.level == 3


class CompensationStandard(models.Model):
    """Like cases get like remedies (同案同判): a plan outside these ranges needs approval."""

    category = models.ForeignKey(
        Category, related_name="compensation_standards", on_delete=models.CASCADE, verbose_name=_("category")
    )
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices)
    remedy = models.CharField(_("remedy"), max_length=30, choices=RemedyKind.choices)
    min_amount = models.DecimalField(_("minimum amount"), max_digits=12, decimal_places=2, default=0)
    max_amount = models.DecimalField(_("maximum amount"), max_digits=12, decimal_places=2, default=0)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["category__code", "grade", "remedy"]
        verbose_name = _("compensation standard")
        verbose_name_plural = _("compensation standards")
        constraints = [
            models.UniqueConstraint(fields=["category", "grade", "remedy"], name="compensation_unique"),
            models.CheckConstraint(
                condition=models.Q(max_amount__gte=models.F("min_amount")), name="compensation_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category.code} · {self.grade} · {self.remedy}"


class SlaPolicy(models.Model):
    """Time limits per grade, optionally per customer tier (a tier-specific row wins).

    Limits are spans such as "15m", "4h" or "3d". On a business clock only working hours of
    working days count and "d" means working days; on a calendar clock time runs day and night.
    """

    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices)
    customer_tier = models.CharField(
        _("customer tier"),
        max_length=20,
        choices=CustomerTier.choices,
        blank=True,
        help_text=_("Empty applies to every tier without a row of its own."),
    )
    clock = models.CharField(_("clock"), max_length=10, choices=Clock.choices, default=Clock.BUSINESS)
    first_response = models.CharField(
        _("first response"), max_length=10, default="1d", validators=[validate_span], help_text=SPAN_HELP
    )
    resolution = models.CharField(
        _("resolution"), max_length=10, default="3d", validators=[validate_span], help_text=SPAN_HELP
    )
    progress_update = models.CharField(
        _("progress update every"),
        max_length=10,
        default="1d",
        validators=[validate_span],
        help_text=SPAN_HELP,
    )
    follow_up = models.CharField(
        _("follow-up within"), max_length=10, default="3d", validators=[validate_span], help_text=SPAN_HELP
    )
    pause_while_waiting = models.BooleanField(
        _("pause while waiting for the customer"),
        default=True,
        help_text=_("Clocks stop while the case waits for the customer and resume with the time left."),
    )

    class Meta:
        ordering = ["grade", "customer_tier"]
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        constraints = [
            models.UniqueConstraint(fields=["grade", "customer_tier"], name="sla_policy_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.grade} {self.customer_tier or '*'}"

    def span(self, deadline: str) -> Span:
        return Span.parse(getattr(self, _POLICY_FIELD[deadline]))


_POLICY_FIELD = {
    Deadline.RESPONSE: "first_response",
    Deadline.RESOLUTION: "resolution",
    Deadline.PROGRESS: "progress_update",
    Deadline.FOLLOW_UP: "follow_up",
}


class EscalationRule(models.Model):
    """One step of the escalation chain (seed 002): warn before a deadline, record its breach, or
    escalate with a supervision order some time after it. Each step fires once per deadline."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    deadline = models.CharField(_("deadline"), max_length=20, choices=Deadline.choices)
    action = models.CharField(_("action"), max_length=10, choices=EscalationAction.choices)
    grades = models.JSONField(
        _("grades"), default=list, blank=True, help_text=_("Grades the step applies to; empty means all.")
    )
    percent = models.PositiveSmallIntegerField(
        _("share of the time gone (per cent)"),
        null=True,
        blank=True,
        help_text=_("Fire when this share of the time has gone (0 fires when the clock starts)."),
    )
    after_minutes = models.PositiveIntegerField(
        _("minutes after the deadline"),
        null=True,
        blank=True,
        help_text=_("Fire this long after the deadline (0 fires at the deadline)."),
    )
    target_role = models.CharField(
        _("escalate to"),
        max_length=20,
        choices=[(r.value, r.label) for r in (Role.SUPERVISOR, Role.HEAD, Role.EXECUTIVE)],
        blank=True,
    )
    order_due = models.CharField(
        _("supervision order due within"),
        max_length=10,
        default="1d",
        validators=[validate_span],
        help_text=SPAN_HELP,
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["deadline", "action", "percent", "after_minutes", "code"]
        verbose_name = _("escalation step")
        verbose_name_plural = _("escalation steps")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__isnull=True) ^ models.Q(after_minutes__isnull=True),
                name="escalation_rule_one_trigger",
            ),
            models.CheckConstraint(
                condition=models.Q(percent__isnull=True) | models.Q(percent__lte=100),
                name="escalation_rule_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if (self.percent is None) == (self.after_minutes is None):
            errors["percent"] = _("Give either a share of the time or minutes after the deadline, not both.")
        if self.deadline == Deadline.PROGRESS and self.percent is not None:
            # The progress clock restarts with every entry; it has no start to take a share of.
            errors["percent"] = _("A progress-update step fires a time after the deadline, not at a share.")
        if self.action == EscalationAction.ESCALATE and not self.target_role:
            errors["target_role"] = _("Say whom the step escalates to.")
        if self.action != EscalationAction.ESCALATE and self.target_role:
            errors["target_role"] = _("Only an escalation step has someone to escalate to.")
        unknown = [g for g in self.grades or [] if g not in Grade.values]
        if unknown:
            errors["grades"] = _("Unknown grades: %(grades)s.") % {"grades": ", ".join(map(str, unknown))}
        if errors:
            raise ValidationError(errors)

    def applies_to(self, grade: str) -> bool:
        return not self.grades or grade in self.grades


def _share(verbose_name: str, default: str, help_text: str) -> models.DecimalField:
    """A threshold between 0.05 and 1 (a similarity, a score), two decimals."""
    return models.DecimalField(
        verbose_name,
        max_digits=3,
        decimal_places=2,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(Decimal("1"))],
        help_text=help_text,
    )


class DuplicatePolicy(models.Model):
    """How intake looks for duplicates and repeat complaints (DESIGN §1 intake, seed 002). One row;
    until an administrator saves it the shipped defaults below apply."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    window_days = models.PositiveIntegerField(
        _("look for open duplicates registered within (days)"), default=30
    )
    text_threshold = _share(
        _("text similarity for a duplicate"),
        "0.40",
        _("Share of shared two-character fragments (0.05–1) from which two texts are alike."),
    )
    repeat_window_days = models.PositiveIntegerField(
        _("a repeat complaint follows a closed case within (days)"), default=180
    )
    repeat_text_threshold = _share(
        _("text similarity for a repeat complaint"),
        "0.30",
        _("A new complaint of the same customer in another category is a repeat from this similarity."),
    )

    class Meta:
        verbose_name = _("duplicate detection")
        verbose_name_plural = _("duplicate detection")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="duplicate_policy_single_row")]

    def __str__(self) -> str:
        return str(_("Duplicate detection"))


class AssistPolicy(models.Model):
    """When the intelligent assist acts on its own (seed 002: angry customers go to a supervisor at
    once). One row; until an administrator saves it the shipped defaults below apply."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)

    anger_threshold = _share(
        _("anger threshold"),
        "0.70",
        _("An anger score at or above this escalates the case to a supervisor at once (seed 002)."),
    )
    escalate_to = models.CharField(
        _("escalate angry customers to"),
        max_length=20,
        choices=[(r.value, r.label) for r in (Role.SUPERVISOR, Role.HEAD, Role.EXECUTIVE)],
        default=Role.SUPERVISOR,
    )
    escalation_due = models.CharField(
        _("escalation order due within"),
        max_length=10,
        default="2h",
        validators=[validate_span],
        help_text=SPAN_HELP,
    )
    raise_unset_grade = models.BooleanField(
        _("grade unattended intake by its risk phrases"),
        default=True,
        help_text=_(
            "When nobody chose a grade (web portal, API, e-mail), use the grade the risk phrases suggest. "
            "A grade a person chose is never lowered or changed."
        ),
    )
    history_days = models.PositiveIntegerField(
        _("dispatch history (days)"),
        default=180,
        help_text=_("Closed cases this recent teach smart dispatch which department handles a category."),
    )

    class Meta:
        verbose_name = _("assist policy")
        verbose_name_plural = _("assist policy")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="assist_policy_single_row")]

    def __str__(self) -> str:
        return str(_("Assist policy"))
