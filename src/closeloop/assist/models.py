"""What the assist suggested for each case and what people chose (its policy is in the policy app)."""

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from closeloop.cases.models import Case
from closeloop.org.models import User
from closeloop.policy.choices import Grade


class CaseInsight(models.Model):
    """The assist's reading of a case at intake, kept so the case page and the accuracy report show
    what was suggested then, not what a later model would say."""

    case = models.OneToOneField(
        Case, primary_key=True, related_name="insight", on_delete=models.CASCADE, verbose_name=_("case")
    )
    created_at = models.DateTimeField(_("analysed at"))
    # [{"code", "name", "confidence"}], best first: what the case page shows of them.
    categories = models.JSONField(_("suggested categories"), default=list)
    grade = models.CharField(_("suggested grade"), max_length=10, choices=Grade.choices)
    # [{"kind", "phrase", "start", "end"}] with offsets into title + "\n" + description.
    risks = models.JSONField(_("risk phrases"), default=list)
    anger = models.DecimalField(_("anger"), max_digits=4, decimal_places=3, default=Decimal("0"))
    anxiety = models.DecimalField(_("anxiety"), max_digits=4, decimal_places=3, default=Decimal("0"))
    emotion_phrases = models.JSONField(_("emotion phrases"), default=list)
    # {"department", "handler", "reason"}.
    dispatch = models.JSONField(_("suggested dispatch"), default=dict)
    models_used = models.JSONField(_("models used"), default=dict)
    escalated = models.BooleanField(_("escalated for anger"), default=False)

    class Meta:
        verbose_name = _("case insight")
        verbose_name_plural = _("case insights")

    def __str__(self) -> str:
        return str(self.case_id)


class DecisionKind(models.TextChoices):
    CATEGORY = "category", _("Category")
    DEPARTMENT = "department", _("Lead department")
    HANDLER = "handler", _("Handler")


class Decision(models.Model):
    """A person's choice where the assist had made a suggestion: the live accuracy, and for dispatch
    the overrides that the next training learns from."""

    case = models.ForeignKey(Case, related_name="assist_decisions", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    suggested = models.CharField(_("suggested"), max_length=60)
    # The other suggestions shown (top 3 for categories), to count "in the top 3" too.
    alternatives = models.JSONField(_("alternatives"), default=list)
    chosen = models.CharField(_("chosen"), max_length=60)
    accepted = models.BooleanField(_("suggestion accepted"))
    # The choice was the suggestion or one of the alternatives shown (the top-3 rate).
    in_top3 = models.BooleanField(_("among the suggestions"), default=False)
    actor = models.ForeignKey(User, null=True, blank=True, related_name="+", on_delete=models.SET_NULL)
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        ordering = ["-decided_at"]
        indexes = [models.Index(fields=["kind", "decided_at"], name="assist_decision_kind_at")]
        verbose_name = _("assist decision")
        verbose_name_plural = _("assist decisions")

    def __str__(self) -> str:
        return f"{self.kind}: {self.suggested} → {self.chosen}"

    @classmethod
    def made(
        cls,
        *,
        case: Case,
        kind: DecisionKind,
        suggested: str,
        chosen: str,
        actor: User | None,
        decided_at: datetime,
        alternatives: Sequence[str] = (),
    ) -> "Decision":
        """An unsaved decision, with whether the choice was suggested worked out once."""
        return cls(
            case=case,
            kind=kind,
            suggested=suggested,
            alternatives=list(alternatives),
            chosen=chosen,
            accepted=chosen == suggested,
            in_top3=chosen == suggested or chosen in alternatives,
            actor=actor,
            decided_at=decided_at,
        )
