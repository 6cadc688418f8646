"""Writes of the public portal. It acts through one system account, and only after the portal has
verified the caller itself (a tracking code, a signed survey token): that account sees every case.
"""

import secrets
from datetime import datetime

from django.core import signing
from django.core.cache import cache
from django.core.files.base import File
from django.db import transaction
from django.urls import reverse
from django.utils.crypto import salted_hmac

from closeloop.cases import services as case_services
from closeloop.cases import workflow
from closeloop.cases.choices import Action, Channel
from closeloop.cases.models import Case
from closeloop.cases.selectors import visible_cases
from closeloop.core import clock
from closeloop.core.errors import Conflict, NotFound, TransitionNotAllowed
from closeloop.notify.choices import Kind
from closeloop.notify.services import notify_customer
from closeloop.org.choices import ReplyChannel, Role
from closeloop.org.models import Department, Membership, User
from closeloop.org.selectors import user_roles
from closeloop.portal.choices import RateLimit, SurveyState
from closeloop.portal.models import SurveyInvitation, Tracking
from closeloop.portal.selectors import SURVEY_SALT, survey_state

PORTAL_USERNAME = "portal"
PORTAL_DEPARTMENT = "CS-ONLINE"
# Read aloud over the phone and typed on phones: no 0/O or 1/I to confuse.
TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
TRACKING_LENGTH = 10
RATE_WINDOW_SECONDS = 3600


def portal_account() -> User:
    """The system account the portal registers complaints and records survey answers with."""
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            username=PORTAL_USERNAME, defaults={"display_name": "客户自助门户"}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user, department=Department.objects.get(code=PORTAL_DEPARTMENT), role=Role.PORTAL
        )
    return user


def _rate_key(scope: RateLimit, client: str) -> str:
    # The address is personal data: the cache only ever holds a keyed hash of it.
    digest = salted_hmac("closeloop.portal.rate", client).hexdigest()[:32]
    return f"closeloop:portal:{scope.value}:{digest}"


def rate_limit_reached(*, scope: RateLimit, client: str, limit: int) -> bool:
    return cache.get(_rate_key(scope, client), 0) >= limit


def rate_limit_take(*, scope: RateLimit, client: str, limit: int) -> bool:
    """Count one attempt in the current hour; False once the client is over `limit`.

    `add` then `incr` is atomic on Redis and within one process on the local-memory cache.
    """
    key = _rate_key(scope, client)
    count = 1
    if not cache.add(key, count, timeout=RATE_WINDOW_SECONDS):
        try:
            count = cache.incr(key)
        except ValueError:  # the window expired between add and incr
            cache.set(key, count, timeout=RATE_WINDOW_SECONDS)
    return count <= limit


def _tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


def complaint_submit(
    *,
    name: str,
    phone: str,
    email: str,
    preferred_channel: str,
    category: str,
    title: str,
    description: str,
    occurred_at: datetime | None,
    demand: str,
    attachments: list[File],
) -> Tracking:
    """Register a web complaint and give the complainant a tracking code, in one transaction."""
    # 32^10 ≈ 10^15 codes: a collision is not worth a retry loop; the unique index would roll the
    # whole submission back rather than hand out a code twice.
    code = _tracking_code()
    with transaction.atomic():
        case = case_services.case_register(
            actor=portal_account(),
            channel=Channel.WEB,
            contacted_at=clock.now(),
            complainant={
                "name": name,
                "phone": phone,
                "email": email,
                "preferred_channel": preferred_channel,
            },
            title=title,
            description=description,
            category=category,
            occurred_at=occurred_at,
            demand=demand,
            attachments=attachments,
            notice_context={"tracking_code": code},
        )
        return Tracking.objects.create(case=case, code=code, created_at=clock.now())


def survey_token(invitation: SurveyInvitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=SURVEY_SALT)


def survey_invitation_create(*, case: Case, actor: User) -> str:
    """A single-use survey link for a case awaiting follow-up; returns its absolute path."""
    current = visible_cases(actor).filter(pk=case.pk).first()
    if current is None:
        raise NotFound(f"No case {case.number}.")
    # The link records a follow-up, so whoever sends it must be allowed to follow up now.
    workflow.check(current, user_roles(actor), Action.FOLLOW_UP)
    invitation = SurveyInvitation.objects.create(
        case=current, nonce=secrets.token_urlsafe(16), created_by=actor, created_at=clock.now()
    )
    return reverse("portal:survey", args=[survey_token(invitation)])


def survey_invitation_send(*, case: Case) -> None:
    """Send the customer a survey link on their preferred channel, made by the portal account."""
    path = survey_invitation_create(case=case, actor=portal_account())
    notify_customer(
        case=case, kind=Kind.FOLLOW_UP_INVITATION, context={"survey_url": path}, key=f"survey:{path}"[:200]
    )


class SurveyNotOpen(Conflict):
    """The survey cannot be answered any more; `state` says why."""

    code = "survey_not_open"

    def __init__(self, state: SurveyState) -> None:
        super().__init__(f"The survey is {state.value}.", detail={"state": state.value})
        self.state = state


def survey_answer(
    *, invitation: SurveyInvitation, resolved: bool, satisfaction: int, comment: str = ""
) -> SurveyInvitation:
    """Record the customer's answer as a follow-up, at most once per invitation."""
    with transaction.atomic():
        locked = SurveyInvitation.objects.select_for_update().select_related("case").get(pk=invitation.pk)
        # Checked again under the lock: two tabs may post the same survey at the same moment.
        state = survey_state(locked)
        if state != SurveyState.OPEN:
            raise SurveyNotOpen(state)
        try:
            case = case_services.case_follow_up(
                case=locked.case,
                actor=portal_account(),
                method=ReplyChannel.WEB,
                reached=True,
                resolved=resolved,
                satisfaction=satisfaction,
                comment=comment,
            )
        except TransitionNotAllowed:  # staff moved the case on between our check and its lock
            raise SurveyNotOpen(SurveyState.CLOSED) from None
        locked.used_at = clock.now()
        # The case row is still locked by case_follow_up: its newest follow-up is the one just made.
        locked.follow_up = case.follow_ups.order_by("-id").first()
        locked.save(update_fields=["used_at", "follow_up"])
    return locked
