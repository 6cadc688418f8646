"""Demo publications: a few closed demo cases taken through the whole publication workflow.

Each goes through the services, as a real one would (seed 003): the supervisor drafts it from the
case, rewrites it lightly in plain language and fills in the improvement's deadline and owner, legal
approves the desensitisation, the After-sales head and the auditor confirm its accuracy against the
case record (双人核对: two different people, neither the last editor nor the legal reviewer), and the
supervisor publishes it. One public comment is sent and approved, so the board shows one.

The cast is the demo accounts (`demo.services.DEMO_ACCOUNTS`). The head reads only After-sales
cases, and a checker must read the case, so the cases are chosen among those that the editor and
both checkers can read.
"""

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from closeloop.cases.models import Case, Evidence, Feedback, ResolutionPlan, Responsibility
from closeloop.cases.selectors import visible_cases
from closeloop.core import clock
from closeloop.disclosure import services
from closeloop.disclosure.models import Publication
from closeloop.org.models import User

PUBLICATIONS = 4
EDITOR = "supervisor"
LEGAL = "legal"
CHECKERS = ("head", "auditor")
# The improvement promised in a publication, by the first level of the case's category.
IMPROVEMENTS = {
    "PRODUCT": "到货检测不合格的产品当天换新；上门安装和维修前，师傅先核对配件和型号。",
    "SERVICE": "售后电话一次说清办理进度和时限；超过约定时间未回复的工单，由主管当天跟进。",
    "SAFETY": "上门服务前逐项检查安全措施；发现隐患先停用并告知客户，再安排处理。",
    "LOGISTICS": "物流异常时主动告知客户，并在两天内给出补发或退款方案。",
    "BILLING": "退款和补差价在三个工作日内原路退回，并短信告知到账时间。",
}
IMPROVEMENT_OTHER = "把这类问题写进员工培训，并每月复查同类投诉的数量。"
# Written by the editor where the case record has no evidence or responsibility entry of its own:
# every demo case was checked against its order and contact records before it was handled.
INVESTIGATION_PLAIN = "我们调取了订单记录和与客户的沟通记录，逐项核实了客户反映的情况。"
RESPONSIBILITY_PLAIN = "经核实，客户反映的问题属实，责任在我方{department}。"
# The demo's feedback announces "the result below"; in a publication the result is already above it.
FEEDBACK_LEAD = ("，处理结果如下……", "。")
EDIT_NOTE = "改为通俗表述，补充改进措施的完成期限和负责部门。"
COMMENT = "处理结果写得清楚，希望改进措施能按期落实。"
IMPROVEMENT_DAYS = 90
# When each step happened after the case was closed (never later than now), so the board spreads
# over the year the demo cases cover instead of showing everything published today.
STEPS = {
    "draft": timedelta(days=2),
    "edit": timedelta(days=2, minutes=40),
    "submit": timedelta(days=2, hours=1),
    "legal_approve": timedelta(days=3),
    "first_check": timedelta(days=3, hours=2),
    "second_check": timedelta(days=3, hours=5),
    "publish": timedelta(days=4),
    "comment": timedelta(days=6),
    "moderate": timedelta(days=6, hours=3),
}


def demo_publications_load() -> int:
    """Publish a few demo cases, unless there are publications already; returns how many."""
    if Publication.objects.exists():
        return 0
    editor = User.objects.get(username=EDITOR)
    legal = User.objects.get(username=LEGAL)
    checkers = [User.objects.get(username=name) for name in CHECKERS]
    published = 0
    with transaction.atomic():
        for index, case in enumerate(_cases(editor, checkers)):
            publication = _publish(case, editor=editor, legal=legal, checkers=checkers)
            if index == 0:
                _comment(publication, case, moderator=editor)
            published += 1
    return published


def _cases(editor: User, checkers: list[User]) -> list[Case]:
    """The most recently closed cases with a plan and feedback, one per category, that everyone in
    the cast may read; those whose record has evidence and a responsibility first."""
    readable: QuerySet[Case] = visible_cases(editor)
    for checker in checkers:
        readable = readable & visible_cases(checker)
    candidates = (
        readable.filter(status__in=services.DRAFTABLE_STATUSES)
        .filter(Exists(ResolutionPlan.objects.filter(case=OuterRef("pk"))))
        .filter(Exists(Feedback.objects.filter(case=OuterRef("pk"))))
        .annotate(
            has_evidence=Exists(Evidence.objects.filter(case=OuterRef("pk"))),
            has_responsibility=Exists(Responsibility.objects.filter(case=OuterRef("pk"))),
        )
        .select_related("category__parent__parent", "lead_department")
        .order_by("-has_evidence", "-has_responsibility", "-closed_at", "-id")
    )
    chosen: dict[int, Case] = {}
    for case in candidates.iterator():
        chosen.setdefault(case.category_id, case)
        if len(chosen) == PUBLICATIONS:
            break
    return list(chosen.values())


def _at(case: Case, step: str) -> datetime:
    closed = case.closed_at or case.archived_at or clock.now()
    return min(closed + STEPS[step], clock.now())


def _plain_changes(publication: Publication, case: Case) -> dict[str, Any]:
    """The editor's light rewrite: a plain title, the improvement promised for this kind of
    complaint with a deadline and an owner, and a plain sentence where the record had none."""
    department = case.lead_department.name if case.lead_department else ""
    root = case.category.parent.parent if case.category.parent else None
    promise = IMPROVEMENTS.get(root.code if root else "", IMPROVEMENT_OTHER)
    changes: dict[str, Any] = {
        "title": f"关于“{case.category.name}”投诉的处理结果",
        "improvement": "\n".join(part for part in (publication.improvement, promise) if part),
        "improvement_deadline": (clock.now() + timedelta(days=IMPROVEMENT_DAYS)).date(),
        "improvement_owner": department,
    }
    result = publication.result.replace(*FEEDBACK_LEAD)
    if result != publication.result:
        changes["result"] = result
    if not publication.investigation:
        changes["investigation"] = INVESTIGATION_PLAIN
    if not publication.responsibility:
        changes["responsibility"] = RESPONSIBILITY_PLAIN.format(department=department)
    return changes


def _publish(case: Case, *, editor: User, legal: User, checkers: list[User]) -> Publication:
    s = services
    with clock.frozen_at(_at(case, "draft")):
        p = s.publication_draft(case=case, actor=editor)
    with clock.frozen_at(_at(case, "edit")):
        p = s.publication_edit(
            publication=p, actor=editor, version=p.version, changes=_plain_changes(p, case), note=EDIT_NOTE
        )
    with clock.frozen_at(_at(case, "submit")):
        p = s.publication_submit(publication=p, actor=editor, version=p.version)
    with clock.frozen_at(_at(case, "legal_approve")):
        p = s.publication_legal_approve(publication=p, actor=legal, version=p.version)
    for step, checker in zip(("first_check", "second_check"), checkers, strict=True):
        with clock.frozen_at(_at(case, step)):
            p = s.publication_confirm(publication=p, actor=checker, version=p.version)
    with clock.frozen_at(_at(case, "publish")):
        return s.publication_publish(publication=p, actor=editor, version=p.version)


def _comment(publication: Publication, case: Case, *, moderator: User) -> None:
    with clock.frozen_at(_at(case, "comment")):
        comment = services.feedback_submit(publication=publication, text=COMMENT)
    with clock.frozen_at(_at(case, "moderate")):
        services.feedback_moderate(feedback=comment, actor=moderator, approve=True)
