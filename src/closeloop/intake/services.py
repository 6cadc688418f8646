"""Channel intake writes: e-mails from polled mailboxes and calls reported by the phone system become
new complaints (`case_register`) or contacts recorded on the customer's open case, each change with
its audit event."""

import imaplib
import logging
import mimetypes
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from email.utils import parseaddr

from django.conf import settings
from django.core.files.base import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from closeloop.cases.choices import Action, Channel, EvidenceKind
from closeloop.cases.models import Case, Evidence, ProgressEntry
from closeloop.cases.services import (
    CLOCK_SKEW,
    _check_uploads,
    _store_upload,
    case_register,
    event_record,
)
from closeloop.core import clock
from closeloop.core.errors import Conflict, DomainError, Forbidden, NotFound, ValidationFailed
from closeloop.intake import selectors
from closeloop.intake.choices import CallDirection, CallOutcome, MessageOutcome
from closeloop.intake.mail import (
    Attachment,
    ImapSession,
    MailboxError,
    ParsedMessage,
    message_id_of,
    message_parse,
)
from closeloop.intake.models import Call, InboundMessage, Mailbox
from closeloop.notify.choices import Kind
from closeloop.notify.services import notify_staff
from closeloop.org.choices import ReplyChannel, Role
from closeloop.org.models import User
from closeloop.org.selectors import user_roles

logger = logging.getLogger(__name__)

# Who reports and registers calls: intake agents (a phone-system integration account holds the agent
# role too), supervisors and administrators. Handlers may register complaints but take no calls.
CALL_ROLES = frozenset({Role.AGENT, Role.SUPERVISOR, Role.ADMIN})
# A poll reads at most this many messages; the next one continues where it stopped.
POLL_BATCH = 200
# Characters of an e-mail's text kept in a case; a longer text is cut (the mail server keeps it).
TEXT_LIMIT = 20_000


# --- contacts on an existing case ---------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceItem:
    kind: str
    description: str = ""
    upload: File | None = None


def case_contact_record(
    *,
    case: Case,
    actor: User,
    note: str = "",
    evidence: Sequence[EvidenceItem] = (),
    data: dict | None = None,
) -> Case:
    """Record what the customer sent or said on their case: a progress entry, and each file as
    evidence, every write with its own audit event and version.

    A system path, not a workflow action: a customer may write or call whatever the case's state
    (final cases excepted, which the callers leave alone), and the mailbox's service user or the
    agent on the phone need not be the case's handler.
    """
    facts = data or {}
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        now = clock.now()
        if note:
            entry = ProgressEntry.objects.create(
                case=locked, department=None, author=actor, note=note, created_at=now
            )
            _audit(locked, actor, Action.PROGRESS, {"progress_entry": entry.pk, **facts})
            # The handler, and the first-contact owner who stays accountable (首问负责制), learn of it
            # at once: a customer's message must not wait unread for the next look at the case.
            told = {u for u in (locked.handler, locked.first_contact_owner) if u is not None and u != actor}
            notify_staff(
                recipients=told,
                kind=Kind.CUSTOMER_CONTACTED,
                case=locked,
                context={"channel": facts.get("channel", "")},
                key=f"contact:{entry.pk}",
            )
        for spec in evidence:
            item = Evidence(
                case=locked,
                kind=spec.kind,
                description=spec.description,
                collected_by=actor,
                collected_at=now,
                created_at=now,
            )
            if spec.upload is not None:
                _store_upload(item, spec.upload)
            item.save()
            _audit(
                locked,
                actor,
                Action.ADD_EVIDENCE,
                {"evidence": item.pk, "kind": spec.kind, "sha256": item.sha256, **facts},
            )
        locked.refresh_from_db(fields=["version"])
    return locked


def _audit(case: Case, actor: User, action: Action, data: dict) -> None:
    # One write, one version, one event: the case page's "what changed since you loaded it" counts on it.
    Case.objects.filter(pk=case.pk).update(version=F("version") + 1)
    event_record(case=case, action=action.value, actor=actor, from_status=case.status, data=data)


def _evidence_kind(content_type: str) -> str:
    if content_type.startswith("image/"):
        return EvidenceKind.PHOTO
    if content_type.startswith("audio/"):
        return EvidenceKind.RECORDING
    return EvidenceKind.DOCUMENT


# --- e-mail -------------------------------------------------------------------------------------


@dataclass
class PollResult:
    new_cases: int = 0
    replies: int = 0
    ignored: int = 0
    failed: int = 0
    already_seen: int = 0

    def count(self, record: InboundMessage | None) -> None:
        if record is None:
            self.already_seen += 1
        else:
            field = {
                MessageOutcome.NEW_CASE: "new_cases",
                MessageOutcome.REPLY: "replies",
                MessageOutcome.IGNORED: "ignored",
                MessageOutcome.FAILED: "failed",
            }[MessageOutcome(record.outcome)]
            setattr(self, field, getattr(self, field) + 1)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def mailbox_poll(*, mailbox: Mailbox) -> PollResult:
    """Read the folder's messages with a UID above the last one read, oldest first, each in its own
    transaction; mark each \\Seen once processed. A failed message is recorded, left unread for a
    person to look at, and does not stop the others.

    Raises MailboxError (and records it on the mailbox) when the server cannot be reached, refuses
    the login or the connection breaks off.
    """
    result = PollResult()
    failure = ""
    try:
        with ImapSession(
            host=mailbox.host,
            port=mailbox.port,
            security=mailbox.security,
            username=mailbox.username,
            password=mailbox.password,
            folder=mailbox.folder,
        ) as imap:
            if mailbox.uidvalidity != imap.uidvalidity:
                # The server renumbered the folder: read it again from the start. Message-IDs already
                # processed are skipped, so nothing is registered twice.
                mailbox.uidvalidity, mailbox.last_uid = imap.uidvalidity, 0
                Mailbox.objects.filter(pk=mailbox.pk).update(uidvalidity=imap.uidvalidity, last_uid=0)
            for uid in imap.uids_after(mailbox.last_uid)[:POLL_BATCH]:
                raw = imap.fetch(uid)
                if raw is not None:
                    record = message_receive(mailbox=mailbox, uid=uid, raw=raw)
                    result.count(record)
                    if record is None or record.outcome != MessageOutcome.FAILED:
                        imap.mark_seen(uid)
                mailbox.last_uid = uid
                Mailbox.objects.filter(pk=mailbox.pk).update(last_uid=uid)
    except MailboxError as error:
        failure = str(error)
    except (OSError, imaplib.IMAP4.error) as error:
        failure = _("The connection to the IMAP server %(host)s broke off: %(reason)s") % {
            "host": mailbox.host,
            "reason": getattr(error, "strerror", None) or error,
        }
    mailbox.last_polled_at, mailbox.last_error = clock.now(), failure[:500]
    Mailbox.objects.filter(pk=mailbox.pk).update(
        last_polled_at=mailbox.last_polled_at, last_error=mailbox.last_error
    )
    if failure:
        logger.warning("Mailbox %s: poll failed.", mailbox.name)
        raise MailboxError(failure)
    return result


def message_receive(*, mailbox: Mailbox, uid: int, raw: bytes) -> InboundMessage | None:
    """Process one message once: a new complaint, a contact on the case it answers, or ignored.
    None when its Message-ID was already processed for this mailbox (by an earlier poll or a
    concurrent one)."""
    message_id = message_id_of(raw)
    if InboundMessage.objects.filter(mailbox=mailbox, message_id=message_id).exists():
        return None
    now = clock.now()
    parsed = None
    try:
        with transaction.atomic():
            try:
                # The row goes in first: a concurrent poller waits on its unique index until this
                # transaction ends, then finds the message processed.
                with transaction.atomic():
                    record = InboundMessage.objects.create(
                        mailbox=mailbox,
                        message_id=message_id,
                        uid=uid,
                        received_at=now,
                        outcome=MessageOutcome.FAILED,
                    )
            except IntegrityError:
                return None
            parsed = message_parse(raw)
            record.from_address = parsed.from_address[:255]
            record.subject = parsed.subject[:255]
            record.sent_at = parsed.sent_at
            _message_dispatch(mailbox=mailbox, message=parsed, record=record, now=now)
            record.save()
        return record
    except Exception as error:  # one bad message must not stop the mailbox: record it and go on
        logger.warning("Mailbox %s: message UID %s failed (%s).", mailbox.name, uid, type(error).__name__)
        record, _created = InboundMessage.objects.update_or_create(
            mailbox=mailbox,
            message_id=message_id,
            defaults={
                "uid": uid,
                "received_at": now,
                "from_address": parsed.from_address[:255] if parsed else "",
                "subject": parsed.subject[:255] if parsed else "",
                "sent_at": parsed.sent_at if parsed else None,
                "outcome": MessageOutcome.FAILED,
                "case": None,
                "error": _error_text(error),
            },
        )
        return record


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationFailed):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.fields.items())
    if isinstance(error, DomainError):
        return error.message
    return f"{type(error).__name__}: {error}"[:2000]


def _own_addresses(mailbox: Mailbox) -> set[str]:
    return {a.lower() for a in (mailbox.username, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]) if "@" in a}


def _message_dispatch(
    *, mailbox: Mailbox, message: ParsedMessage, record: InboundMessage, now: datetime
) -> None:
    elsewhere = (
        InboundMessage.objects.filter(message_id=message.message_id, case__isnull=False)
        .exclude(mailbox=mailbox)
        .select_related("mailbox", "case")
        .first()
    )
    if elsewhere is not None:
        # The same e-mail sent to two of our addresses is one complaint.
        record.outcome, record.case = MessageOutcome.IGNORED, elsewhere.case
        record.note = _("Already received by mailbox %(mailbox)s.") % {"mailbox": elsewhere.mailbox.name}
        return
    if message.automatic:
        record.outcome = MessageOutcome.IGNORED
        record.note = _("Machine-made message (%(reason)s): not registered.") % {"reason": message.automatic}
        return
    if not message.from_address:
        raise ValidationFailed({"from": _("The message has no sender address to reply to.")})
    if message.from_address in _own_addresses(mailbox):
        record.outcome = MessageOutcome.IGNORED
        record.note = _("Sent from our own address: not registered.")
        return
    uploads, skipped = _uploads(message.attachments)
    text = message.text[:TEXT_LIMIT]
    case = selectors.case_answered(message)
    if case is not None:
        note = _("E-mail from the customer (%(sender)s): %(subject)s") % {
            "sender": message.from_address,
            "subject": message.subject or _("(no subject)"),
        }
        case_contact_record(
            case=case,
            actor=mailbox.service_user,
            note="\n\n".join([note, text, *skipped]).strip(),
            evidence=[
                EvidenceItem(
                    kind=_evidence_kind(u.content_type),
                    description=_("Attached to the customer's e-mail"),
                    upload=u,
                )
                for u in uploads
            ],
            data={"channel": Channel.EMAIL.value, "inbound_message": record.pk},
        )
        record.outcome = MessageOutcome.REPLY
    else:
        name = message.from_name or message.from_address.split("@")[0]
        case = case_register(
            actor=mailbox.service_user,
            channel=Channel.EMAIL,
            # The sender's clock may run ahead; a contact is never later than its arrival.
            contacted_at=min(message.sent_at or now, now),
            complainant={
                "name": name[:100],
                "email": message.from_address,
                "preferred_channel": ReplyChannel.EMAIL,
            },
            title=(message.subject or _("E-mail without a subject"))[:200],
            description="\n\n".join([text or _("(The e-mail has no text.)"), *skipped]),
            category=mailbox.default_category.code,
            external_ref=message.message_id[:100],
            attachments=uploads,
        )
        record.outcome = MessageOutcome.NEW_CASE
    record.case = case
    record.note = "\n".join(skipped)


def _uploads(attachments: list[Attachment]) -> tuple[list[SimpleUploadedFile], list[str]]:
    """The attachments as uploads that pass the evidence checks, and a line for each that does not."""
    kept, skipped = [], []
    for attachment in attachments:
        upload = SimpleUploadedFile(attachment.name, attachment.data, content_type=attachment.content_type)
        errors: dict[str, str] = {}
        _check_uploads([upload], "attachment", errors)
        if errors:
            skipped.append(_("Attachment not kept: %(reason)s") % {"reason": errors["attachment"]})
        else:
            kept.append(upload)
    return kept, skipped


def mailboxes_poll() -> dict[str, int]:
    """Poll every active mailbox; one that cannot be reached is recorded and the others go on."""
    total = PollResult()
    unreachable = 0
    for mailbox in Mailbox.objects.filter(active=True).select_related("service_user", "default_category"):
        try:
            result = mailbox_poll(mailbox=mailbox)
        except MailboxError:
            unreachable += 1
            continue
        for name, value in result.as_dict().items():
            setattr(total, name, getattr(total, name) + value)
    return {**total.as_dict(), "unreachable_mailboxes": unreachable}


# --- calls --------------------------------------------------------------------------------------


def _agent(value: str | None, actor: User, errors: dict) -> User | None:
    if not value:
        return actor
    agent = User.objects.filter(username=value, is_active=True).first()
    if agent is None:
        errors["agent"] = _("Unknown agent '%(value)s'.") % {"value": value}
    elif not user_roles(agent) & CALL_ROLES:
        errors["agent"] = _("%(user)s does not take calls (no agent, supervisor or administrator role).") % {
            "user": value
        }
    return agent


def call_report(
    *,
    actor: User,
    external_id: str,
    caller_number: str,
    started_at: datetime,
    ended_at: datetime | None = None,
    called_number: str = "",
    direction: str = CallDirection.INBOUND,
    agent: str | None = None,
    recording: File | None = None,
    recording_url: str = "",
) -> tuple[Call, bool]:
    """A call the phone system reports. Attached to the customer's most recent case that is not
    final (a progress entry, the recording as evidence), otherwise kept waiting for its agent to
    register it. Returns (call, created): the same call id again returns the first call unchanged.
    """
    if not user_roles(actor) & CALL_ROLES:
        raise Forbidden(_("Your role may not report calls."))
    external_id = (external_id or "").strip()
    errors: dict[str, str] = {}
    if not external_id:
        errors["external_id"] = _("The phone system's call id is required.")
    if direction not in CallDirection.values:
        errors["direction"] = _("One of: %(choices)s.") % {"choices": ", ".join(CallDirection.values)}
    if not (caller_number or "").strip():
        errors["caller_number"] = _("The caller's number is required.")
    if direction == CallDirection.OUTBOUND and not (called_number or "").strip():
        errors["called_number"] = _("An outbound call needs the number that was called.")
    for name, moment in (("started_at", started_at), ("ended_at", ended_at)):
        if moment is not None and timezone.is_naive(moment):
            errors[name] = _("Give a time zone (e.g. 2026-11-23T09:30:00+08:00).")
    if "started_at" not in errors and started_at > clock.now() + CLOCK_SKEW:
        errors["started_at"] = _("The call cannot start in the future.")
    if ended_at is not None and not errors.keys() & {"started_at", "ended_at"} and ended_at < started_at:
        errors["ended_at"] = _("The call cannot end before it started.")
    agent_user = _agent(agent, actor, errors)
    _check_uploads([recording] if recording is not None else [], "recording", errors)
    if errors:
        raise ValidationFailed(errors)

    existing = Call.objects.filter(external_id=external_id).first()
    if existing is not None:
        return _replayed(existing, caller_number), False
    with transaction.atomic():
        try:
            # The call id goes in first: a concurrent retry waits on the unique index, then finds it.
            with transaction.atomic():
                call = Call.objects.create(
                    external_id=external_id,
                    direction=direction,
                    caller_number=caller_number.strip(),
                    called_number=(called_number or "").strip(),
                    started_at=started_at,
                    ended_at=ended_at,
                    agent=agent_user,
                    recording_url=recording_url,
                    outcome=CallOutcome.PENDING_INTAKE,
                    reported_by=actor,
                    created_at=clock.now(),
                )
        except IntegrityError:
            return _replayed(Call.objects.get(external_id=external_id), caller_number), False
        if recording is not None:
            call.recording.name = _recording_keep(recording)
            call.recording_name = (recording.name or "")[-255:]
        case = selectors.caller_open_case(call.customer_number)
        if case is not None:
            case_contact_record(
                case=case,
                actor=agent_user,
                note=_call_note(call),
                evidence=_call_evidence(call, recording),
                data={"channel": Channel.PHONE.value, "call": call.external_id},
            )
            call.case, call.outcome = case, CallOutcome.ATTACHED
        call.save()
    return call, True


def _replayed(call: Call, caller_number: str) -> Call:
    if call.caller_number != caller_number.strip():
        raise Conflict(
            _("Call %(id)s was already reported with another caller number.") % {"id": call.external_id},
            detail={"external_id": call.external_id},
        )
    return call


def _recording_keep(upload: File) -> str:
    """Store the recording where evidence files live (content-addressed): the evidence later made
    from it is the same stored file, not a copy."""
    carrier = Evidence()
    _store_upload(carrier, upload)
    return carrier.file.name


def _recording_file(call: Call) -> File:
    name = call.recording_name or f"call-{call.external_id}"
    call.recording.open("rb")
    upload = File(call.recording.file, name=name)
    upload.content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return upload


def _call_evidence(call: Call, upload: File | None) -> list[EvidenceItem]:
    description = _("Recording of call %(id)s") % {"id": call.external_id}
    if upload is not None:
        return [EvidenceItem(kind=EvidenceKind.RECORDING, description=description, upload=upload)]
    if call.recording_url:
        return [EvidenceItem(kind=EvidenceKind.RECORDING, description=f"{description}: {call.recording_url}")]
    return []


def _call_note(call: Call) -> str:
    facts = {"number": call.customer_number, "duration": call.duration}
    if call.direction == CallDirection.OUTBOUND:
        if facts["duration"]:
            return _("Call to %(number)s lasting %(duration)s.") % facts
        return _("Call to %(number)s (duration not reported).") % facts
    if facts["duration"]:
        return _("Call from %(number)s lasting %(duration)s.") % facts
    return _("Call from %(number)s (duration not reported).") % facts


def call_case_register(*, call: Call, actor: User, **intake) -> Case:
    """Register the complaint a pending call brought (the intake form opened from the call) and link
    the call to it, with its recording as evidence — all or nothing."""
    if not selectors.calls_visible(actor).filter(pk=call.pk).exists():
        raise NotFound(_("No call %(id)s is waiting for intake.") % {"id": call.pk})
    with transaction.atomic():
        locked = Call.objects.select_for_update().get(pk=call.pk)
        if locked.case_id is not None:
            raise Conflict(
                _("Call %(id)s is already linked to case %(number)s.")
                % {"id": locked.external_id, "number": locked.case.number}
            )
        intake.setdefault("external_ref", locked.external_id)
        case = case_register(actor=actor, **intake)
        upload = _recording_file(locked) if locked.recording else None
        evidence = _call_evidence(locked, upload)
        try:
            if evidence:
                case = case_contact_record(
                    case=case,
                    actor=actor,
                    evidence=evidence,
                    data={"channel": Channel.PHONE.value, "call": locked.external_id},
                )
        finally:
            if upload is not None:
                upload.close()
        locked.case, locked.outcome = case, CallOutcome.REGISTERED
        locked.save(update_fields=["case", "outcome"])
    return case
