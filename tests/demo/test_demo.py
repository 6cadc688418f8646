"""The demo data set: every state present, realistic texts, and loading twice adds nothing."""

from collections import Counter

from closeloop.cases.models import Case, Event
from closeloop.demo.services import DEMO_ACCOUNTS, demo_load
from closeloop.imports.models import ImportSource
from closeloop.imports.services import import_file
from closeloop.intake.choices import CallOutcome
from closeloop.intake.models import Call
from closeloop.org.models import Customer, User
from closeloop.org.selectors import user_roles


def test_demo_covers_every_state_and_role(db):
    result = demo_load(cases=160, seed=7)
    assert result["cases"] == 160
    states = Counter(Case.objects.values_list("status", flat=True))
    assert {"registered", "assigned", "in_progress", "awaiting_follow_up", "closed", "archived"} <= set(
        states
    )
    for username, _, memberships, _ in DEMO_ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.check_password("closeloop-demo")
        assert {role for role, _ in memberships} <= user_roles(user)
    assert User.objects.filter(skills__code="food_safety", memberships__department__code="QA-FOOD").exists()
    assert set(Customer.objects.values_list("tier", flat=True)) == {"high_value", "normal", "potential_risk"}
    # Every case went through the services: its trail starts with registration.
    first_actions = set(
        Event.objects.filter(case__in=Case.objects.all())
        .order_by("case_id", "id")
        .distinct()
        .values_list("action", flat=True)
    )
    assert "register" in first_actions
    assert Event.objects.filter(action="register").count() == 160
    assert all(c.registered_at >= c.contacted_at for c in Case.objects.all())


def test_loading_twice_adds_nothing(db):
    demo_load(cases=20, seed=3)
    counts = (Case.objects.count(), User.objects.count(), Customer.objects.count(), Event.objects.count())
    assert demo_load(cases=20, seed=3)["cases"] == 0
    assert (
        Case.objects.count(),
        User.objects.count(),
        Customer.objects.count(),
        Event.objects.count(),
    ) == counts


def test_demo_has_import_sources_that_work_and_calls_waiting(db, tmp_path):
    demo_load(cases=20, seed=5)
    agent = User.objects.get(username="agent")
    assert Call.objects.filter(agent=agent, outcome=CallOutcome.PENDING_INTAKE).count() == 2

    header = "工单编号,登记时间,办结时限,投诉人,联系电话,标题,诉求内容,问题类别,紧急程度"
    rows = [
        "12315-0001,2026-11-20 09:30,2026-12-01 17:00,赵先生,13812340001,冰箱不制冷,不制冷,家电质量,紧急",
        "12315-0002,2026-11-21 10:00,2026-12-02 17:00,钱女士,13812340002,快递未送达,五天未到,快递延误,一般",
    ]
    path = tmp_path / "12315.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    job = import_file(actor=User.objects.get(username="supervisor"), source="12315 平台", path=path)

    assert job.created_count == 2, job.message
    assert set(Case.objects.filter(external_ref__startswith="12315-").values_list("channel", flat=True)) == {
        "regulator"
    }
    assert ImportSource.objects.filter(name="旧台账", kind="ledger").exists()
