"""One complaint text in, every suggestion out, each with its reason (智能辅助).

Reads only: the intake form, the API and the post-intake screening all call `analyze`. The models
are trained from the organisation's own closed cases (`closeloop train_assist`, weekly job); before
there are any, the rules (risk and emotion phrases) and dispatch by history still work.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from closeloop.assist import dispatch
from closeloop.assist.models import CaseInsight
from closeloop.assist.selectors import insight, similar_cases
from closeloop.cases.choices import Emotion
from closeloop.cases.duplicates import case_text
from closeloop.cases.models import Case, FollowUp, ResolutionPlan
from closeloop.knowledge.models import Article
from closeloop.knowledge.selectors import articles_for_text
from closeloop.nlp import signals
from closeloop.nlp.models import AssistTask
from closeloop.nlp.selectors import active_id, active_model
from closeloop.org.models import Customer, User
from closeloop.policy.choices import RemedyKind
from closeloop.policy.models import Category
from closeloop.policy.selectors import assist_policy, compensation_standards, leaf_category

TOP_CATEGORIES = 3
SIMILAR_CASES = 5
ARTICLES = 3


@dataclass
class CategoryHint:
    category: Category
    confidence: float

    def as_dict(self) -> dict:
        return {
            "code": self.category.code,
            "name": self.category.name,
            "name_en": self.category.name_en,
            "confidence": round(self.confidence, 3),
            "guide": self.category.guide,
        }


@dataclass
class SimilarCase:
    """A closed case like the complaint, with what was decided and how the customer took it."""

    case: Case
    score: float
    plan: ResolutionPlan | None
    follow_up: FollowUp | None

    @classmethod
    def of(cls, case: Case, score: float) -> "SimilarCase":
        plans = list(case.plans.all())  # prefetched, in proposal order: the last one stood
        follow_ups = list(case.follow_ups.all())  # prefetched, newest first
        return cls(case, score, plans[-1] if plans else None, follow_ups[0] if follow_ups else None)

    def as_dict(self) -> dict:
        plan, last = self.plan, self.follow_up
        return {
            "number": self.case.number,
            "title": self.case.title,
            "category": self.case.category.name,
            "score": round(self.score, 3),
            "closed_at": self.case.closed_at,
            "plan": plan.summary if plan else "",
            "legal_basis": plan.legal_basis if plan else "",
            "remedies": [{"kind": r.kind, "amount": r.amount} for r in plan.remedies.all()] if plan else [],
            "satisfaction": last.satisfaction if last else None,
            "resolved": last.resolved if last else None,
        }


@dataclass
class Analysis:
    text: str
    categories: list[CategoryHint]
    grade: str
    grade_reason: str
    risks: list[dict]
    anger: float
    anxiety: float
    emotion: str
    emotion_phrases: list[dict]
    escalate: bool
    dispatch: dispatch.DispatchHint | None
    similar: list[SimilarCase] = field(default_factory=list)
    articles: list = field(default_factory=list)
    # The trained model behind each suggestion (AssistModel ids), so a later audit knows which.
    models: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "categories": [h.as_dict() for h in self.categories],
            "grade": {"suggested": self.grade, "reason": self.grade_reason, "risks": self.risks},
            "emotion": {
                "label": self.emotion,
                "anger": round(self.anger, 3),
                "anxiety": round(self.anxiety, 3),
                "phrases": self.emotion_phrases,
                "escalate": self.escalate,
            },
            "dispatch": self.dispatch.as_dict() if self.dispatch else None,
            "similar_cases": [item.as_dict() for item in self.similar],
            "articles": [article_as_dict(a) for a in self.articles],
            "models": self.models,
        }

    def highlighted(self) -> list[tuple[str, str]]:
        """The text cut into (piece, kind) runs; kind is empty outside a risk or emotion phrase."""
        marks = sorted(
            [(r["start"], r["end"], r["kind"]) for r in self.risks]
            + [(p["start"], p["end"], p["kind"]) for p in self.emotion_phrases],
        )
        runs, at = [], 0
        for start, end, kind in marks:
            if start < at:
                continue  # overlapping phrases: the first one marks the text
            if start > at:
                runs.append((self.text[at:start], ""))
            runs.append((self.text[start:end], kind))
            at = end
        if at < len(self.text):
            runs.append((self.text[at:], ""))
        return runs


def article_as_dict(article: Article) -> dict:
    return {
        "id": article.pk,
        "title": article.title,
        "kind": article.kind,
        "legal_basis": article.legal_basis,
        "url": reverse("knowledge:article", args=[article.pk]),
    }


def _categories(text: str) -> list[CategoryHint]:
    model = active_model("category")
    if model is None:
        return []
    hints = []
    for code, confidence in model.predict_top([text], k=TOP_CATEGORIES)[0]:
        leaf = leaf_category(code)
        if leaf is not None:  # a category retired since training is not suggested
            hints.append(CategoryHint(category=leaf, confidence=float(confidence)))
    return hints


def _similar(text: str, user: User | None, exclude: tuple[int, ...]) -> list[SimilarCase]:
    index = active_model("similar")
    if index is None:
        return []
    # Ask for more than shown: some hits may be outside the user's scope.
    hits = index.query(text, k=SIMILAR_CASES * 3, exclude=exclude)
    scores = dict(hits)
    cases = similar_cases(user, [int(pk) for pk, _score in hits])[:SIMILAR_CASES]
    return [SimilarCase.of(c, float(scores[c.pk])) for c in cases]


def _articles(text: str) -> list[Article]:
    return list(articles_for_text(text, k=ARTICLES))


def analyze(
    text: str,
    *,
    customer: Customer | None = None,
    category: Category | None = None,
    user: User | None = None,
    exclude: tuple[int, ...] = (),
    retrieve: bool = True,
) -> Analysis:
    """Every suggestion for a complaint text. `category` (the one chosen, if any) drives dispatch;
    without it, the best suggested category does. `retrieve=False` skips similar cases and articles,
    which the screening after intake does not store."""
    categories = _categories(text)
    grade_hint = signals.suggest_grade(text)
    feeling = signals.emotion(text, model=active_model("emotion"))
    threshold = float(assist_policy().anger_threshold)
    basis = category or (categories[0].category if categories else None)
    hint = dispatch.suggest(basis, customer) if basis is not None else None
    similar: list[SimilarCase] = []
    articles: list = []
    if retrieve:
        similar = _similar(text, user, exclude)
        articles = _articles(text)
    return Analysis(
        text=text,
        categories=categories,
        grade=grade_hint.grade,
        grade_reason=grade_hint.reason,
        risks=[
            {"kind": s.kind, "phrase": s.phrase, "start": s.start, "end": s.end} for s in grade_hint.signals
        ],
        anger=feeling.anger,
        anxiety=feeling.anxiety,
        emotion=feeling.label,
        emotion_phrases=[
            {"kind": p.kind, "phrase": p.phrase, "start": p.start, "end": p.end} for p in feeling.phrases
        ],
        escalate=feeling.anger >= threshold,
        dispatch=hint,
        similar=similar,
        articles=articles,
        models={task: pk for task in AssistTask if (pk := active_id(task)) is not None},
    )


def as_decimal(score: float) -> Decimal:
    return Decimal(f"{min(max(score, 0.0), 1.0):.3f}")


def explain_escalation(result: Analysis) -> str:
    phrases = "、".join(p["phrase"] for p in result.emotion_phrases[:5])
    return _("The customer is angry (anger %(score).2f)%(phrases)s: a supervisor takes the case in hand.") % {
        "score": result.anger,
        "phrases": f": {phrases}" if phrases else "",
    }


# Remedies that give the customer something, most substantive first (seed 002: an angry customer
# is offered a real remedy, not only an apology).
SUBSTANTIVE = (RemedyKind.COMPENSATION, RemedyKind.REFUND, RemedyKind.EXCHANGE, RemedyKind.REPAIR)


@dataclass
class RemedyHint:
    kind: str
    amount: Decimal
    legal_basis: str
    reason: str


def is_angry(case: Case, found: CaseInsight | None) -> bool:
    if case.emotion == Emotion.ANGRY:
        return True
    return found is not None and found.anger >= assist_policy().anger_threshold


def remedy_hint(case: Case, found: CaseInsight | None) -> RemedyHint | None:
    """For an angry customer, the most substantive remedy the compensation standard allows."""
    if not is_angry(case, found):
        return None
    standards = compensation_standards(category=case.category, grade=case.grade)
    for kind in SUBSTANTIVE:
        standard = standards.get(kind)
        if standard is not None:
            return RemedyHint(
                kind=kind,
                amount=standard.max_amount,
                legal_basis=standard.legal_basis,
                reason=_(
                    "The customer is angry: consider %(remedy)s up to %(amount)s yuan, the most the "
                    "compensation standard allows without approval."
                )
                % {"remedy": RemedyKind(kind).label, "amount": standard.max_amount},
            )
    return None


@dataclass
class CaseAssist:
    """The case page's assist card: what intake found, and the closed cases and articles like it now."""

    insight: CaseInsight | None
    similar: list[SimilarCase]
    articles: list[Article]
    # The anger score from which a customer is escalated: where the meter turns red.
    anger_high: float


def case_assist(user: User, case: Case) -> CaseAssist:
    text = case_text(case.title, case.description)
    return CaseAssist(
        insight=insight(case),
        similar=_similar(text, user, (case.pk,)),
        articles=_articles(text),
        anger_high=float(assist_policy().anger_threshold),
    )
