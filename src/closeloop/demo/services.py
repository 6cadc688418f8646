"""A realistic demo organisation: staff of every role, customers of every tier, and a year of cases.

Every case is driven through the real workflow services with the clock set to the past, so the demo
data obeys the same rules and leaves the same audit trail as real use.
"""

import csv
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from closeloop.cases import services as cs
from closeloop.cases.choices import Channel, Emotion, EvidenceKind, Status
from closeloop.cases.models import Case
from closeloop.core import clock
from closeloop.disclosure.demo import demo_publications_load
from closeloop.imports.models import ImportKind, ImportSource
from closeloop.intake.services import call_report
from closeloop.knowledge.demo import demo_articles_load
from closeloop.notify.services import deliveries_record_sent, sending_held
from closeloop.org.choices import CustomerTier, ReplyChannel, Role
from closeloop.org.models import Customer, Department, Membership, Skill, User
from closeloop.policy import demo_texts
from closeloop.policy.models import Category, CompensationStandard
from closeloop.policy.services import defaults_load
from closeloop.sla.services import sla_sweep

DEMO_PASSWORD = "closeloop-demo"

# username, display name, [(role, department code)], superuser
DEMO_ACCOUNTS = [
    ("admin", "系统管理员", [(Role.ADMIN, "HQ")], True),
    ("agent", "王晓敏", [(Role.AGENT, "CS-HOTLINE")], False),
    ("handler", "李建国", [(Role.HANDLER, "AS")], False),
    ("supervisor", "张丽华", [(Role.SUPERVISOR, "AS"), (Role.SUPERVISOR, "CS")], False),
    ("head", "陈志强", [(Role.HEAD, "AS")], False),
    ("executive", "刘振东", [(Role.EXECUTIVE, "HQ")], False),
    ("legal", "赵静", [(Role.LEGAL, "LEGAL")], False),
    ("auditor", "孙明", [(Role.AUDITOR, "SUP")], False),
]

# Skills by department prefix, for dispatch by skill (smart dispatch reads them).
DEMO_SKILLS = {
    "appliance": ("家电维修", ("AS", "QA")),
    "food_safety": ("食品安全", ("QA-FOOD",)),
    "consumer_finance": ("金融消费", ("FIN",)),
    "logistics": ("物流配送", ("LOG",)),
    "it_support": ("系统故障", ("TECH",)),
    "legal": ("法律咨询", ("LEGAL",)),
    "english": ("英语服务", ("CS",)),
}

# Skills each part of the taxonomy needs, for dispatch by skill; a leaf takes its parents'.
DEMO_CATEGORY_SKILLS = {
    "PRODUCT-DEFECT": "appliance",
    "PRODUCT-FOOD": "food_safety",
    "SAFETY-FOOD": "food_safety",
    "BILLING": "consumer_finance",
    "LOGISTICS": "logistics",
    "SYSTEM": "it_support",
    "PRIVACY-LEAK": "legal",
    "MARKETING-FALSE": "legal",
}

# How a year of cases ends up, as weights; recent cases are more likely still open.
OLD_OUTCOMES = {
    Status.CLOSED: 52,
    Status.ARCHIVED: 34,
    Status.WITHDRAWN: 6,
    Status.MERGED: 4,
    Status.AWAITING_FOLLOW_UP: 2,
    Status.IN_PROGRESS: 2,
}
RECENT_OUTCOMES = {
    Status.REGISTERED: 14,
    Status.ASSIGNED: 16,
    Status.IN_PROGRESS: 28,
    Status.RESOLVED: 8,
    Status.AWAITING_FOLLOW_UP: 12,
    Status.CLOSED: 16,
    Status.WITHDRAWN: 3,
    Status.MERGED: 3,
}
CHANNELS = {
    Channel.PHONE: 40,
    Channel.WEB: 18,
    Channel.APP: 15,
    Channel.EMAIL: 8,
    Channel.WALK_IN: 6,
    Channel.LETTER: 3,
    Channel.SOCIAL: 6,
    Channel.REGULATOR: 4,
}


@dataclass
class _Text:
    category: str
    title: str
    description: str
    demand: str
    emotion: str


def _pick(rng: random.Random, weights: dict) -> object:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _corpus(rng: random.Random) -> list[_Text]:
    texts = [
        _Text(code, t["title"], t["description"], t["demand"], t["emotion"])
        for code, items in demo_texts.FALLBACK_TEXTS.items()
        for t in items
    ]
    data = Path(settings.SHARED_DATA_DIR)
    reviews = data / "reviews" / "online_shopping_10_cats.csv"
    if reviews.exists():
        with reviews.open(encoding="utf-8-sig") as fh:
            rows = [r for r in csv.DictReader(fh) if r["label"] == "0" and 15 <= len(r["review"]) <= 400]
        for r in rng.sample(rows, min(1500, len(rows))):
            leaf = demo_texts.SHOPPING_CAT_TO_LEAF.get(r["cat"])
            if leaf:
                text = r["review"].strip()
                emotion = (
                    Emotion.ANGRY
                    if any(w in text for w in ("垃圾", "气死", "骗", "！！", "!!"))
                    else rng.choice([Emotion.DISAPPOINTED, Emotion.CALM, Emotion.ANXIOUS])
                )
                texts.append(_Text(leaf, f"{r['cat']}：{text[:18]}", text, "要求商家给出处理方案", emotion))
    messages = data / "gov_messages" / "messages_labeled.csv"
    if messages.exists():
        with messages.open(encoding="utf-8-sig") as fh:
            for r in csv.DictReader(fh):
                leaf = demo_texts.GOV_CLASS_TO_LEAF.get(r["一级分类"])
                if leaf and r["留言详情"].strip():
                    texts.append(
                        _Text(
                            leaf,
                            r["留言主题"][:60],
                            r["留言详情"].strip()[:1500],
                            "请尽快核实处理",
                            Emotion.ANXIOUS,
                        )
                    )
    return texts


class _Org:
    """Staff pools by department, built once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.by_role: dict[tuple[str, int], list[User]] = {}
        for m in Membership.objects.select_related("user", "department"):
            self.by_role.setdefault((m.role, m.department_id), []).append(m.user)
        self.departments = {d.pk: d for d in Department.objects.all()}

    def one(self, role: str, department: Department) -> User:
        """Someone with `role` in the department, else in the nearest ancestor."""
        node = department
        while node is not None:
            people = self.by_role.get((role, node.pk))
            if people:
                return self.rng.choice(people)
            node = self.departments.get(node.parent_id)
        return User.objects.get(username="admin")


def _staff(rng: random.Random) -> None:
    # One hash for every demo account: hashing is deliberately slow, the password is the same.
    password = make_password(DEMO_PASSWORD)
    departments = {d.code: d for d in Department.objects.all()}
    for username, name, memberships, superuser in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "display_name": name,
                "is_superuser": superuser,
                "is_staff": superuser,
                "email": f"{username}@closeloop.example",
            },
        )
        if created:
            user.password = password
            user.save(update_fields=["password"])
        for role, code in memberships:
            Membership.objects.get_or_create(user=user, department=departments[code], role=role)
    skills = [
        Skill.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, (name, _) in DEMO_SKILLS.items()
    ]
    names = iter(demo_texts.STAFF_NAMES)
    counter = 0
    for dept in departments.values():
        if dept.code == "HQ":
            continue
        roles = [Role.HANDLER, Role.HANDLER]
        if dept.parent and dept.parent.code == "HQ":
            roles += [Role.SUPERVISOR, Role.HEAD]
        if dept.code.startswith("CS"):
            roles += [Role.AGENT, Role.AGENT]
        for role in roles:
            counter += 1
            username = f"staff{counter:03d}"
            user, created = User.objects.get_or_create(
                username=username, defaults={"display_name": next(names, f"员工{counter}")}
            )
            if created:
                user.password = password
                user.save(update_fields=["password"])
            Membership.objects.get_or_create(user=user, department=dept, role=role)
            for skill in skills:
                if dept.code.startswith(DEMO_SKILLS[skill.code][1]):
                    user.skills.add(skill)


def _category_skills() -> None:
    skills = {s.code: s for s in Skill.objects.filter(code__in=DEMO_CATEGORY_SKILLS.values())}
    for category in Category.objects.filter(code__in=DEMO_CATEGORY_SKILLS):
        category.skills.add(skills[DEMO_CATEGORY_SKILLS[category.code]])


def _customers(rng: random.Random, count: int) -> list[Customer]:
    existing = list(Customer.objects.all()[:count])
    new = []
    for i in range(len(existing), count):
        name = rng.choice(demo_texts.SURNAMES) + "".join(
            rng.sample(demo_texts.GIVEN_NAME_CHARS, rng.choice([1, 2]))
        )
        phone = "1" + rng.choice(["38", "39", "58", "86", "35", "77"]) + f"{rng.randrange(10**8):08d}"
        tier = _pick(
            rng, {CustomerTier.HIGH_VALUE: 10, CustomerTier.NORMAL: 80, CustomerTier.POTENTIAL_RISK: 10}
        )
        new.append(
            Customer(
                name=name,
                phone=phone,
                email=f"customer{i:04d}@example.com" if i % 3 == 0 else "",
                preferred_channel=ReplyChannel.EMAIL if i % 3 == 0 and i % 2 else ReplyChannel.PHONE,
                tier=tier,
            )
        )
    Customer.objects.bulk_create(new)
    return list(Customer.objects.all()[:count])


class _Story:
    """Drives one case from registration to its planned final state, advancing a private clock."""

    def __init__(self, rng: random.Random, org: _Org, at: datetime, limit: datetime) -> None:
        self.rng, self.org, self.at, self.limit = rng, org, at, limit

    def step(self, fn: Callable, minutes: tuple[int, int] = (10, 240), **kwargs):
        self.at = min(self.at + timedelta(minutes=self.rng.randint(*minutes)), self.limit)
        with clock.frozen_at(self.at):
            return fn(**kwargs)


def _plan_remedies(rng: random.Random, case: Case, standards: dict) -> list[dict]:
    options = standards.get((case.category.parent.parent_id, case.grade)) or []
    if not options:
        return [{"kind": "apology", "amount": "0", "description": "书面致歉"}]
    chosen = rng.choice(options)
    amount = chosen.min_amount + (chosen.max_amount - chosen.min_amount) * Decimal(rng.randint(0, 100)) / 100
    if rng.random() < 0.1:
        amount = chosen.max_amount * 2 + 100  # outside the standard: needs approval
    return [
        {
            "kind": chosen.remedy,
            "amount": amount.quantize(Decimal("0.01")),
            "description": chosen.description[:200],
        },
        {"kind": "apology", "amount": "0", "description": "向客户致歉"},
    ]


def _drive(
    story: _Story, case: Case, target: str, agent: User, standards: dict, open_cases: list[Case]
) -> None:
    rng, org = story.rng, story.org
    order = [
        Status.REGISTERED,
        Status.ASSIGNED,
        Status.IN_PROGRESS,
        Status.RESOLVED,
        Status.AWAITING_FOLLOW_UP,
        Status.CLOSED,
        Status.ARCHIVED,
    ]
    if target == Status.MERGED:
        survivor = next((c for c in reversed(open_cases) if c.pk != case.pk), None)
        if survivor is not None:
            story.step(
                cs.case_merge,
                case=case,
                actor=User.objects.get(username="admin"),
                into=survivor.number,
                reason="同一客户同一事项重复投诉，合并处理",
            )
            return
        target = Status.WITHDRAWN
    stop = order.index(target) if target in order else rng.choice([0, 1])
    if rng.random() < 0.9:
        case = story.step(
            cs.case_respond,
            (3, 60 * 30 if rng.random() < 0.1 else 90),
            case=case,
            actor=agent,
            note="已电话联系客户，告知受理情况",
        )
    if stop >= 1:
        dept = case.lead_department
        supervisor = org.one(Role.SUPERVISOR, dept)
        case = story.step(
            cs.case_assign,
            case=case,
            actor=supervisor,
            department=dept.pk,
            handler=org.one(Role.HANDLER, dept),
        )
    if stop >= 2:
        if rng.random() < 0.08:
            others = [d for d in org.departments.values() if d.parent_id and d.pk != case.lead_department_id]
            new_dept = rng.choice(others)
            case = story.step(
                cs.case_transfer,
                case=case,
                actor=case.handler,
                department=new_dept.pk,
                requirements="该问题属贵部门职责，请核实处理并反馈结果",
                due_at=story.at + timedelta(days=3),
            )
        handler = case.handler or org.one(Role.HANDLER, case.lead_department)
        case = story.step(cs.case_start, case=case, actor=handler)
        case = story.step(
            cs.case_progress,
            case=case,
            actor=handler,
            note="已调取订单及沟通记录，正在核实",
            expected_completion_at=story.at + timedelta(days=1),
        )
        if rng.random() < 0.5:
            case = story.step(
                cs.case_add_evidence,
                case=case,
                actor=handler,
                kind=rng.choice(list(EvidenceKind.values)),
                description="客服通话录音及订单截图",
                method="evidence_chain",
            )
        if rng.random() < 0.6:
            party = rng.choice(["employee", "supplier", "system", "third_party", "department"])
            case = story.step(
                cs.case_determine_responsibility,
                case=case,
                actor=handler,
                parties=[{"party_type": party, "share": "primary", "percentage": 100}],
                rationale="经流程回溯与证据链核实，问题由该环节造成",
                disputed=rng.random() < 0.05,
            )
            if case.legal_review_requested:
                legal = User.objects.get(username="legal")
                case = story.step(
                    cs.case_review_responsibility,
                    case=case,
                    actor=legal,
                    decision="upheld",
                    note="证据充分，认定成立",
                )
    if stop >= 3:
        _resolve(story, case, standards)
        case.refresh_from_db()
    if stop >= 4:
        case = story.step(
            cs.case_give_feedback,
            case=case,
            actor=agent,
            content="您反映的问题已核实处理，处理结果如下……",
            basis="依据公司服务承诺及相关法规",
        )
    if stop >= 5:
        roll = rng.random()
        if roll < 0.12:
            case = story.step(
                cs.case_follow_up,
                (60 * 20, 60 * 60),
                case=case,
                actor=agent,
                method="phone",
                resolved=False,
                satisfaction=rng.randint(2, 5),
                comment="问题未彻底解决",
            )
            _resolve(story, case, standards)
            case.refresh_from_db()
            case = story.step(cs.case_give_feedback, case=case, actor=agent, content="已重新调整方案并落实")
        if roll > 0.95:
            for _ in range(3):
                case = story.step(
                    cs.case_follow_up,
                    (60 * 4, 60 * 24),
                    case=case,
                    actor=agent,
                    method="phone",
                    reached=False,
                    comment="电话无人接听",
                )
        else:
            case = story.step(
                cs.case_follow_up,
                (60 * 20, 60 * 60),
                case=case,
                actor=agent,
                method="phone",
                resolved=True,
                satisfaction=rng.choices(range(6, 11), weights=[1, 2, 4, 5, 4])[0],
                comment="客户表示满意",
            )
        case = story.step(cs.case_close, case=case, actor=agent)
    if stop >= 6:
        supervisor = org.one(Role.SUPERVISOR, case.lead_department)
        story.step(cs.case_archive, (60 * 24, 60 * 24 * 5), case=case, actor=supervisor)
    if target == Status.WITHDRAWN:
        story.step(cs.case_withdraw, case=case, actor=agent, reason="客户来电表示已与商家自行和解，撤回投诉")
    if target in (Status.REGISTERED, Status.ASSIGNED, Status.IN_PROGRESS):
        open_cases.append(case)


def _resolve(story: _Story, case: Case, standards: dict) -> None:
    handler = case.handler or story.org.one(Role.HANDLER, case.lead_department)
    case = story.step(
        cs.case_propose_plan,
        case=case,
        actor=handler,
        summary="核实属实，按补偿标准处理",
        remedies=_plan_remedies(story.rng, case, standards),
        legal_basis="《中华人民共和国消费者权益保护法》第二十四条",
    )
    plan = case.plans.order_by("-id").first()
    if plan.status == "awaiting_approval":
        case = story.step(
            cs.case_approve_plan,
            case=case,
            actor=story.org.one(Role.HEAD, case.lead_department),
            note="特殊情况，同意超标准补偿",
        )
    case = story.step(
        cs.case_record_negotiation, case=case, actor=handler, summary="客户同意处理方案", outcome="accepted"
    )
    story.step(cs.case_resolve, case=case, actor=handler, note="方案已执行完毕")


def demo_load(
    *, cases: int = 2100, seed: int = 20261123, progress: Callable[[int, int], None] | None = None
) -> dict:
    rng = random.Random(seed)
    defaults_load()
    with transaction.atomic():
        _staff(rng)
        _category_skills()
    customers = _customers(rng, max(200, cases // 4))
    if Case.objects.exists():
        return {"cases": 0, "existing": Case.objects.count()}
    org = _Org(rng)
    corpus = _corpus(rng)
    leaves = {c.code: c for c in Category.objects.filter(level=3)}
    standards: dict = {}
    for s in CompensationStandard.objects.select_related("category"):
        root = s.category if s.category.level == 1 else None
        if root is not None:
            standards.setdefault((root.pk, s.grade), []).append(s)
    agents = [m.user for m in Membership.objects.filter(role=Role.AGENT).select_related("user")]
    now = clock.now()
    starts = sorted(
        now - timedelta(days=365 * rng.random() ** 1.2, minutes=rng.randint(30, 600)) for _ in range(cases)
    )
    with sending_held():
        made = _story_cases(rng, starts, now, org, corpus, leaves, customers, agents, standards, progress)
        # Escalate what is overdue today, as the first sweep of `make run` would.
        sla_sweep()
    # The messages of a generated year were "sent" back then, to fictional people.
    deliveries_record_sent(created_before=clock.now() + timedelta(seconds=1))
    _import_sources()
    _waiting_calls(rng, agents, now)
    demo_articles_load(User.objects.get(username="supervisor"))
    demo_publications_load()
    return {"cases": made, "existing": Case.objects.count()}


def _import_sources() -> None:
    """A regulator's transfer export and an old ledger, mapped, so `/imports/` can be tried at once."""
    ImportSource.objects.get_or_create(
        name="12315 平台",
        defaults={
            "kind": ImportKind.TRANSFER,
            "column_map": {
                "external_ref": "工单编号",
                "contacted_at": "登记时间",
                "due_at": "办结时限",
                "name": "投诉人",
                "phone": "联系电话",
                "title": "标题",
                "description": "诉求内容",
                "category": "问题类别",
                "grade": "紧急程度",
            },
            "value_maps": {
                "category": {"家电质量": "PRODUCT-DEFECT-DOA", "快递延误": "LOGISTICS-DELIVERY-LATE"},
                "grade": {"一般": "general", "紧急": "urgent"},
            },
            "default_channel": Channel.REGULATOR,
            "default_category": "SERVICE-PROCESS-WAIT",
        },
    )
    ImportSource.objects.get_or_create(
        name="旧台账",
        defaults={
            "kind": ImportKind.LEDGER,
            "column_map": {
                "external_ref": "编号",
                "contacted_at": "来电时间",
                "name": "姓名",
                "phone": "电话",
                "title": "事项",
                "description": "投诉内容",
                "category": "类别",
                "status": "状态",
                "closed_at": "办结时间",
                "result": "处理结果",
                "satisfaction": "满意度",
            },
            "value_maps": {
                "category": {"质量问题": "PRODUCT-DEFECT-FAULT", "服务态度": "SERVICE-ATTITUDE-RUDE"},
                "status": {"已办结": "closed", "办理中": "open"},
            },
            "default_channel": Channel.PHONE,
            "default_category": "SERVICE-PROCESS-WAIT",
        },
    )


def _waiting_calls(rng: random.Random, agents: list[User], now: datetime) -> None:
    """Calls from new numbers that the phone system reported a few minutes ago: the agent's queue."""
    agent = next((a for a in agents if a.username == "agent"), None)
    if agent is None:
        return
    for n in range(2):
        started = now - timedelta(minutes=rng.randint(3, 40))
        call_report(
            actor=agent,
            external_id=f"demo-call-{n + 1}",
            caller_number=f"1370000{rng.randint(1000, 9999)}",
            started_at=started,
            ended_at=started + timedelta(seconds=rng.randint(60, 400)),
        )


def _story_cases(rng, starts, now, org, corpus, leaves, customers, agents, standards, progress) -> int:
    made = 0
    open_cases: list[Case] = []
    for index, start in enumerate(starts):
        text = rng.choice(corpus)
        # The newest sixth of the year is still being worked on; older cases are mostly closed.
        recent = index >= len(starts) * 5 // 6
        target = _pick(rng, RECENT_OUTCOMES if recent else OLD_OUTCOMES)
        customer = rng.choice(customers)
        agent = rng.choice(agents)
        grade = _pick(rng, {"general": 85, "urgent": 12, "major": 3})
        channel = _pick(rng, CHANNELS)
        delay = timedelta(minutes=rng.randint(1, 20) if rng.random() < 0.95 else rng.randint(600, 1500))
        with transaction.atomic(), clock.frozen_at(min(start + delay, now)):
            case = cs.case_register(
                actor=agent,
                channel=channel,
                contacted_at=start,
                registered_at=min(start + delay, now),
                complainant={
                    "name": customer.name,
                    "phone": customer.phone,
                    "email": customer.email,
                    "preferred_channel": customer.preferred_channel,
                },
                title=text.title,
                description=text.description,
                category=leaves[text.category].code,
                grade=grade,
                demand=text.demand,
                emotion=text.emotion,
                amount=Decimal(rng.randint(20, 5000)) if rng.random() < 0.6 else None,
                order_ref=f"DD{rng.randrange(10**12):012d}" if rng.random() < 0.5 else "",
            )
            _drive(_Story(rng, org, min(start + delay, now), now), case, target, agent, standards, open_cases)
        made += 1
        if progress:
            progress(made, len(starts))
    return made
