"""Shared fixtures: the shipped defaults in the test database, staff of every role, case builders."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

from closeloop.cases import services
from closeloop.cases.models import Case
from closeloop.core import clock
from closeloop.notify.services import endpoints_cache_clear
from closeloop.org.choices import Role
from closeloop.org.models import Department, Membership, User
from closeloop.policy import selectors as policy_selectors
from closeloop.policy.services import defaults_load

LEAF = "PRODUCT-DEFECT-DOA"


@pytest.fixture(autouse=True)
def _fresh_policy_cache():
    """Tests write policies in transactions that roll back without a signal: start each clean."""
    policy_selectors.cache_clear()
    endpoints_cache_clear()
    yield
    policy_selectors.cache_clear()
    endpoints_cache_clear()


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tests read messages in the source language; Chinese is covered by the i18n and browser tests.
    settings.LANGUAGE_CODE = "en"
    # Cached reads (the public report, rate limits) must not carry over from another test's data.
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        defaults_load()


@pytest.fixture
def defaults(db):
    """The shipped configuration; reloaded for transactional tests, which flush the database."""
    defaults_load()


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def dept(code: str) -> Department:
    return Department.objects.get(code=code)


@pytest.fixture
def make_staff(defaults):
    def make(username: str, *memberships: tuple[str, str], superuser: bool = False) -> User:
        user = User.objects.create_user(
            username=username, password="pw", display_name=username, is_superuser=superuser
        )
        for role, code in memberships:
            Membership.objects.create(user=user, department=dept(code), role=role)
        return user

    return make


@pytest.fixture
def staff(make_staff):
    """One person per role; the handler works in the leaf category's default department (AS)."""
    return {
        "agent": make_staff("agent", (Role.AGENT, "CS-HOTLINE")),
        "handler": make_staff("handler", (Role.HANDLER, "AS")),
        "other_handler": make_staff("other_handler", (Role.HANDLER, "LOG-DELIVERY")),
        "supervisor": make_staff("supervisor", (Role.SUPERVISOR, "AS")),
        "head": make_staff("head", (Role.HEAD, "AS")),
        "executive": make_staff("executive", (Role.EXECUTIVE, "HQ")),
        "legal": make_staff("legal", (Role.LEGAL, "LEGAL")),
        "auditor": make_staff("auditor", (Role.AUDITOR, "SUP")),
        "admin": make_staff("admin", (Role.ADMIN, "HQ"), superuser=True),
        "other_agent": make_staff("other_agent", (Role.AGENT, "CS-HOTLINE")),
    }


def intake(**overrides) -> dict:
    body = {
        "channel": "phone",
        "contacted_at": clock.now() - timedelta(minutes=10),
        "complainant": {"name": "周女士", "phone": "13800138000", "preferred_channel": "phone"},
        "title": "新买的热水器到货无法启动",
        "description": "上周三收到热水器，安装后无法点火，客服一直推脱。",
        "category": LEAF,
        "grade": "general",
        "amount": Decimal("2399.00"),
        "demand": "要求退货退款",
        "emotion": "angry",
    }
    body.update(overrides)
    return body


@pytest.fixture
def register(staff):
    def make(actor: User | None = None, **overrides) -> Case:
        return services.case_register(actor=actor or staff["agent"], **intake(**overrides))

    return make


@pytest.fixture
def register_screened(register, django_capture_on_commit_callbacks):
    """`register`, then what runs once intake commits: duplicate and repeat screening, the assist."""

    def make(actor: User | None = None, **overrides) -> Case:
        with django_capture_on_commit_callbacks(execute=True):
            case = register(actor, **overrides)
        case.refresh_from_db()
        return case

    return make


def drive(case: Case, staff: dict, to: str) -> Case:
    """Take a freshly registered case through the happy path up to state `to`."""
    s = services
    steps = [
        (
            "assigned",
            lambda c: s.case_assign(
                case=c, actor=staff["supervisor"], department="AS", handler=staff["handler"].pk
            ),
        ),
        ("in_progress", lambda c: s.case_start(case=c, actor=staff["handler"])),
        (
            "resolved",
            lambda c: s.case_resolve(
                case=s.case_propose_plan(
                    case=c,
                    actor=staff["handler"],
                    summary="退货退款",
                    remedies=[{"kind": "refund", "amount": "0"}],
                ),
                actor=staff["handler"],
            ),
        ),
        (
            "awaiting_follow_up",
            lambda c: s.case_give_feedback(case=c, actor=staff["agent"], content="已退款"),
        ),
        (
            "closed",
            lambda c: s.case_close(
                case=s.case_follow_up(
                    case=c, actor=staff["agent"], method="phone", resolved=True, satisfaction=9
                ),
                actor=staff["agent"],
            ),
        ),
        ("archived", lambda c: s.case_archive(case=c, actor=staff["supervisor"])),
    ]
    for state, step in steps:
        if case.status == to:
            break
        case = step(case)
        assert case.status == state
    assert case.status == to, f"cannot drive to {to}"
    return case


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def api():
    def client_for(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return client_for
