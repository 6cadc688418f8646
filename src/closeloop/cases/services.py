"""Every write to a case. One function per use case: lock, check the workflow, change, audit.

`_acting` is the single path for actions on an existing case: it locks the row, checks the
optimistic version, the object scope and the transition table, and on success writes the audit
event with the field-level before/after in the same transaction.
"""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from closeloop.cases import duplicates, workflow
from closeloop.cases.choices import (
    FINAL_STATUSES,
    Action,
    Channel,
    Emotion,
    EvidenceKind,
    InvestigationMethod,
    LiabilityShare,
    LiablePartyType,
    NegotiationOutcome,
    PlanStatus,
    ReviewStatus,
    Status,
)
from closeloop.cases.models import (
    Case,
    Event,
    Evidence,
    Feedback,
    FollowUp,
    IntakeKey,
    LiableParty,
    Negotiation,
    ProgressEntry,
    Remedy,
    ResolutionPlan,
    Responsibility,
    Sequence,
    Transfer,
    evidence_upload_to,
)
from closeloop.cases.selectors import visible_cases
from closeloop.core import clock, db
from closeloop.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from closeloop.nlp.signals import suggest_grade
from closeloop.notify.choices import Kind
from closeloop.notify.services import notify_customer, notify_staff, webhook_emit
from closeloop.org.choices import ReplyChannel, Role
from closeloop.org.models import Customer, Department, Membership, User
from closeloop.org.selectors import customer_find, user_roles
from closeloop.policy.choices import Deadline, Grade, RemedyKind
from closeloop.policy.selectors import assist_policy, compensation_breaches, leaf_category
from closeloop.sla import deadlines

REGISTER_ROLES = frozenset(
    {Role.AGENT, Role.HANDLER, Role.SUPERVISOR, Role.HEAD, Role.EXECUTIVE, Role.ADMIN, Role.PORTAL}
)
# Clocks of staff and phones drift; a contact time a few minutes ahead is not "in the future".
CLOCK_SKEW = timedelta(minutes=5)

# Fields whose changes the audit trail records, with how to show a value.
_AUDITED = [
    "status",
    "category",
    "grade",
    "lead_department",
    "handler",
    "response_due_at",
    "resolution_due_at",
    "follow_up_due_at",
    "progress_due_at",
    "paused_at",
    "responded_at",
    "resolved_at",
    "feedback_at",
    "closed_at",
    "archived_at",
    "extended_at",
    "extension_reason",
    "reopen_count",
    "transfer_count",
    "legal_review_requested",
    "merged_into",
    "archive_number",
    "retention_until",
]


def _show(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(
        getattr(value, "code", None) or getattr(value, "number", None) or getattr(value, "username", value)
    )


def _snapshot(case: Case) -> dict[str, Any]:
    snap = {}
    for name in _AUDITED:
        fk = Case._meta.get_field(name)
        snap[name] = getattr(case, fk.attname)
    return snap


def _diff(case: Case, before: dict[str, Any]) -> dict[str, list]:
    changes = {}
    for name, old in before.items():
        fk = Case._meta.get_field(name)
        new = getattr(case, fk.attname)
        if old != new:
            if fk.is_relation:
                model = fk.related_model
                old_obj = model.objects.filter(pk=old).first() if old is not None else None
                changes[name] = [_show(old_obj), _show(getattr(case, name))]
            else:
                changes[name] = [_show(old), _show(new)]
    return changes


def event_record(
    *,
    case: Case,
    action: str,
    actor: User | None,
    from_status: str = "",
    to_status: str = "",
    changes: dict | None = None,
    reason: str = "",
    data: dict | None = None,
) -> Event:
    event = Event.objects.create(
        case=case,
        action=action,
        actor=actor,
        created_at=clock.now(),
        from_status=from_status,
        to_status=to_status or from_status,
        changes=changes or {},
        reason=reason,
        data={k: _show(v) if not isinstance(v, list | dict) else v for k, v in (data or {}).items()},
    )
    webhook_emit(kind=f"case.{action}", payload=event_payload(event), key=f"event:{event.pk}")
    return event


def event_payload(event: Event, **facts: Any) -> dict[str, Any]:
    """What a webhook receiver learns of an audit event: the case, what happened and when — no
    names, contacts or free text, which stay in the system."""
    return {
        "case": event.case.number,
        "event": event.action,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "at": event.created_at.isoformat(),
        **facts,
    }


@dataclass
class _Act:
    case: Case
    actor: User
    transition: workflow.Transition
    reason: str
    before: dict[str, Any]
    target: Status | None = None
    data: dict[str, Any] = field(default_factory=dict)


@contextmanager
def _acting(
    *, case: Case, actor: User, action: Action, version: int | None = None, reason: str = ""
) -> Iterator[_Act]:
    with transaction.atomic():
        try:
            locked = Case.objects.select_for_update().get(pk=case.pk)
        except Case.DoesNotExist:
            raise NotFound(_("No case %(number)s.") % {"number": case.number}) from None
        if not visible_cases(actor).filter(pk=locked.pk).exists():
            raise NotFound(_("No case %(number)s.") % {"number": locked.number})
        if version is not None and version != locked.version:
            raise Conflict(
                _(
                    "Case %(number)s was changed by someone else (version %(current)s, you had "
                    "%(version)s). Reload and try again."
                )
                % {"number": locked.number, "current": locked.version, "version": version},
                detail={"current_version": locked.version},
            )
        transition = workflow.check(locked, user_roles(actor), action)
        reason = (reason or "").strip()
        if transition.needs_reason and not reason:
            raise ValidationFailed({"reason": _("A reason is required for this action.")})
        act = _Act(case=locked, actor=actor, transition=transition, reason=reason, before=_snapshot(locked))
        yield act
        from_status = locked.status
        if transition.targets:
            target = act.target or transition.targets[0]
            assert target in transition.targets, (action, target)
            locked.status = target
        locked.version += 1
        deadlines.refresh(locked)
        locked.save()
        event_record(
            case=locked,
            action=action.value,
            actor=actor,
            from_status=from_status,
            to_status=locked.status,
            changes=_diff(locked, act.before),
            reason=reason,
            data=act.data,
        )


def sequence_reserve(name: str, count: int = 1) -> int:
    """Take `count` consecutive numbers from a named counter and return the first of them.

    One statement on the path every intake takes: the UPDATE locks the row until the transaction
    ends, so concurrent callers queue behind it and never get the same number (RETURNING is in
    PostgreSQL and in SQLite since 3.35).
    """
    table, last, key = map(connection.ops.quote_name, (Sequence._meta.db_table, "last", "name"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {last} = {last} + %s WHERE {key} = %s RETURNING {last}", [count, name]
        )
        row = cursor.fetchone()
    if row is not None:
        return row[0] - count + 1
    try:
        with transaction.atomic():
            Sequence.objects.create(name=name, last=count)
    except IntegrityError:
        # A concurrent transaction created the counter first; take the next numbers after its.
        return sequence_reserve(name, count)
    return 1


def case_numbers_reserve(day: str, count: int = 1) -> list[str]:
    """`count` consecutive case numbers of a registration day (YYYYMMDD)."""
    first = sequence_reserve(f"case:{day}", count)
    return [f"TS{day}-{n:06d}" for n in range(first, first + count)]


def archive_numbers_reserve(year: int, count: int = 1) -> list[str]:
    """`count` consecutive archive numbers of a year."""
    first = sequence_reserve(f"archive:{year}", count)
    return [f"DA{year}-{n:06d}" for n in range(first, first + count)]


def retention_end(closed: date) -> date:
    """The last day an archive is kept; a case closed on 29 February is kept to 28 February."""
    years = settings.ARCHIVE_RETENTION_YEARS
    try:
        return closed.replace(year=closed.year + years)
    except ValueError:
        return closed.replace(year=closed.year + years, day=28)


def _case_number(registered_at: datetime) -> str:
    """The next number of the registration day. Outside a transaction it is taken in its own short
    one, so the day's counter row is not locked until the intake commits (every other intake would
    queue behind that commit); an intake that then fails leaves a gap in the day's numbers. The
    counter's commit need not wait for the disk: the intake's own commit, later in the log, makes
    it durable, and if the intake never commits the number was never shown to anyone."""
    day = timezone.localtime(registered_at).strftime("%Y%m%d")
    if connection.in_atomic_block:
        return case_numbers_reserve(day)[0]
    with transaction.atomic():
        db.commit_unflushed()
        return case_numbers_reserve(day)[0]


def _department(value: Any, field_name: str = "department") -> Department:
    qs = Department.objects.filter(active=True)
    found = None
    if isinstance(value, Department):
        found = value
    elif isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        found = qs.filter(pk=int(value)).first()
    elif isinstance(value, str) and value:
        found = qs.filter(code=value).first()
    if found is None:
        raise ValidationFailed({field_name: _("Unknown department '%(value)s'.") % {"value": value}})
    return found


def _staff(value: Any, field_name: str) -> User:
    if isinstance(value, User):
        return value
    qs = User.objects.filter(is_active=True)
    found = None
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        found = qs.filter(pk=int(value)).first()
    elif isinstance(value, str) and value:
        found = qs.filter(username=value).first()
    if found is None:
        raise ValidationFailed({field_name: _("Unknown staff member '%(value)s'.") % {"value": value}})
    return found


def _choice(value: Any, choices: type, field_name: str, errors: dict) -> Any:
    if value not in choices.values:
        errors[field_name] = _("'%(value)s' is not one of: %(choices)s.") % {
            "value": value,
            "choices": ", ".join(choices.values),
        }
    return value


def _ensure_aware(value: datetime | None, field_name: str, errors: dict) -> datetime | None:
    if value is not None and timezone.is_naive(value):
        errors[field_name] = _("Give a time zone (e.g. 2026-11-23T09:30:00+08:00).")
        return None
    return value


def _store_upload(item: Evidence, upload: File) -> None:
    """Hash the upload and store it content-addressed: the same bytes are stored once."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    item.sha256 = digest.hexdigest()
    item.size = upload.size
    item.original_name = (getattr(upload, "name", "") or "")[-255:]
    item.content_type = getattr(upload, "content_type", "") or ""
    upload.seek(0)
    stored_as = evidence_upload_to(item, "")
    if default_storage.exists(stored_as):
        item.file.name = stored_as
    else:
        item.file.save(stored_as, upload, save=False)


def _check_uploads(uploads: list[File], field_name: str, errors: dict) -> None:
    for upload in uploads:
        if upload.size > settings.EVIDENCE_MAX_BYTES:
            errors[field_name] = _("'%(name)s' is larger than %(size)s MB.") % {
                "name": upload.name,
                "size": settings.EVIDENCE_MAX_BYTES // (1024 * 1024),
            }


def _lateness(due: datetime | None) -> dict[str, int]:
    """How late a clock stopped, for the audit event; nothing when it stopped in time."""
    late = clock.minutes_late(due) if due is not None else 0
    return {"late_by_minutes": late} if late else {}


# --- intake -------------------------------------------------------------------------------------


def case_register(
    *,
    actor: User,
    channel: str,
    contacted_at: datetime,
    complainant: dict[str, str],
    title: str,
    description: str,
    category: str,
    grade: str | None = None,
    occurred_at: datetime | None = None,
    location: str = "",
    amount: Decimal | None = None,
    demand: str = "",
    emotion: str | None = None,
    order_ref: str = "",
    external_ref: str = "",
    registered_at: datetime | None = None,
    attachments: list[File] | None = None,
    notice_context: dict[str, Any] | None = None,
) -> Case:
    """Receive a complaint (受理): one record whatever the channel; the receiver is first-contact owner.

    `notice_context` adds facts to the customer's acknowledgement (the portal's tracking code).
    """
    if not user_roles(actor) & REGISTER_ROLES:
        raise Forbidden(_("Your role may not register complaints."))
    now = clock.now()
    errors: dict[str, str] = {}
    _choice(channel, Channel, "channel", errors)
    grade_source = "person" if grade else "default"
    grade = grade or Grade.GENERAL
    _choice(grade, Grade, "grade", errors)
    emotion = emotion or Emotion.CALM
    _choice(emotion, Emotion, "emotion", errors)
    contacted_at = _ensure_aware(contacted_at, "contacted_at", errors)
    registered_at = _ensure_aware(registered_at, "registered_at", errors) or now
    occurred_at = _ensure_aware(occurred_at, "occurred_at", errors)
    if contacted_at is None and "contacted_at" not in errors:
        errors["contacted_at"] = _("When did the complainant contact us? This field is required.")
    if contacted_at and contacted_at > now + CLOCK_SKEW:
        errors["contacted_at"] = _("The contact time is in the future.")
    if registered_at > now + CLOCK_SKEW:
        errors["registered_at"] = _("The registration time is in the future.")
    if contacted_at and registered_at < contacted_at:
        errors["registered_at"] = _("A complaint cannot be registered before the complainant contacted us.")
    if occurred_at and occurred_at > now + CLOCK_SKEW:
        errors["occurred_at"] = _("The time of the incident is in the future.")
    if not (title or "").strip():
        errors["title"] = _("A title is required.")
    if not (description or "").strip():
        errors["description"] = _("Describe what happened.")
    if amount is not None and amount < 0:
        errors["amount"] = _("The amount cannot be negative.")
    _check_uploads(attachments or [], "attachments", errors)
    leaf = leaf_category(category or "")
    if leaf is None:
        errors["category"] = _(
            "Unknown category '%(category)s': give the code of an active third-level category."
        ) % {"category": category}
    name = (complainant.get("name") or "").strip()
    phone = (complainant.get("phone") or "").strip()
    email = (complainant.get("email") or "").strip().lower()
    preferred = complainant.get("preferred_channel") or (ReplyChannel.PHONE if phone else ReplyChannel.EMAIL)
    if not name:
        errors["complainant.name"] = _("The complainant's name is required (a pseudonym is acceptable).")
    if not phone and not email:
        errors["complainant"] = _("Give a phone number or an e-mail address so we can reply.")
    if preferred not in ReplyChannel.values:
        errors["complainant.preferred_channel"] = _("'%(value)s' is not one of: %(choices)s.") % {
            "value": preferred,
            "choices": ", ".join(ReplyChannel.values),
        }
    elif preferred == ReplyChannel.EMAIL and not email:
        errors["complainant.email"] = _("An e-mail address is needed to reply by e-mail.")
    elif preferred in (ReplyChannel.PHONE, ReplyChannel.SMS) and not phone:
        errors["complainant.phone"] = _("A phone number is needed to reply by phone or SMS.")
    if errors:
        raise ValidationFailed(errors)
    risk_phrases: list[str] = []
    if grade_source == "default" and assist_policy().raise_unset_grade:
        # Nobody chose a grade (portal, API, mail): the risk phrases do, so an injury or a threat
        # to sue starts on the urgent or major clock instead of waiting for someone to notice.
        hint = suggest_grade(duplicates.case_text(title, description))
        if hint.grade != grade:
            grade, grade_source = hint.grade, "risk_phrases"
            risk_phrases = sorted({s.phrase for s in hint.signals})

    number = _case_number(registered_at)
    with transaction.atomic():
        customer = customer_find(phone=phone, email=email)
        if customer is None:
            customer = Customer.objects.create(
                name=name, phone=phone, email=email, preferred_channel=preferred
            )
        else:
            updates = {
                k: v for k, v in {"phone": phone, "email": email}.items() if v and not getattr(customer, k)
            }
            if updates:
                Customer.objects.filter(pk=customer.pk).update(**updates)
        case = Case(
            number=number,
            channel=channel,
            external_ref=external_ref,
            title=title.strip(),
            description=description.strip(),
            demand=demand,
            emotion=emotion,
            occurred_at=occurred_at,
            location=location,
            amount=amount,
            order_ref=order_ref,
            category=leaf,
            grade=grade,
            customer=customer,
            complainant_name=name,
            complainant_phone=phone,
            complainant_email=email,
            preferred_channel=preferred,
            customer_tier=customer.tier,
            contacted_at=contacted_at,
            registered_at=registered_at,
            registered_by=actor,
            first_contact_owner=actor,
            # The category's default department is the dispatch proposal; `assign` confirms it.
            lead_department=leaf.default_department,
        )
        deadlines.policy_apply(case, start=contacted_at, response_too=True)
        deadlines.refresh(case, fired=set())
        case.save()
        stored = []
        for upload in attachments or []:
            image = (getattr(upload, "content_type", "") or "").startswith("image/")
            item = Evidence(
                case=case,
                kind=EvidenceKind.PHOTO if image else EvidenceKind.DOCUMENT,
                description="Attached by the complainant at intake",
                collected_by=actor,
                collected_at=registered_at,
                created_at=now,
            )
            _store_upload(item, upload)
            item.save()
            stored.append(item.sha256)
        event_record(
            case=case,
            action=Action.REGISTER.value,
            actor=actor,
            to_status=case.status,
            data={
                "channel": channel,
                "category": leaf.code,
                "grade": grade,
                "grade_source": grade_source,
                **({"risk_phrases": risk_phrases} if risk_phrases else {}),
                "registration_delay_minutes": int((registered_at - contacted_at).total_seconds() // 60),
                "attachments": stored,
            },
        )
        # Duplicate screening and the assist read the case once it is committed, on a worker when
        # there is one: intake answers at once (the sweep screens any case whose task was lost).
        from closeloop.cases.tasks import case_screen_task  # the tasks import this module

        transaction.on_commit(partial(case_screen_task.delay, case.pk), robust=True)
        notify_customer(
            case=case,
            kind=Kind.CASE_REGISTERED,
            context={"case": case, **(notice_context or {})},
            key=f"case:{case.number}:registered",
            fresh=True,
        )
    return case


def case_register_once(*, actor: User, key: str, fingerprint: str, **intake: Any) -> tuple[Case, bool]:
    """`case_register`, unless this user already sent `key`: then the case that request made.

    Returns (case, created). A client that retries a POST after a timeout gets its first case back,
    never a second one; the same key with a different complaint is refused.
    """
    key = (key or "").strip()
    if not key or len(key) > 200:
        raise ValidationFailed({"Idempotency-Key": _("Send a key of 1 to 200 characters.")})
    with transaction.atomic():
        try:
            # The key goes in first: a concurrent retry waits on its unique index until this
            # transaction ends, then finds the case instead of registering another.
            with transaction.atomic():
                marker = IntakeKey.objects.create(
                    user=actor, key=key, fingerprint=fingerprint, created_at=clock.now()
                )
        except IntegrityError:
            first = IntakeKey.objects.select_related("case").get(user=actor, key=key)
            if first.fingerprint != fingerprint:
                raise Conflict(
                    _("This Idempotency-Key was already used for a different complaint."),
                    detail={"idempotency_key": key},
                ) from None
            return first.case, False
        case = case_register(actor=actor, **intake)
        marker.case = case
        marker.save(update_fields=["case"])
    return case, True


def intake_keys_purge(*, before: datetime) -> int:
    """Forget idempotency keys older than `before`: clients retry within minutes, not weeks."""
    deleted, _per_model = IntakeKey.objects.filter(created_at__lt=before).delete()
    return deleted


# --- dispatch -----------------------------------------------------------------------------------


def case_classify(
    *,
    case: Case,
    actor: User,
    category: str | None = None,
    grade: str | None = None,
    reason: str = "",
    version: int | None = None,
) -> Case:
    errors: dict[str, str] = {}
    leaf = None
    if category is not None:
        leaf = leaf_category(category)
        if leaf is None:
            errors["category"] = _("Unknown category '%(category)s'.") % {"category": category}
    if grade is not None:
        _choice(grade, Grade, "grade", errors)
    if category is None and grade is None:
        errors["category"] = _("Give a category, a grade or both.")
    if errors:
        raise ValidationFailed(errors)
    with _acting(case=case, actor=actor, action=Action.CLASSIFY, version=version, reason=reason) as act:
        c = act.case
        if leaf is not None:
            c.category = leaf
        if grade is not None and grade != c.grade:
            c.grade = grade
            if not c.extended_at:
                deadlines.policy_apply(c, start=c.contacted_at, response_too=c.responded_at is None)
    return act.case


def case_assign(
    *,
    case: Case,
    actor: User,
    department: Any,
    handler: Any = None,
    cooperating: list[Any] | None = None,
    reason: str = "",
    version: int | None = None,
) -> Case:
    lead = _department(department)
    handler_user = _staff(handler, "handler") if handler not in (None, "") else None
    if handler_user and not Membership.objects.filter(user=handler_user, department=lead).exists():
        raise ValidationFailed(
            {
                "handler": _("%(user)s is not a member of %(department)s.")
                % {"user": handler_user, "department": lead.name}
            }
        )
    helpers = [_department(d, "cooperating") for d in cooperating or []]
    if lead in helpers:
        raise ValidationFailed(
            {"cooperating": _("The lead department cannot also be a cooperating department.")}
        )
    with _acting(case=case, actor=actor, action=Action.ASSIGN, version=version, reason=reason) as act:
        c = act.case
        c.lead_department = lead
        c.handler = handler_user
        if cooperating is not None:
            c.cooperating_departments.set(helpers)
            act.data["cooperating"] = [d.code for d in helpers]
        c.progress_due_at = c.progress_due_at or deadlines.span_add(c, clock.now(), Deadline.PROGRESS)
        _tell_assigned(c, version=c.version)
        from closeloop.assist.services import dispatch_decisions_record

        dispatch_decisions_record(c, actor)
    return act.case


def _tell_assigned(case: Case, *, version: int) -> None:
    """The handler learns of a new case; without one, the lead department's supervisors do."""
    if case.handler_id:
        recipients = [case.handler]
    else:
        recipients = [
            m.user
            for m in Membership.objects.filter(
                department=case.lead_department, role=Role.SUPERVISOR, user__is_active=True
            ).select_related("user")
        ]
    notify_staff(
        recipients=recipients,
        kind=Kind.CASE_ASSIGNED,
        case=case,
        context={"case": case},
        key=f"case:{case.number}:assigned:{version}",
    )


def case_respond(*, case: Case, actor: User, note: str = "", version: int | None = None) -> Case:
    with _acting(case=case, actor=actor, action=Action.RESPOND, version=version) as act:
        act.case.responded_at = clock.now()
        act.data.update({"note": note, **_lateness(act.case.response_due_at)})
    return act.case


def case_transfer(
    *,
    case: Case,
    actor: User,
    department: Any,
    requirements: str,
    due_at: datetime | None,
    version: int | None = None,
) -> Case:
    target = _department(department)
    errors = {}
    if not (requirements or "").strip():
        errors["requirements"] = _("State what the receiving department must do.")
    if due_at is None:
        errors["due_at"] = _("A deadline is required.")
    elif problem := clock.deadline_error(due_at):
        errors["due_at"] = problem
    if errors:
        raise ValidationFailed(errors)
    with _acting(case=case, actor=actor, action=Action.TRANSFER, version=version) as act:
        c = act.case
        if c.lead_department_id == target.pk:
            raise ValidationFailed({"department": _("The case is already with this department.")})
        Transfer.objects.create(
            case=c,
            from_department=c.lead_department,
            to_department=target,
            requirements=requirements.strip(),
            due_at=due_at,
            transferred_by=actor,
            created_at=clock.now(),
        )
        c.lead_department = target
        c.handler = None
        c.transfer_count += 1
        c.progress_due_at = deadlines.span_add(c, clock.now(), Deadline.PROGRESS)
        act.data.update({"requirements": requirements.strip(), "due_at": due_at})
        _tell_assigned(c, version=c.version)
    return act.case


def case_start(*, case: Case, actor: User, version: int | None = None) -> Case:
    with _acting(case=case, actor=actor, action=Action.START, version=version) as act:
        if act.case.handler_id is None:
            act.case.handler = actor
        act.case.progress_due_at = deadlines.span_add(act.case, clock.now(), Deadline.PROGRESS)
    return act.case


# --- handling -----------------------------------------------------------------------------------


def _acting_department(case: Case, actor: User) -> Department | None:
    ids = set(Membership.objects.filter(user=actor).values_list("department_id", flat=True))
    if case.lead_department_id in ids:
        return case.lead_department
    return case.cooperating_departments.filter(pk__in=ids).first() or case.lead_department


def case_progress(
    *,
    case: Case,
    actor: User,
    note: str,
    expected_completion_at: datetime | None = None,
    version: int | None = None,
) -> Case:
    if not (note or "").strip():
        raise ValidationFailed({"note": _("Describe the progress.")})
    with _acting(case=case, actor=actor, action=Action.PROGRESS, version=version) as act:
        entry = ProgressEntry.objects.create(
            case=act.case,
            department=_acting_department(act.case, actor),
            author=actor,
            note=note.strip(),
            expected_completion_at=expected_completion_at,
            created_at=clock.now(),
        )
        act.case.progress_due_at = deadlines.span_add(act.case, entry.created_at, Deadline.PROGRESS)
        act.data.update({"progress_entry": entry.pk, "expected_completion_at": expected_completion_at})
    return act.case


def case_add_evidence(
    *,
    case: Case,
    actor: User,
    kind: str,
    description: str = "",
    upload: File | None = None,
    method: str = "",
    collected_at: datetime | None = None,
    version: int | None = None,
) -> Case:
    errors: dict[str, str] = {}
    _choice(kind, EvidenceKind, "kind", errors)
    if method:
        _choice(method, InvestigationMethod, "method", errors)
    if upload is None and not (description or "").strip():
        errors["file"] = _("Attach a file or describe the evidence.")
    _check_uploads([upload] if upload is not None else [], "file", errors)
    if collected_at and collected_at > clock.now() + CLOCK_SKEW:
        errors["collected_at"] = _("The collection time is in the future.")
    if errors:
        raise ValidationFailed(errors)
    with _acting(case=case, actor=actor, action=Action.ADD_EVIDENCE, version=version) as act:
        item = Evidence(
            case=act.case,
            kind=kind,
            method=method,
            description=description.strip(),
            collected_by=actor,
            collected_at=collected_at or clock.now(),
            created_at=clock.now(),
        )
        if upload is not None:
            _store_upload(item, upload)
        item.save()
        act.data.update({"evidence": item.pk, "kind": kind, "sha256": item.sha256})
    return act.case


def _parties(raw: list[dict] | None) -> list[LiableParty]:
    errors: dict[str, str] = {}
    parties = []
    for i, p in enumerate(raw or []):
        party_type = p.get("party_type")
        share = p.get("share")
        if party_type not in LiablePartyType.values:
            errors[f"parties[{i}].party_type"] = _("One of: %(choices)s.") % {
                "choices": ", ".join(LiablePartyType.values)
            }
        if share not in LiabilityShare.values:
            errors[f"parties[{i}].share"] = _("One of: primary, secondary.")
        pct = p.get("percentage")
        if pct is not None and not (isinstance(pct, int) and 0 <= pct <= 100):
            errors[f"parties[{i}].percentage"] = _("A whole number from 0 to 100.")
        parties.append(
            LiableParty(
                party_type=party_type, name=(p.get("name") or "").strip(), share=share, percentage=pct
            )
        )
    if not parties:
        errors["parties"] = _("Name at least one liable party.")
    elif not any(p.share == LiabilityShare.PRIMARY for p in parties):
        errors["parties"] = _("One party must bear primary responsibility.")
    elif sum(p.percentage or 0 for p in parties) > 100:
        errors["parties"] = _("Shares add up to more than 100%.")
    if errors:
        raise ValidationFailed(errors)
    return parties


def case_determine_responsibility(
    *,
    case: Case,
    actor: User,
    parties: list[dict],
    rationale: str,
    disputed: bool = False,
    version: int | None = None,
) -> Case:
    built = _parties(parties)
    if not (rationale or "").strip():
        raise ValidationFailed({"rationale": _("Explain the determination (facts, causality, principles).")})
    with _acting(case=case, actor=actor, action=Action.DETERMINE_RESPONSIBILITY, version=version) as act:
        record = Responsibility.objects.create(
            case=act.case,
            rationale=rationale.strip(),
            disputed=disputed,
            review_status=ReviewStatus.PENDING if disputed else ReviewStatus.NOT_REQUIRED,
            determined_by=actor,
            determined_at=clock.now(),
        )
        for party in built:
            party.responsibility = record
        LiableParty.objects.bulk_create(built)
        if disputed:
            act.case.legal_review_requested = True
        act.data.update(
            {
                "responsibility": record.pk,
                "disputed": disputed,
                "parties": [
                    {"type": p.party_type, "share": p.share, "percentage": p.percentage} for p in built
                ],
            }
        )
    return act.case


def case_review_responsibility(
    *,
    case: Case,
    actor: User,
    decision: str,
    note: str = "",
    parties: list[dict] | None = None,
    rationale: str = "",
    version: int | None = None,
) -> Case:
    if decision not in (ReviewStatus.UPHELD, ReviewStatus.REVISED):
        raise ValidationFailed({"decision": _("One of: upheld, revised.")})
    revised = _parties(parties) if decision == ReviewStatus.REVISED else []
    if decision == ReviewStatus.REVISED and not (rationale or "").strip():
        raise ValidationFailed({"rationale": _("A revised determination needs its rationale.")})
    with _acting(case=case, actor=actor, action=Action.REVIEW_RESPONSIBILITY, version=version) as act:
        latest = act.case.responsibilities.order_by("-determined_at", "-id").first()
        latest.review_status = decision
        latest.review_note = note
        latest.reviewed_by = actor
        latest.reviewed_at = clock.now()
        latest.save()
        if revised:
            record = Responsibility.objects.create(
                case=act.case,
                rationale=rationale.strip(),
                review_status=ReviewStatus.NOT_REQUIRED,
                reviewed_by=actor,
                reviewed_at=clock.now(),
                determined_by=actor,
                determined_at=clock.now(),
            )
            for party in revised:
                party.responsibility = record
            LiableParty.objects.bulk_create(revised)
        act.data.update({"responsibility": latest.pk, "decision": decision, "note": note})
    return act.case


def case_propose_plan(
    *,
    case: Case,
    actor: User,
    summary: str,
    remedies: list[dict],
    legal_basis: str = "",
    interim_measures: str = "",
    owner: Any = None,
    due_at: datetime | None = None,
    version: int | None = None,
) -> Case:
    errors: dict[str, str] = {}
    parsed: list[Remedy] = []
    for i, r in enumerate(remedies or []):
        kind = r.get("kind")
        if kind not in RemedyKind.values:
            errors[f"remedies[{i}].kind"] = _("One of: %(choices)s.") % {
                "choices": ", ".join(RemedyKind.values)
            }
        try:
            amount = Decimal(str(r.get("amount") or "0"))
        except ArithmeticError:
            errors[f"remedies[{i}].amount"] = _("A number of yuan, e.g. 199.00.")
            continue
        if amount < 0:
            errors[f"remedies[{i}].amount"] = _("The amount cannot be negative.")
        parsed.append(Remedy(kind=kind, amount=amount, description=(r.get("description") or "").strip()))
    if not parsed and "remedies" not in errors:
        errors["remedies"] = _("Name at least one remedy (refund, repair, apology …).")
    if not (summary or "").strip():
        errors["summary"] = _("Summarise the plan.")
    if due_at and timezone.is_naive(due_at):
        errors["due_at"] = _("Give a time zone.")
    owner_user = _staff(owner, "owner") if owner not in (None, "") else actor
    if errors:
        raise ValidationFailed(errors)
    with _acting(case=case, actor=actor, action=Action.PROPOSE_PLAN, version=version) as act:
        c = act.case
        c.plans.exclude(status=PlanStatus.SUPERSEDED).update(status=PlanStatus.SUPERSEDED)
        reasons = compensation_breaches(
            category=c.category, grade=c.grade, remedies=[(r.kind, r.amount) for r in parsed]
        )
        plan = ResolutionPlan.objects.create(
            case=c,
            status=PlanStatus.AWAITING_APPROVAL if reasons else PlanStatus.READY,
            summary=summary.strip(),
            legal_basis=legal_basis,
            interim_measures=interim_measures,
            owner=owner_user,
            due_at=due_at,
            approval_reasons=reasons,
            proposed_by=actor,
            proposed_at=clock.now(),
        )
        for r in parsed:
            r.plan = plan
        Remedy.objects.bulk_create(parsed)
        act.data.update(
            {
                "plan": plan.pk,
                "needs_approval": bool(reasons),
                "approval_reasons": reasons,
                "remedies": [{"kind": r.kind, "amount": str(r.amount)} for r in parsed],
            }
        )
    return act.case


def case_approve_plan(*, case: Case, actor: User, note: str = "", version: int | None = None) -> Case:
    with _acting(case=case, actor=actor, action=Action.APPROVE_PLAN, version=version) as act:
        plan = workflow.current_plan(act.case)
        if plan.proposed_by_id == actor.pk:
            raise Forbidden(
                _("A plan outside the standard must be approved by someone other than its proposer.")
            )
        plan.status = PlanStatus.READY
        plan.approved_by = actor
        plan.approved_at = clock.now()
        plan.save()
        act.data.update({"plan": plan.pk, "note": note})
    return act.case


def case_record_negotiation(
    *, case: Case, actor: User, summary: str, outcome: str, channel: str = "", version: int | None = None
) -> Case:
    errors: dict[str, str] = {}
    _choice(outcome, NegotiationOutcome, "outcome", errors)
    if channel:
        _choice(channel, ReplyChannel, "channel", errors)
    if not (summary or "").strip():
        errors["summary"] = _("Summarise what was discussed.")
    if errors:
        raise ValidationFailed(errors)
    with _acting(case=case, actor=actor, action=Action.RECORD_NEGOTIATION, version=version) as act:
        plan = workflow.current_plan(act.case)
        Negotiation.objects.create(
            case=act.case,
            plan=plan,
            channel=channel or act.case.preferred_channel,
            summary=summary.strip(),
            outcome=outcome,
            recorded_by=actor,
            created_at=clock.now(),
        )
        if (
            outcome in (NegotiationOutcome.ACCEPTED, NegotiationOutcome.REJECTED)
            and plan.status != PlanStatus.AWAITING_APPROVAL
        ):
            plan.status = (
                PlanStatus.ACCEPTED if outcome == NegotiationOutcome.ACCEPTED else PlanStatus.REJECTED
            )
            plan.save(update_fields=["status"])
        act.data.update({"plan": plan.pk, "outcome": outcome})
    return act.case


def case_resolve(*, case: Case, actor: User, note: str = "", version: int | None = None) -> Case:
    with _acting(case=case, actor=actor, action=Action.RESOLVE, version=version) as act:
        act.case.resolved_at = clock.now()
        act.data.update({"note": note, **_lateness(act.case.resolution_due_at)})
    return act.case


# --- feedback, follow-up, close -----------------------------------------------------------------


def case_give_feedback(
    *, case: Case, actor: User, content: str, basis: str = "", channel: str = "", version: int | None = None
) -> Case:
    errors: dict[str, str] = {}
    if not (content or "").strip():
        errors["content"] = _("Write what the customer is told.")
    if channel:
        _choice(channel, ReplyChannel, "channel", errors)
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        with _acting(case=case, actor=actor, action=Action.GIVE_FEEDBACK, version=version) as act:
            c = act.case
            now = clock.now()
            Feedback.objects.create(
                case=c,
                channel=channel or c.preferred_channel,
                content=content.strip(),
                basis=basis,
                given_by=actor,
                created_at=now,
            )
            c.feedback_at = now
            c.follow_up_due_at = deadlines.span_add(c, now, Deadline.FOLLOW_UP)
            act.data["channel"] = channel or c.preferred_channel
            notify_customer(
                case=c,
                kind=Kind.FEEDBACK_GIVEN,
                context={"content": content.strip(), "basis": basis},
                key=f"case:{c.number}:feedback:{c.version}",
            )
        # The portal builds on cases, so it is imported here, not at the top (an import cycle).
        from closeloop.portal.services import survey_invitation_send

        # Sent once the case awaits follow-up: the survey link records the follow-up (seed 001).
        survey_invitation_send(case=act.case)
    return act.case


def _reopen(act: _Act) -> None:
    """Handle again: a new plan is needed and the resolution clock restarts (重新调整方案)."""
    c = act.case
    c.reopen_count += 1
    c.resolved_at = None
    c.feedback_at = None
    c.follow_up_due_at = None
    c.plans.exclude(status=PlanStatus.SUPERSEDED).update(status=PlanStatus.SUPERSEDED)
    c.paused_at = None
    deadlines.policy_apply(c, start=clock.now(), response_too=False)
    c.progress_due_at = deadlines.span_add(c, clock.now(), Deadline.PROGRESS)
    act.target = Status.IN_PROGRESS


def case_follow_up(
    *,
    case: Case,
    actor: User,
    method: str,
    reached: bool = True,
    resolved: bool | None = None,
    satisfaction: int | None = None,
    comment: str = "",
    version: int | None = None,
) -> Case:
    errors: dict[str, str] = {}
    _choice(method, ReplyChannel, "method", errors)
    if reached:
        if resolved is None:
            errors["resolved"] = _("Was the problem really solved? Answer true or false.")
        if satisfaction is None:
            errors["satisfaction"] = _("Record the satisfaction from 1 to 10.")
        elif not (isinstance(satisfaction, int) and 1 <= satisfaction <= 10):
            errors["satisfaction"] = _("Satisfaction is a whole number from 1 to 10.")
    elif resolved is not None or satisfaction is not None:
        errors["reached"] = _("An unreachable attempt has no answers; leave resolved and satisfaction empty.")
    if errors:
        raise ValidationFailed(errors)
    with _acting(case=case, actor=actor, action=Action.FOLLOW_UP, version=version) as act:
        FollowUp.objects.create(
            case=act.case,
            method=method,
            reached=reached,
            resolved=resolved,
            satisfaction=satisfaction,
            comment=comment,
            recorded_by=actor,
            created_at=clock.now(),
        )
        dissatisfied = reached and (not resolved or satisfaction < settings.FOLLOW_UP_REOPEN_BELOW)
        act.data.update(
            {
                "reached": reached,
                "resolved": resolved,
                "satisfaction": satisfaction,
                "by_own_handler": actor.pk == act.case.handler_id,
                "reopened": bool(dissatisfied),
            }
        )
        if dissatisfied:
            _reopen(act)
    return act.case


def case_reopen(*, case: Case, actor: User, reason: str, version: int | None = None) -> Case:
    with _acting(case=case, actor=actor, action=Action.REOPEN, version=version, reason=reason) as act:
        if act.case.closed_at is not None:
            # The daily prune drops the text signatures of closed cases; open again, it is a candidate.
            duplicates.signature_restore(act.case)
        act.case.closed_at = None
        _reopen(act)
    return act.case


def case_extend(
    *, case: Case, actor: User, reason: str, due_at: datetime | None = None, version: int | None = None
) -> Case:
    if due_at is not None and timezone.is_naive(due_at):
        raise ValidationFailed({"due_at": _("Give a time zone.")})
    with _acting(case=case, actor=actor, action=Action.EXTEND, version=version, reason=reason) as act:
        c = act.case
        current = c.resolution_due_at or clock.now()
        new_due = due_at or deadlines.span_add(c, current, Deadline.RESOLUTION)
        if new_due <= current:
            raise ValidationFailed({"due_at": _("The new deadline must be later than the current one.")})
        c.resolution_due_at = new_due
        c.extended_at = clock.now()
        c.extension_reason = act.reason
        # The customer is told the new deadline and the reason (DESIGN §1).
        notify_customer(
            case=c,
            kind=Kind.CASE_EXTENDED,
            context={"case": c, "reason": act.reason, "due_at": new_due},
            key=f"case:{c.number}:extended",
        )
    return act.case


def case_await_customer(*, case: Case, actor: User, reason: str, version: int | None = None) -> Case:
    """Wait for the customer (documents, a decision); the clocks stop if the policy pauses them."""
    with _acting(case=case, actor=actor, action=Action.AWAIT_CUSTOMER, version=version, reason=reason) as act:
        act.case.paused_at = clock.now()
        act.data["clocks_paused"] = act.case.sla_pauses
    return act.case


def case_resume(*, case: Case, actor: User, note: str = "", version: int | None = None) -> Case:
    with _acting(case=case, actor=actor, action=Action.RESUME, version=version) as act:
        waited = deadlines.pause_shift(act.case, resumed_at=clock.now())
        act.data.update({"note": note, "paused_minutes": waited})
    return act.case


def case_close(*, case: Case, actor: User, note: str = "", version: int | None = None) -> Case:
    with _acting(case=case, actor=actor, action=Action.CLOSE, version=version) as act:
        act.case.closed_at = clock.now()
        act.data["note"] = note
    return act.case


def case_archive(*, case: Case, actor: User, version: int | None = None) -> Case:
    with _acting(case=case, actor=actor, action=Action.ARCHIVE, version=version) as act:
        c = act.case
        now = clock.now()
        c.archive_number = archive_numbers_reserve(timezone.localtime(now).year)[0]
        c.archived_at = now
        c.retention_until = retention_end(timezone.localtime(c.closed_at or now).date())
    return act.case


def case_withdraw(*, case: Case, actor: User, reason: str, version: int | None = None) -> Case:
    with _acting(case=case, actor=actor, action=Action.WITHDRAW, version=version, reason=reason) as act:
        act.case.closed_at = clock.now()
    return act.case


def case_merge(*, case: Case, actor: User, into: str, reason: str = "", version: int | None = None) -> Case:
    """Link a duplicate to the surviving case; both keep their histories (DESIGN §1 duplicates)."""
    survivor = visible_cases(actor).filter(number=into).first()
    if survivor is None:
        raise ValidationFailed({"into": _("No case %(number)s that you can see.") % {"number": into}})
    if survivor.pk == case.pk:
        raise ValidationFailed({"into": _("A case cannot be merged into itself.")})
    with transaction.atomic():
        # Lock both rows in id order so two opposite merges cannot deadlock.
        list(Case.objects.select_for_update().filter(pk__in=[case.pk, survivor.pk]).order_by("pk"))
        survivor.refresh_from_db()
        if survivor.status in FINAL_STATUSES:
            raise ValidationFailed(
                {
                    "into": _("Case %(number)s is %(status)s; merge into an open case.")
                    % {"number": into, "status": survivor.status}
                }
            )
        with _acting(case=case, actor=actor, action=Action.MERGE, version=version, reason=reason) as act:
            act.case.merged_into = survivor
            act.case.closed_at = clock.now()
        event_record(
            case=survivor,
            action=Action.MERGE.value,
            actor=actor,
            from_status=survivor.status,
            reason=reason,
            data={"merged_case": case.number},
        )
        Case.objects.filter(pk=survivor.pk).update(version=survivor.version + 1)
        duplicates.suggestions_merged(case=act.case, survivor=survivor, actor=actor)
    return act.case
