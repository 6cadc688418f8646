"""Smart dispatch: the department people actually chose, the handler with the skills and the room,
a high-value customer's dedicated agent, and always a reason."""

import pytest

from closeloop.assist import dispatch
from closeloop.cases import services
from closeloop.cases.models import Case
from closeloop.org.choices import CustomerTier, Role
from closeloop.org.models import Membership, Skill
from closeloop.policy.models import Category
from tests.conftest import LEAF, dept, drive

pytestmark = pytest.mark.django_db


def leaf() -> Category:
    return Category.objects.select_related("default_department", "parent__parent").get(code=LEAF)


def test_without_history_the_default_department_leads(staff):
    hint = dispatch.suggest(leaf())
    assert hint.department.code == "AS"
    assert "default" in hint.reason


def test_what_people_chose_for_closed_cases_wins_over_the_default(register, staff, make_staff):
    # Two closed cases of the category were led by logistics after an override: the next follows.
    for _ in range(2):
        case = register()
        drive(case, staff, "assigned")
        services.case_assign(
            case=Case.objects.get(pk=case.pk), actor=staff["supervisor"], department="LOG-DELIVERY"
        )
        Case.objects.filter(pk=case.pk).update(status="closed", closed_at=case.registered_at)
    hint = dispatch.suggest(leaf())
    assert hint.department.code == "LOG-DELIVERY"
    assert "2" in hint.reason
    assert hint.handler == staff["other_handler"]


def test_the_handler_with_the_skill_and_the_lighter_desk_is_suggested(register, staff, make_staff):
    skill = Skill.objects.create(code="appliance", name="家电维修")
    leaf().parent.skills.add(skill)
    skilled = make_staff("skilled", (Role.HANDLER, "AS"))
    skilled.skills.add(skill)
    hint = dispatch.suggest(leaf())
    assert hint.handler == skilled
    assert "家电维修" in hint.reason
    # A full desk outweighs the skill.
    for _ in range(12):
        Case.objects.filter(pk=register().pk).update(status="in_progress", handler=skilled)
    hint = dispatch.suggest(leaf())
    assert hint.handler == staff["handler"]
    scores = {s.user.username: s for s in dispatch.handler_scores(dept("AS"), leaf())}
    assert scores["skilled"].open_cases == 12


def test_a_high_value_customer_goes_to_their_dedicated_agent(register, staff, make_staff):
    vip_agent = make_staff("vip_agent", (Role.AGENT, "CS-HOTLINE"))
    customer = register().customer
    customer.tier = CustomerTier.HIGH_VALUE
    customer.dedicated_agent = vip_agent
    customer.save()
    hint = dispatch.suggest(leaf(), customer)
    assert hint.handler == vip_agent
    assert hint.department == Membership.objects.get(user=vip_agent).department
    assert str(vip_agent) in hint.reason


def test_a_category_nobody_handles_says_so(staff):
    category = leaf()
    category.default_department = None
    hint = dispatch.suggest(category)
    assert hint.department is None and hint.handler is None
    assert hint.reason == "No department handles this category yet."
