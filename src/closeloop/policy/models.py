from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from closeloop.org.choices import CustomerTier
from closeloop.org.models import Department
from closeloop.policy.choices import Grade, RemedyKind


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
    """Time limits per grade, optionally per customer tier (a tier-specific row wins)."""

    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices)
    customer_tier = models.CharField(
        _("customer tier"),
        max_length=20,
        choices=CustomerTier.choices,
        blank=True,
        help_text=_("Empty applies to every tier without a row of its own."),
    )
    first_response_minutes = models.PositiveIntegerField(_("first response (minutes)"))
    resolution_minutes = models.PositiveIntegerField(_("resolution (minutes)"))
    follow_up_days = models.PositiveIntegerField(_("follow-up within (days)"), default=3)

    class Meta:
        ordering = ["grade", "customer_tier"]
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        constraints = [
            models.UniqueConstraint(fields=["grade", "customer_tier"], name="sla_policy_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.grade} {self.customer_tier or '*'}"
