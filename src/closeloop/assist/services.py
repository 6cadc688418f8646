"""Writes of the assist: the screening after intake, escalation of angry customers, and the record of
what people chose where a suggestion was shown."""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from closeloop.assist import analysis
from closeloop.assist.models import CaseInsight, Decision, DecisionKind
from closeloop.cases.choices import FINAL_STATUSES
from closeloop.cases.duplicates import case_text
from closeloop.cases.models import Case
from closeloop.core import clock
from closeloop.nlp.models import AssistTask
from closeloop.nlp.selectors import closed_case_texts
from closeloop.nlp.services import MIN_TRAINING_CASES, model_train
from closeloop.org.choices import Role
from closeloop.org.models import User
from closeloop.org.selectors import user_roles
from closeloop.policy.selectors import assist_policy
from closeloop.sla import deadlines
from closeloop.supervision.services import OrderSpec, orders_issue

log = logging.getLogger(__name__)


def case_screen(case_id: int) -> CaseInsight | None:
    """Read a newly registered case once: store the suggestions, count the category choice, and
    escalate an angry customer to a supervisor at once (seed 002). Safe to run twice."""
    case = (
        Case.objects.select_related("category", "customer__dedicated_agent", "registered_by")
        .filter(pk=case_id)
        .first()
    )
    if case is None or CaseInsight.objects.filter(case=case).exists():
        return None
    # The models run before the lock: title and description never change after intake.
    result = analysis.analyze(
        case_text(case.title, case.description),
        customer=case.customer,
        category=case.category,
        retrieve=False,
    )
    with transaction.atomic():
        locked = Case.objects.select_for_update().filter(pk=case_id).first()
        if locked is None or CaseInsight.objects.filter(case=locked).exists():
            return None
        now = clock.now()
        escalate = result.escalate and locked.status not in FINAL_STATUSES
        insight = CaseInsight.objects.create(
            case=locked,
            created_at=now,
            categories=[
                {"code": h.category.code, "name": h.category.name, "confidence": round(h.confidence, 3)}
                for h in result.categories
            ],
            grade=result.grade,
            risks=result.risks,
            anger=analysis.as_decimal(result.anger),
            anxiety=analysis.as_decimal(result.anxiety),
            emotion_phrases=result.emotion_phrases,
            dispatch=result.dispatch.as_dict() if result.dispatch else {},
            models_used=result.models,
            escalated=escalate,
        )
        # Only where a person chose the category could they have seen the suggestion: the portal's
        # own intake would count the model against itself.
        if result.categories and Role.PORTAL not in user_roles(case.registered_by):
            codes = [h.category.code for h in result.categories]
            Decision.made(
                case=locked,
                kind=DecisionKind.CATEGORY,
                suggested=codes[0],
                alternatives=codes[1:],
                chosen=case.category.code,
                actor=case.registered_by,
                decided_at=now,
            ).save()
        if escalate:
            policy = assist_policy()
            orders_issue(
                [
                    OrderSpec(
                        case=locked,
                        target_role=policy.escalate_to,
                        reason=analysis.explain_escalation(result),
                        due_at=deadlines.order_due(locked, now, policy.escalation_due),
                        instructions=_(
                            "Call the customer back, and consider a substantive remedy within the "
                            "compensation standard."
                        ),
                        event_data={
                            "trigger": "anger",
                            "anger": round(result.anger, 3),
                            "phrases": [p["phrase"] for p in result.emotion_phrases],
                        },
                    )
                ],
                actor=None,
            )
    return insight


def dispatch_decisions_record(case: Case, actor: User | None) -> list[Decision]:
    """At the first assignment after intake: did the person keep the suggested department and
    handler? Both the rate and the overrides (as the cases' own lead departments) feed the next
    suggestions. Runs inside the assignment's transaction."""
    suggested = CaseInsight.objects.filter(case=case).values_list("dispatch", flat=True).first()
    if not suggested or case.assist_decisions.filter(kind=DecisionKind.DEPARTMENT).exists():
        return []
    now = clock.now()
    made = []
    if suggested.get("department") and case.lead_department_id:
        made.append(
            Decision.made(
                case=case,
                kind=DecisionKind.DEPARTMENT,
                suggested=suggested["department"],
                chosen=case.lead_department.code,
                actor=actor,
                decided_at=now,
            )
        )
    if suggested.get("handler") and case.handler_id:
        made.append(
            Decision.made(
                case=case,
                kind=DecisionKind.HANDLER,
                suggested=suggested["handler"],
                chosen=case.handler.username,
                actor=actor,
                decided_at=now,
            )
        )
    return Decision.objects.bulk_create(made)


def models_retrain() -> dict[str, int]:
    """Retrain every assist model from the closed cases (the weekly job): the category and emotion
    people finally recorded, overrides included, and the index of similar cases. Returns the cases
    each model learnt from; a task without enough of them keeps its current model."""
    trained = {}
    for task in AssistTask:
        texts, labels = closed_case_texts(task=task)
        if len(texts) < MIN_TRAINING_CASES or (task != AssistTask.SIMILAR and len(set(labels)) < 2):
            continue
        try:
            trained[task.value] = model_train(task=task, texts=texts, labels=labels).trained_on
        except ValueError:
            # Texts a model cannot learn from (all alike) must not stop the other tasks' training.
            log.warning("assist model %s not retrained", task.value, exc_info=True)
    return trained
