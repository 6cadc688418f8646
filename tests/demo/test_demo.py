"""The demo data set: every state present, realistic texts, and loading twice adds nothing."""

from collections import Counter

from closeloop.cases.models import Case, Event
from closeloop.demo.services import DEMO_ACCOUNTS, demo_load
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
