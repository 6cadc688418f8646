"""A real IMAP server for the mailbox tests: Debian's Dovecot (`make mailserver`), started once per
session on loopback with a generated configuration; each test gets its own IMAP account."""

import imaplib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest

from closeloop.core import clock
from closeloop.intake.choices import Security
from closeloop.intake.models import Mailbox
from closeloop.org.choices import Role
from closeloop.policy.models import Category
from tests.conftest import LEAF

PASSWORD = "imap-secret"
# Accounts are written before Dovecot starts: it may not see a passwd-file change within a second.
ACCOUNTS = 200


def _dovecot() -> str | None:
    return shutil.which("dovecot") or next(
        (p for p in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if Path(p).exists()), None
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ImapServer:
    host: str
    port: int
    _unused = itertools.count(1)

    def account(self) -> str:
        """An IMAP account no test has used: its INBOX is empty."""
        number = next(self._unused)
        assert number <= ACCOUNTS, "raise ACCOUNTS: more tests use a mailbox"
        return f"intake{number}"

    def client(self, user: str) -> imaplib.IMAP4:
        imap = imaplib.IMAP4(self.host, self.port, timeout=10)
        imap.login(user, PASSWORD)
        return imap

    def append(self, user: str, raw: bytes) -> None:
        imap = self.client(user)
        try:
            status, _data = imap.append("INBOX", None, None, raw)
            assert status == "OK"
        finally:
            imap.logout()

    def flags(self, user: str) -> dict[int, set[str]]:
        """UID → flags of every message in the INBOX."""
        imap = self.client(user)
        try:
            imap.select("INBOX", readonly=True)
            _status, data = imap.uid("FETCH", "1:*", "(UID FLAGS)")
        finally:
            imap.logout()
        found = {}
        for line in data or []:
            if not line:
                continue
            text = line.decode()
            uid = int(text.split("UID ")[1].split()[0].rstrip(")"))
            found[uid] = set(text.split("FLAGS (")[1].split(")")[0].split())
        return found


def _config(root: Path, port: int, run_as: str, login_as: str, uid: int) -> str:
    return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {run_as}
default_login_user = {login_as}
first_valid_uid = {uid}
last_valid_uid = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/users
}}
mail_location = maildir:~/Maildir
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@pytest.fixture(scope="session")
def imap_server() -> Iterator[ImapServer]:
    binary = _dovecot()
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Dovecot is not installed and CI must run the mailbox tests: run `make mailserver`.")
        pytest.skip("Dovecot is not installed: `make mailserver` installs it for the mailbox tests.")
    root = Path(tempfile.mkdtemp(prefix="closeloop-dovecot-"))
    root.chmod(0o755)  # the mail processes run as Dovecot's user and must reach the maildirs
    if os.getuid() == 0:
        # Root starts Dovecot, which then drops to its own users; mail runs as `dovecot`.
        run_as, login_as = "dovecot", "dovenull"
        owner = pwd.getpwnam("dovecot")
    else:
        owner = pwd.getpwuid(os.getuid())
        run_as = login_as = owner.pw_name
    mail_root = root / "mail"
    mail_root.mkdir()
    os.chown(mail_root, owner.pw_uid, owner.pw_gid)
    (root / "users").write_text(
        "".join(
            f"intake{n}:{{PLAIN}}{PASSWORD}:{owner.pw_uid}:{owner.pw_gid}::{mail_root}/intake{n}\n"
            for n in range(1, ACCOUNTS + 1)
        )
    )
    port = _free_port()
    conf = root / "dovecot.conf"
    conf.write_text(_config(root, port, run_as, login_as, owner.pw_uid))
    process = subprocess.Popen(
        [binary, "-F", "-c", str(conf)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = (
                        process.stdout.read().decode(errors="replace") if process.poll() is not None else ""
                    )
                    log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
                    pytest.fail(f"Dovecot did not start on 127.0.0.1:{port}.\n{output}\n{log}")
                time.sleep(0.1)
        yield ImapServer("127.0.0.1", port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def service_user(make_staff):
    return make_staff("mailbot", (Role.AGENT, "CS-HOTLINE"))


@pytest.fixture
def mailbox(imap_server, service_user) -> Mailbox:
    return Mailbox.objects.create(
        name="complaints",
        host=imap_server.host,
        port=imap_server.port,
        security=Security.PLAIN,
        username=imap_server.account(),
        password=PASSWORD,
        service_user=service_user,
        default_category=Category.objects.get(code=LEAF),
    )


def mail(
    *,
    subject: str = "热水器到货无法启动",
    sender: str = "周女士 <zhou@example.com>",
    body: str = "上周三收到热水器，安装后无法点火。",
    html: str | None = None,
    message_id: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, str, bytes]] = (),
) -> bytes:
    """An e-mail as a customer's mail program would send it; (name, content type, bytes) attachments."""
    message = EmailMessage()
    if sender:
        message["From"] = sender
    message["To"] = "complaints@closeloop.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(clock.now())
    message["Message-ID"] = message_id or make_msgid(domain="example.com")
    for name, value in (headers or {}).items():
        del message[name]
        message[name] = value
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for name, content_type, data in attachments:
        maintype, subtype = content_type.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()
