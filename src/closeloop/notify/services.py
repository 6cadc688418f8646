"""Every write of notifications: the staff inbox, and the outbox that sends e-mail, SMS and webhooks.

All of them are idempotent by `key`: the caller names the occasion ("order:D2025…:issued"), and a
second call with the same key — a sweep run twice, two workers at once — creates nothing and sends
nothing. Messages are rendered from `notify/<kind>.txt` (first line subject, rest body) in the
recipient's language. Sending happens after commit, in `deliveries_send`, which retries with backoff.
"""

import functools
import hashlib
import hmac
import json
import logging
import re
import smtplib
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string

from closeloop.cases.models import Case
from closeloop.core import clock
from closeloop.core.memo import Expiring
from closeloop.notify.choices import MACHINE_CHANNELS, Channel, DeliveryStatus, Kind
from closeloop.notify.models import Delivery, Notification, WebhookEndpoint
from closeloop.org.choices import ReplyChannel
from closeloop.org.models import User
from closeloop.policy.choices import Deadline

logger = logging.getLogger(__name__)

# Context keys a kind's template cannot do without. Every template also gets `case`; the optional
# keys fall back to the case's own fields:
#   sla_warning, sla_breached: `deadline` (a policy Deadline, default resolution), `due_at`
#     (default: the case's due time of that clock)
#   case_extended: `due_at`, `reason` (default: the case's resolution deadline and extension reason)
#   case_registered: `tracking_code`; case_assigned: nothing beyond the case
REQUIRED_CONTEXT: dict[str, tuple[str, ...]] = {
    Kind.ESCALATED: ("order",),
    Kind.SUPERVISION_ORDER_REPLIED: ("order",),
    Kind.SUPERVISION_ORDER_OVERDUE: ("order",),
    Kind.CUSTOMER_CONTACTED: ("channel",),
    Kind.FEEDBACK_GIVEN: ("content",),
    Kind.FOLLOW_UP_INVITATION: ("survey_url",),
}
LETTER_TEMPLATE = "notify/letter_to_send.txt"

RETRY_FIRST = timedelta(minutes=1)
RETRY_CAP = timedelta(hours=6)
WEBHOOK_TIMEOUT_SECONDS = 10
# A sender owns the rows it took for this long; if it dies they become due again when it ends.
# It starts no new send after half of it, so no row is sent after its claim ran out.
CLAIM_LEASE = timedelta(minutes=15)
# One query looks up existing keys; chunks stay under SQLite's limit of 32,766 variables (3.32+).
KEY_LOOKUP_CHUNK = 5000


def max_attempts() -> int:
    return getattr(settings, "NOTIFY_MAX_ATTEMPTS", 8)


def absolute_url(path: str) -> str:
    if not path or "://" in path:
        return path
    return settings.SITE_URL.rstrip("/") + path


# --- rendering ----------------------------------------------------------------------------------


def _check_context(kind: str, context: dict) -> None:
    missing = [name for name in REQUIRED_CONTEXT.get(kind, ()) if name not in context]
    if missing:
        raise ValueError(f"A {kind} message needs context keys {missing}.")


def message_render(*, template: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    """(subject, body): the first line of the rendered template, and the rest."""
    with translation.override(language or settings.LANGUAGE_CODE):
        text = render_to_string(template, context)
    subject, _, body = text.strip().partition("\n")
    # Optional lines that render empty leave runs of blank lines behind.
    body = re.sub(r"\n\s*\n(\s*\n)+", "\n\n", body.strip())
    return subject.strip()[:255], body


def _template_context(kind: str, context: dict, case: Case | None, **extra: Any) -> dict[str, Any]:
    """The caller's context plus the case, with the values a kind can take from the case itself."""
    values = {**context, "case": case, **extra}
    if kind in (Kind.SLA_WARNING, Kind.SLA_BREACHED):
        deadline = Deadline(values.get("deadline") or Deadline.RESOLUTION)
        values["deadline_label"] = deadline.label  # lazy: translated when rendered
        if values.get("due_at") is None and case is not None:
            values["due_at"] = getattr(case, f"{deadline.value}_due_at", None)
    elif kind == Kind.CASE_EXTENDED and case is not None:
        values.setdefault("due_at", case.resolution_due_at)
        values.setdefault("reason", case.extension_reason)
    elif kind == Kind.FOLLOW_UP_INVITATION:
        values["survey_url"] = absolute_url(values["survey_url"])
    return values


_NUMBER = "00000000-CASE-NUMBER"


@functools.cache
def _case_path_pattern(urlconf: str) -> str:
    return reverse("web:case", args=[_NUMBER], urlconf=urlconf)


def _case_path(case: Case | None) -> str:
    # reverse() costs a tenth of a millisecond; a sweep links thousands of notices to cases.
    if case is None:
        return ""
    return _case_path_pattern(settings.ROOT_URLCONF).replace(_NUMBER, case.number)


# --- staff --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffMessage:
    recipient: User
    kind: Kind
    case: Case | None
    context: dict
    key: str


_PLAIN = (str, int, float, bool, type(None), datetime, date, Decimal)


def _fingerprint(context: dict) -> tuple:
    """A hashable stand-in for a context: rows by table and id, plain values as they are, anything
    else by identity (every message is alive for the whole batch, so no two share an id)."""
    items = []
    for name, value in sorted(context.items()):
        if isinstance(value, models.Model) and value.pk is not None:
            items.append((name, type(value), value.pk))
        elif isinstance(value, _PLAIN):
            items.append((name, value))
        else:
            items.append((name, "id", id(value)))
    return tuple(items)


def _existing_inbox_keys(messages: Sequence[StaffMessage]) -> set[tuple[int, str]]:
    keys = sorted({m.key for m in messages})
    # With the recipients the look-up walks the (recipient, key) unique index instead of the table.
    recipients = {m.recipient.pk for m in messages}
    found: set[tuple[int, str]] = set()
    for start in range(0, len(keys), KEY_LOOKUP_CHUNK):
        chunk = keys[start : start + KEY_LOOKUP_CHUNK]
        found.update(
            Notification.objects.filter(recipient_id__in=recipients, key__in=chunk).values_list(
                "recipient_id", "key"
            )
        )
    return found


def _inbox_many(messages: Sequence[StaffMessage], *, template: str = "") -> int:
    seen = _existing_inbox_keys(messages) if messages else set()
    now = clock.now()
    notes: list[Notification] = []
    mails: list[Delivery] = []
    # Recipients of one occasion (the handler and the first-contact owner of a breached case)
    # get the same text: render it once per language.
    rendered: dict[tuple, tuple[str, str]] = {}
    for m in messages:
        if (m.recipient.pk, m.key) in seen:
            continue
        seen.add((m.recipient.pk, m.key))
        path = _case_path(m.case)
        name = template or f"notify/{m.kind}.txt"
        once = (name, m.recipient.language, m.case.pk if m.case else None, _fingerprint(m.context))
        if once not in rendered:
            rendered[once] = message_render(
                template=name,
                context=_template_context(m.kind, m.context, m.case, link=absolute_url(path)),
                language=m.recipient.language,
            )
        subject, body = rendered[once]
        notes.append(
            Notification(
                recipient=m.recipient,
                kind=m.kind,
                case=m.case,
                subject=subject,
                body=body,
                link=path,
                key=m.key,
                created_at=now,
            )
        )
        if m.recipient.email:
            mails.append(
                Delivery(
                    channel=Channel.EMAIL,
                    kind=m.kind,
                    case=m.case,
                    address=m.recipient.email,
                    subject=subject,
                    body=body,
                    language=m.recipient.language,
                    key=m.key,
                    next_attempt_at=now,
                    created_at=now,
                )
            )
    if not notes:
        return 0
    with transaction.atomic():
        # The lookup above settles repeats; ignore_conflicts only covers a concurrent insert.
        Notification.objects.bulk_create(notes, ignore_conflicts=True)
        if mails:
            Delivery.objects.bulk_create(mails, ignore_conflicts=True)
            _send_after_commit()
    return len(notes)


def notify_staff_many(messages: Sequence[StaffMessage]) -> int:
    """Put each message in its recipient's inbox (and e-mail it); returns how many were new."""
    messages = list(messages)
    for m in messages:
        _check_context(m.kind, m.context)
    return _inbox_many(messages)


def notify_staff(
    *, recipients: Iterable[User], kind: Kind, case: Case | None, context: dict, key: str
) -> int:
    return notify_staff_many(
        [StaffMessage(recipient=r, kind=kind, case=case, context=context, key=key) for r in recipients]
    )


def notification_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications read (all, or those of `ids` that are theirs)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=clock.now())


# --- customers ----------------------------------------------------------------------------------


def customer_route(case: Case) -> tuple[Channel | None, str]:
    """The outgoing channel and address for the case's preferred reply channel.

    A phone-preferring customer gets a text notice (the calls are made by staff); app, WeChat and
    web customers follow their case on the portal, so nothing is sent: (None, "").
    """
    preferred = case.preferred_channel
    if preferred == ReplyChannel.EMAIL:
        return Channel.EMAIL, case.complainant_email or case.customer.email
    if preferred in (ReplyChannel.SMS, ReplyChannel.PHONE):
        return Channel.SMS, case.complainant_phone or case.customer.phone
    if preferred == ReplyChannel.LETTER:
        return Channel.LETTER, case.customer.address
    return None, ""


def notify_customer(
    *, case: Case, kind: Kind, context: dict, key: str, fresh: bool = False
) -> Delivery | None:
    """Queue a message to the complainant on their preferred channel; None when nothing is sent.

    `fresh`: the key names something created in this transaction (a new case's acknowledgement),
    so no earlier message can hold it and the busiest path skips the look-up and a savepoint."""
    _check_context(kind, context)
    channel, address = customer_route(case)
    if channel is None:
        return None
    if not address and channel != Channel.LETTER:
        logger.warning("Case %s: no %s address, the customer is not sent %s.", case.number, channel, kind)
        return None
    if not fresh:
        existing = Delivery.objects.filter(channel=channel, address=address, key=key).first()
        if existing is not None:
            return existing
    language = case.customer.language
    subject, body = message_render(
        template=f"notify/{kind}.txt", context=_template_context(kind, context, case), language=language
    )
    now = clock.now()
    with transaction.atomic(savepoint=False):
        try:
            # Insert first (the unique key settles a concurrent twin) rather than get_or_create's
            # second look-up.
            with transaction.atomic(savepoint=not fresh):
                delivery = Delivery.objects.create(
                    channel=channel,
                    address=address,
                    key=key,
                    kind=kind,
                    case=case,
                    subject=subject,
                    body=body,
                    language=language,
                    # A letter waits for a person to post it; the sender never picks it up.
                    next_attempt_at=None if channel == Channel.LETTER else now,
                    created_at=now,
                )
            created = True
        except IntegrityError:
            delivery, created = Delivery.objects.get(channel=channel, address=address, key=key), False
        if created and channel == Channel.LETTER:
            _inbox_many(
                [
                    StaffMessage(
                        recipient=case.first_contact_owner,
                        kind=kind,
                        case=case,
                        context={
                            "letter_subject": subject,
                            "letter_body": body,
                            "has_address": bool(address),
                        },
                        key=f"letter:{key}",
                    )
                ],
                template=LETTER_TEMPLATE,
            )
        elif created:
            _send_after_commit()
    return delivery


# --- webhooks -----------------------------------------------------------------------------------


def webhook_signature(secret: str, timestamp: int | str, body: str | bytes) -> str:
    """ "sha256=" + hex HMAC-SHA256(secret, "<timestamp>.<body>")."""
    text = body.decode() if isinstance(body, bytes) else body
    digest = hmac.new(secret.encode(), f"{timestamp}.{text}".encode(), hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify_signature(secret: str, timestamp: int | str, body: str | bytes, signature: str) -> bool:
    """For receivers: is `signature` the X-Closeloop-Signature of this timestamp and body?
    (Receivers should also refuse old timestamps and deduplicate on X-Closeloop-Delivery.)"""
    try:
        expected = webhook_signature(secret, timestamp, body)
    except UnicodeDecodeError:
        return False
    return hmac.compare_digest(expected, signature or "")


# Every audit event asks for the endpoints; they change rarely, so this process keeps them for a
# minute at most (at once after a save here; see NotifyConfig.ready).
_endpoints = Expiring(lambda: list(WebhookEndpoint.objects.filter(active=True)))


def endpoints_cache_clear() -> None:
    _endpoints.clear()


def active_endpoints() -> list[WebhookEndpoint]:
    return _endpoints.get()


def webhook_emit(*, kind: str, payload: dict, key: str) -> int:
    """One delivery per active endpoint subscribed to `kind`; returns how many were new."""
    endpoints = {e.url: e for e in active_endpoints() if e.subscribes_to(kind)}
    if not endpoints:
        return 0
    taken = set(
        Delivery.objects.filter(channel=Channel.WEBHOOK, key=key, address__in=list(endpoints)).values_list(
            "address", flat=True
        )
    )
    now = clock.now()
    new = [
        Delivery(
            channel=Channel.WEBHOOK,
            kind=kind,
            address=url,
            endpoint=endpoint,
            subject=kind,
            payload=payload,
            key=key,
            next_attempt_at=now,
            created_at=now,
        )
        for url, endpoint in endpoints.items()
        if url not in taken
    ]
    if new:
        with transaction.atomic():
            Delivery.objects.bulk_create(new, ignore_conflicts=True)
            _send_after_commit()
    return len(new)


# --- sending ------------------------------------------------------------------------------------


_held: ContextVar[bool] = ContextVar("closeloop_notify_held", default=False)


@contextmanager
def sending_held() -> Iterator[None]:
    """Queue messages without starting a send pass after each commit (bulk loads of history)."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


def deliveries_record_sent(*, created_before: datetime) -> int:
    """Record queued messages as sent without sending them: for generated demo history, whose
    recipients are fictional. Never used on real traffic."""
    return Delivery.objects.filter(status=DeliveryStatus.PENDING, created_at__lt=created_before).update(
        status=DeliveryStatus.SENT, sent_at=models.F("created_at"), next_attempt_at=None
    )


# With a broker, one send pass covers every message queued in a window: a pass per commit cost
# the worker a third of the machine under sustained intake (docs/benchmarks.md, intake). The pass
# runs two windows later, so a transaction that queued a message in the window and commits within
# a second more is covered; anything later is left to the next kick or the periodic pass.
SEND_WINDOW = 1.0
_next_kick = 0.0


def _kick() -> None:
    from closeloop.notify.tasks import deliveries_send_task

    if settings.CELERY_TASK_ALWAYS_EAGER:
        deliveries_send_task.delay()
    else:
        deliveries_send_task.apply_async(countdown=2 * SEND_WINDOW)


def _send_after_commit() -> None:
    global _next_kick
    if _held.get():
        return
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        now = time.monotonic()
        if now < _next_kick:
            return
        _next_kick = now + SEND_WINDOW
    # robust: a sending problem (or a broker that is down) must not fail the caller's committed
    # work; the periodic `deliveries_send` picks the rows up anyway.
    transaction.on_commit(_kick, robust=True)


def retry_delay(attempts: int) -> timedelta:
    """After the n-th failed attempt: 1 min, 2, 4, 8 … capped at 6 h."""
    return min(RETRY_FIRST * 2 ** min(max(attempts - 1, 0), 20), RETRY_CAP)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # A redirect would turn the POST into a GET and count as delivered; treat it as a failure.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_webhook_opener = urllib.request.build_opener(_NoRedirect)


class _Senders:
    """The connections one sending pass shares: one SMTP connection, one SMS backend."""

    def __init__(self) -> None:
        self._mail = None
        self._sms = None

    def send(self, delivery: Delivery) -> None:
        if delivery.channel == Channel.EMAIL:
            self._email(delivery)
        elif delivery.channel == Channel.SMS:
            if self._sms is None:
                self._sms = import_string(settings.SMS_BACKEND)()
            text = f"{delivery.subject}\n{delivery.body}".strip()
            self._sms.send(delivery.address, text)
        elif delivery.channel == Channel.WEBHOOK:
            _webhook_post(delivery)
        else:
            raise ValueError(f"channel {delivery.channel} is not sent automatically")

    def _email(self, delivery: Delivery) -> None:
        if self._mail is None:
            self._mail = get_connection(fail_silently=False)
        message = EmailMessage(
            subject=delivery.subject,
            body=delivery.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[delivery.address],
            connection=self._mail,
        )
        try:
            self._mail.open()  # once per pass: a no-op while the connection is open
            if message.send(fail_silently=False) != 1:
                raise smtplib.SMTPException("the mail backend sent nothing")
        except Exception:
            # The connection may be half-broken now; the next message opens a fresh one.
            self.close()
            raise

    def close(self) -> None:
        if self._mail is not None:
            try:
                self._mail.close()
            except Exception:
                logger.debug("closing the mail connection failed", exc_info=True)
            self._mail = None


def _webhook_post(delivery: Delivery) -> None:
    body = json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True)
    timestamp = int(time.time())
    secret = delivery.endpoint.secret if delivery.endpoint else ""
    request = urllib.request.Request(
        delivery.address,
        data=body.encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Closeloop-Webhook/1",
            "X-Closeloop-Event": delivery.kind,
            "X-Closeloop-Delivery": str(delivery.pk),
            "X-Closeloop-Timestamp": str(timestamp),
            "X-Closeloop-Signature": webhook_signature(secret, timestamp, body),
        },
    )
    with _webhook_opener.open(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:
        if not 200 <= response.status < 300:
            raise urllib.error.HTTPError(delivery.address, response.status, "not 2xx", response.headers, None)


def describe_error(exc: BaseException) -> str:
    """The exception class and a reason that cannot carry personal data (no str(exc): an SMTP
    refusal lists addresses, an HTTP error the URL)."""
    detail = ""
    if isinstance(exc, urllib.error.HTTPError):
        detail = f"HTTP {exc.code}"
    elif isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, OSError):
            detail = f"{type(reason).__name__}: {reason.strerror or ''}"
        else:
            detail = "URL error"
    elif isinstance(exc, smtplib.SMTPResponseException):
        detail = f"SMTP {exc.smtp_code}"
    elif isinstance(exc, smtplib.SMTPRecipientsRefused):
        detail = "recipient refused"
    elif isinstance(exc, OSError):
        detail = exc.strerror or ("timed out" if isinstance(exc, TimeoutError) else "")
    text = type(exc).__name__ + (f": {detail}" if detail else "")
    return text[:255]


def _claim(*, token: str, limit: int) -> list[Delivery]:
    """Take up to `limit` due rows for this sender in one UPDATE. Rows another sender has locked
    are skipped, and a claimed row is no longer due, so two senders never take the same row."""
    now = clock.now()
    due = Q(status=DeliveryStatus.PENDING, channel__in=MACHINE_CHANNELS, next_attempt_at__lte=now)
    with transaction.atomic():
        oldest = (
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(due)
            .order_by("next_attempt_at", "id")
            .values("pk")[:limit]
        )
        # The due condition outside the subquery too: PostgreSQL re-checks it on a row another
        # sender changed meanwhile, and on SQLite (no row locks) it makes the claim compare-and-set.
        taken = Delivery.objects.filter(due, pk__in=oldest).update(
            claim=token, next_attempt_at=now + CLAIM_LEASE
        )
    if not taken:
        return []
    return list(Delivery.objects.filter(claim=token).select_related("endpoint").order_by("id"))


def deliveries_send(*, limit: int = 200) -> dict[str, int]:
    """Send the due pending e-mails, texts and webhooks; failures are retried with backoff.

    Rows are claimed in a short transaction and sent outside it, so no database lock is held
    while a mail server or a webhook receiver takes its time.
    """
    counts = {"sent": 0, "retry": 0, "failed": 0}
    token = uuid.uuid4().hex
    claimed = _claim(token=token, limit=limit)
    started = time.monotonic()
    senders = _Senders()
    try:
        for index, delivery in enumerate(claimed):
            if time.monotonic() - started > CLAIM_LEASE.total_seconds() / 2:
                Delivery.objects.filter(pk__in=[d.pk for d in claimed[index:]], claim=token).update(
                    claim="", next_attempt_at=clock.now()
                )
                break
            try:
                senders.send(delivery)
            except Exception as exc:
                counts[_record_failure(delivery, token, exc)] += 1
            else:
                Delivery.objects.filter(pk=delivery.pk, claim=token).update(
                    status=DeliveryStatus.SENT,
                    attempts=delivery.attempts + 1,
                    sent_at=clock.now(),
                    next_attempt_at=None,
                    last_error="",
                    claim="",
                )
                counts["sent"] += 1
    finally:
        senders.close()
    if claimed:
        logger.info("Deliveries: %(sent)d sent, %(retry)d to retry, %(failed)d failed.", counts)
    return counts


def _record_failure(delivery: Delivery, token: str, exc: Exception) -> str:
    attempts = delivery.attempts + 1
    error = describe_error(exc)
    final = attempts >= max_attempts()
    Delivery.objects.filter(pk=delivery.pk, claim=token).update(
        status=DeliveryStatus.FAILED if final else DeliveryStatus.PENDING,
        attempts=attempts,
        next_attempt_at=None if final else clock.now() + retry_delay(attempts),
        last_error=error,
        claim="",
    )
    logger.warning(
        "Delivery %s (%s, %s) attempt %d failed%s: %s",
        delivery.pk,
        delivery.channel,
        delivery.kind,
        attempts,
        ", giving up" if final else "",
        error,
    )
    return "failed" if final else "retry"


def deliveries_retry(*, ids: Iterable[int]) -> int:
    """Send these deliveries again at the next pass (the admin's "retry now"); letters, sent rows
    and rows a sender holds right now are left alone."""
    now = clock.now()
    claimed_now = Q(next_attempt_at__gt=now) & ~Q(claim="")
    with transaction.atomic():
        count = (
            Delivery.objects.filter(pk__in=list(ids), channel__in=MACHINE_CHANNELS)
            .exclude(status=DeliveryStatus.SENT)
            .exclude(claimed_now)
            .update(status=DeliveryStatus.PENDING, next_attempt_at=now, claim="")
        )
        if count:
            _send_after_commit()
    return count
