"""E-mail at the edge: an IMAP session (stdlib `imaplib`) and a parser (stdlib `email`) that turns one
RFC 5322 message into what intake needs. Nothing here touches the database."""

import email
import hashlib
import html
import imaplib
import mimetypes
import re
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from pathlib import PurePosixPath, PureWindowsPath

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from closeloop.intake.choices import Security

# Seconds to wait for the server before a poll gives up; the next poll tries again.
TIMEOUT = 30
# `closeloop.cases.services._case_number`: TS + the registration day + a six-digit daily sequence.
CASE_NUMBER_RE = re.compile(r"\bTS\d{8}-\d{6,}\b")
MESSAGE_ID_RE = re.compile(r"<[^<>\s]+>")
# Senders whose messages are machine-made (bounces, out-of-office replies): answering or registering
# them would start a mail loop with our own acknowledgements.
_DAEMONS = frozenset({"mailer-daemon", "postmaster"})
_BULK_PRECEDENCE = frozenset({"bulk", "junk", "auto_reply"})
_HTML_DROP = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_BREAK = re.compile(r"<\s*(br|/p|/div|/li|/tr|/h[1-6]|/blockquote)\b[^>]*>", re.IGNORECASE)


class MailboxError(Exception):
    """The server cannot be reached, refused the login or has no such folder: the message says which."""


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    data: bytes


@dataclass
class ParsedMessage:
    message_id: str
    # Message-IDs this one answers (In-Reply-To, then References), nearest first.
    references: list[str]
    from_name: str
    from_address: str
    subject: str
    sent_at: datetime | None
    text: str
    attachments: list[Attachment] = field(default_factory=list)
    # Why the message is machine-made ("" for a person's message).
    automatic: str = ""


# --- IMAP ---------------------------------------------------------------------------------------


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


class ImapSession:
    """One connection to one folder: `with ImapSession(...) as imap:` logs in and selects the folder."""

    def __init__(
        self, *, host: str, port: int, security: str, username: str, password: str, folder: str
    ) -> None:
        self.host, self.port, self.security = host, port, security
        self.username, self.password, self.folder = username, password, folder
        self.uidvalidity = 0
        self._imap: imaplib.IMAP4 | None = None

    def __enter__(self) -> "ImapSession":
        where = {"host": self.host, "port": self.port}
        try:
            if self.security == Security.SSL:
                imap = imaplib.IMAP4_SSL(
                    self.host, self.port, ssl_context=ssl.create_default_context(), timeout=TIMEOUT
                )
            else:
                imap = imaplib.IMAP4(self.host, self.port, timeout=TIMEOUT)
                if self.security == Security.STARTTLS:
                    imap.starttls(ssl_context=ssl.create_default_context())
        except ssl.SSLError as error:
            raise MailboxError(
                _("TLS with the IMAP server %(host)s:%(port)s failed: %(reason)s")
                % {**where, "reason": error.reason or error}
            ) from error
        except (OSError, imaplib.IMAP4.error) as error:
            reason = getattr(error, "strerror", None) or error
            raise MailboxError(
                _("Cannot reach the IMAP server %(host)s:%(port)s: %(reason)s") % {**where, "reason": reason}
            ) from error
        self._imap = imap
        try:
            imap.login(self.username, self.password)
        except imaplib.IMAP4.error as error:
            self.close()
            raise MailboxError(
                _("The IMAP server %(host)s refused the login of %(user)s: %(reason)s")
                % {"host": self.host, "user": self.username, "reason": _decoded(error)}
            ) from error
        status, _data = imap.select(_quoted(self.folder))
        if status != "OK":
            self.close()
            raise MailboxError(_("The IMAP server has no folder %(folder)s.") % {"folder": self.folder})
        validity = imap.response("UIDVALIDITY")[1]
        self.uidvalidity = int(validity[0]) if validity and validity[0] else 0
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._imap is None:
            return
        try:
            if self._imap.state == "SELECTED":
                self._imap.close()
            self._imap.logout()
        except (OSError, imaplib.IMAP4.error):
            pass  # the connection is being dropped anyway
        self._imap = None

    @property
    def imap(self) -> imaplib.IMAP4:
        assert self._imap is not None, "use the session in a with block"
        return self._imap

    def uids_after(self, last_uid: int) -> list[int]:
        # `n:*` always matches the highest UID, even below n: filter, do not trust the range.
        _status, data = self.imap.uid("SEARCH", None, f"UID {last_uid + 1}:*")
        return sorted(uid for uid in (int(x) for x in (data[0] or b"").split()) if uid > last_uid)

    def fetch(self, uid: int) -> bytes | None:
        """The whole message, without setting \\Seen; None when it was expunged meanwhile."""
        _status, data = self.imap.uid("FETCH", str(uid), "(BODY.PEEK[])")
        for item in data or []:
            if isinstance(item, tuple) and len(item) == 2:
                return item[1]
        return None

    def mark_seen(self, uid: int) -> None:
        self.imap.uid("STORE", str(uid), "+FLAGS.SILENT", r"(\Seen)")


def _decoded(error: Exception) -> str:
    reason = error.args[0] if error.args else error
    return reason.decode(errors="replace") if isinstance(reason, bytes) else str(reason)


# --- parsing ------------------------------------------------------------------------------------


def fallback_message_id(raw: bytes) -> str:
    """A stable stand-in for a missing or unreadable Message-ID: the same bytes give the same id."""
    return f"<{hashlib.sha256(raw).hexdigest()}@message-id.invalid>"


def message_id_of(raw: bytes) -> str:
    """The Message-ID, without trusting the rest of the message to parse."""
    try:
        found = MESSAGE_ID_RE.findall(str(_parse(raw).get("Message-ID") or ""))
    except Exception:  # any defect in the headers: the content hash still identifies the message
        found = []
    return found[0] if found and len(found[0]) <= 255 else fallback_message_id(raw)


def _parse(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)


def message_parse(raw: bytes) -> ParsedMessage:
    msg = _parse(raw)
    from_name, from_address = _sender(msg)
    references = MESSAGE_ID_RE.findall(str(msg.get("In-Reply-To") or ""))
    references += reversed(MESSAGE_ID_RE.findall(str(msg.get("References") or "")))
    body, text = None, ""
    # The plain text if it says anything, else the HTML (some programs send an empty plain part).
    for subtype in ("plain", "html"):
        part = msg.get_body(preferencelist=(subtype,))
        content = _text_of(part) if part is not None else ""
        content = html_to_text(content) if subtype == "html" else content
        if content.strip():
            body, text = part, content
            break
    return ParsedMessage(
        message_id=message_id_of(raw),
        references=list(dict.fromkeys(references)),
        from_name=from_name,
        from_address=from_address,
        subject=" ".join(str(msg.get("Subject") or "").split()),
        sent_at=_sent_at(msg),
        text=text.strip(),
        attachments=list(_attachments(msg, body)),
        automatic=_automatic(msg, from_address),
    )


def _sender(msg: EmailMessage) -> tuple[str, str]:
    header = msg.get("From")
    addresses = getattr(header, "addresses", ()) if header is not None else ()
    for address in addresses:
        if address.username and address.domain:
            return address.display_name.strip(), address.addr_spec.strip().lower()
    return "", ""


def _sent_at(msg: EmailMessage) -> datetime | None:
    header = msg.get("Date")
    moment = getattr(header, "datetime", None) if header is not None else None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # "-0000": the sender did not say; RFC 5322 means UTC
    return moment


def _automatic(msg: EmailMessage, from_address: str) -> str:
    auto_submitted = str(msg.get("Auto-Submitted") or "").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return f"Auto-Submitted: {auto_submitted}"
    precedence = str(msg.get("Precedence") or "").strip().lower()
    if precedence in _BULK_PRECEDENCE:
        return f"Precedence: {precedence}"
    for header in ("X-Autoreply", "X-Autorespond"):
        if msg.get(header) is not None:
            return header
    if msg.get_content_type() == "multipart/report":
        return "multipart/report"
    if from_address.split("@")[0] in _DAEMONS:
        return from_address.split("@")[0]
    return ""


def _text_of(part: EmailMessage) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeError, AssertionError):  # an unknown or lying charset
        return (part.get_payload(decode=True) or b"").decode("utf-8", errors="replace")


def html_to_text(markup: str) -> str:
    text = html.unescape(strip_tags(_HTML_BREAK.sub("\n", _HTML_DROP.sub("", markup))))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _leaves(part: EmailMessage) -> Iterator[EmailMessage]:
    if part.get_content_type() == "message/rfc822":
        yield part  # a forwarded e-mail is kept whole, as an .eml file
    elif part.is_multipart():
        for sub in part.iter_parts():
            yield from _leaves(sub)
    else:
        yield part


def _attachments(msg: EmailMessage, body: EmailMessage | None) -> Iterator[Attachment]:
    for number, part in enumerate(_leaves(msg), start=1):
        if part is body:
            continue
        content_type = part.get_content_type()
        filename = part.get_filename()
        if (
            not filename
            and part.get_content_disposition() != "attachment"
            and content_type.startswith("text/")
        ):
            continue  # the other rendering of the body (text/html beside text/plain)
        if content_type == "message/rfc822":
            inner = part.get_payload(0)
            data = inner.as_bytes() if inner is not None else b""
        else:
            data = part.get_payload(decode=True) or b""
        yield Attachment(
            name=_safe_name(filename)
            or f"attachment-{number}{mimetypes.guess_extension(content_type) or ''}",
            content_type=content_type,
            data=data,
        )


def _safe_name(filename: str | None) -> str:
    # Only the last path component, whichever separator the sender's system used.
    name = PureWindowsPath(PurePosixPath(filename or "").name).name.strip()
    return name[-255:]
