"""E-mail intake against a real IMAP server (Dovecot on loopback): messages go in with APPEND, the
mailbox is polled, and the cases, progress entries, evidence and audit events are read back."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from closeloop.cases.choices import Action, Channel, EvidenceKind, Status
from closeloop.cases.models import Case, ProgressEntry
from closeloop.celery import beat_schedule
from closeloop.core import clock
from closeloop.intake.choices import MessageOutcome
from closeloop.intake.mail import MailboxError
from closeloop.intake.models import InboundMessage, Mailbox
from closeloop.intake.services import mailbox_poll
from closeloop.intake.tasks import mailboxes_poll_task
from closeloop.notify.choices import Kind
from closeloop.notify.models import Notification
from closeloop.org.models import Customer
from tests.conftest import drive
from tests.intake.conftest import mail

pytestmark = pytest.mark.django_db


def poll(mailbox: Mailbox):
    mailbox.refresh_from_db()
    return mailbox_poll(mailbox=mailbox)


def test_new_message_registers_a_complaint_for_the_customer_with_that_address(
    imap_server, mailbox, service_user
):
    known = Customer.objects.create(name="周红", email="zhou@example.com", phone="13900000000")
    raw = mail(message_id="<first@example.com>", body="热水器无法点火，要求退货。")
    imap_server.append(mailbox.username, raw)

    result = poll(mailbox)

    assert (result.new_cases, result.replies, result.failed) == (1, 0, 0)
    record = InboundMessage.objects.get(mailbox=mailbox)
    assert record.outcome == MessageOutcome.NEW_CASE
    case = record.case
    assert case.customer == known  # matched by address, not a second customer
    assert Customer.objects.filter(email="zhou@example.com").count() == 1
    assert case.channel == Channel.EMAIL
    assert case.complainant_name == "周女士"
    assert case.complainant_email == "zhou@example.com"
    assert case.preferred_channel == "email"
    assert case.title == "热水器到货无法启动"
    assert case.description == "热水器无法点火，要求退货。"
    assert case.external_ref == "<first@example.com>"
    assert case.category.code == mailbox.default_category.code
    assert case.registered_by == service_user and case.first_contact_owner == service_user
    assert abs(case.contacted_at - clock.now()) < timedelta(minutes=1)
    assert case.events.get().action == Action.REGISTER
    assert imap_server.flags(mailbox.username) == {1: {"\\Seen"}}
    mailbox.refresh_from_db()
    assert (mailbox.last_uid, mailbox.last_error) == (1, "")
    assert mailbox.uidvalidity and mailbox.last_polled_at


def test_sender_without_display_name_is_named_by_the_address_and_html_is_read_as_text(imap_server, mailbox):
    raw = mail(
        sender="li.ming@example.org", body="", html="<p>空调<b>不制冷</b></p><p>已报修三次&amp;无人上门</p>"
    )
    imap_server.append(mailbox.username, raw)

    poll(mailbox)

    case = InboundMessage.objects.get().case
    assert case.complainant_name == "li.ming"
    assert case.description == "空调不制冷\n已报修三次&无人上门"


def test_reply_naming_the_case_number_in_its_subject_is_a_progress_entry_on_that_case(
    imap_server, mailbox, register, service_user, staff, client
):
    case = register(complainant={"name": "周女士", "email": "zhou@example.com", "preferred_channel": "email"})
    version = case.version
    staff["agent"].language = "en"  # notices are written in the recipient's language
    staff["agent"].save(update_fields=["language"])
    photo = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    raw = mail(
        subject=f"Re: Your complaint is registered as {case.number}",
        body="我补充一下：热水器的型号是 JSQ30。",
        attachments=[("铭牌.png", "image/png", photo)],
    )
    imap_server.append(mailbox.username, raw)

    result = poll(mailbox)

    assert (result.new_cases, result.replies) == (0, 1)
    assert Case.objects.count() == 1
    entry = ProgressEntry.objects.get(case=case)
    assert entry.author == service_user
    assert "E-mail from the customer (zhou@example.com)" in entry.note
    assert "热水器的型号是 JSQ30" in entry.note
    evidence = case.evidence.get()
    assert (evidence.kind, evidence.original_name) == (EvidenceKind.PHOTO, "铭牌.png")
    assert evidence.file.read() == photo
    events = list(case.events.order_by("id").values_list("action", "actor__username", "data"))
    assert [(a, u) for a, u, _d in events[1:]] == [
        (Action.PROGRESS, "mailbot"),
        (Action.ADD_EVIDENCE, "mailbot"),
    ]
    assert events[1][2]["inbound_message"] == InboundMessage.objects.get().pk
    case.refresh_from_db()
    assert case.version == version + 2  # one version per write, one event per version
    assert InboundMessage.objects.get().case == case
    client.force_login(staff["supervisor"])
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert "热水器的型号是 JSQ30" in page and "铭牌.png" in page
    # No handler yet: the first-contact owner hears of the customer's e-mail (首问负责制).
    notice = Notification.objects.get(kind=Kind.CUSTOMER_CONTACTED, case=case)
    assert notice.recipient.username == "agent"
    assert notice.subject == f"The customer wrote about case {case.number}"


def test_reply_is_matched_by_its_in_reply_to_header(imap_server, mailbox):
    imap_server.append(mailbox.username, mail(message_id="<complaint@example.com>"))
    poll(mailbox)
    case = Case.objects.get()
    reply = mail(
        subject="还没有人联系我",
        body="已经三天了。",
        headers={"In-Reply-To": "<complaint@example.com>", "References": "<complaint@example.com>"},
    )
    imap_server.append(mailbox.username, reply)

    result = poll(mailbox)

    assert result.replies == 1
    assert Case.objects.count() == 1
    assert "已经三天了。" in ProgressEntry.objects.get(case=case).note


def test_reply_about_a_closed_case_is_a_new_complaint(imap_server, mailbox, register, staff):
    closed = drive(register(complainant={"name": "周女士", "email": "zhou@example.com"}), staff, "closed")
    imap_server.append(
        mailbox.username, mail(subject=f"Re: {closed.number} 又坏了", body="同样的问题又出现了。")
    )

    result = poll(mailbox)

    assert (result.new_cases, result.replies) == (1, 0)
    new = InboundMessage.objects.get().case
    assert new != closed and new.status == Status.REGISTERED
    assert not ProgressEntry.objects.filter(case=closed).exists()


def test_attachment_becomes_evidence_with_the_files_bytes(imap_server, mailbox):
    receipt = b"%PDF-1.4 receipt " + bytes(range(256)) * 4
    imap_server.append(mailbox.username, mail(attachments=[("发票.pdf", "application/pdf", receipt)]))

    poll(mailbox)

    evidence = InboundMessage.objects.get().case.evidence.get()
    assert evidence.kind == EvidenceKind.DOCUMENT
    assert evidence.original_name == "发票.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.size == len(receipt)
    assert evidence.file.read() == receipt


def test_oversize_attachment_is_left_out_and_noted_but_the_message_is_kept(imap_server, mailbox, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    imap_server.append(
        mailbox.username,
        mail(
            attachments=[
                ("监控.mp4", "video/mp4", b"\x00" * 4096),
                ("小票.jpg", "image/jpeg", b"\xff\xd8" * 10),
            ]
        ),
    )

    result = poll(mailbox)

    assert result.new_cases == 1
    record = InboundMessage.objects.get()
    assert [e.original_name for e in record.case.evidence.all()] == ["小票.jpg"]
    assert "Attachment not kept: '监控.mp4' is larger than" in record.note
    assert "监控.mp4" in record.case.description


def test_polling_again_or_after_the_server_renumbers_the_folder_registers_nothing_twice(imap_server, mailbox):
    imap_server.append(mailbox.username, mail())
    assert poll(mailbox).new_cases == 1

    assert poll(mailbox).as_dict() == {
        "new_cases": 0,
        "replies": 0,
        "ignored": 0,
        "failed": 0,
        "already_seen": 0,
    }
    # A changed UIDVALIDITY makes the poll read the folder from the start; the Message-ID stops it.
    Mailbox.objects.filter(pk=mailbox.pk).update(uidvalidity=1, last_uid=0)
    again = poll(mailbox)

    assert (again.already_seen, again.new_cases) == (1, 0)
    assert Case.objects.count() == 1 and InboundMessage.objects.count() == 1
    mailbox.refresh_from_db()
    assert mailbox.uidvalidity != 1 and mailbox.last_uid == 1


def test_broken_message_is_recorded_as_failed_and_the_next_one_is_still_registered(imap_server, mailbox):
    imap_server.append(mailbox.username, mail(sender="", message_id="<nosender@example.com>"))
    imap_server.append(mailbox.username, mail(message_id="<good@example.com>"))

    result = poll(mailbox)

    assert (result.failed, result.new_cases) == (1, 1)
    failed = InboundMessage.objects.get(message_id="<nosender@example.com>")
    assert failed.outcome == MessageOutcome.FAILED and failed.case is None
    assert "no sender address" in failed.error
    assert InboundMessage.objects.get(message_id="<good@example.com>").case is not None
    # The failed one stays unread in the mailbox for a person to look at; the next poll skips it.
    assert imap_server.flags(mailbox.username) == {1: set(), 2: {"\\Seen"}}
    assert poll(mailbox).failed == 0


def test_automatic_replies_are_ignored(imap_server, mailbox):
    imap_server.append(
        mailbox.username, mail(subject="自动回复：休假中", headers={"Auto-Submitted": "auto-replied"})
    )
    imap_server.append(mailbox.username, mail(sender="MAILER-DAEMON@mx.example.com", subject="Undelivered"))

    result = poll(mailbox)

    assert (result.ignored, result.new_cases) == (2, 0)
    assert not Case.objects.exists()
    assert "auto-replied" in InboundMessage.objects.get(uid=1).note


def test_login_failure_is_a_clear_error_recorded_on_the_mailbox(imap_server, mailbox):
    Mailbox.objects.filter(pk=mailbox.pk).update(password="wrong")

    with pytest.raises(MailboxError, match=r"refused the login of intake\d+"):
        poll(mailbox)

    mailbox.refresh_from_db()
    assert "refused the login" in mailbox.last_error
    with pytest.raises(CommandError, match="refused the login"):
        call_command("mail_poll", "--mailbox", mailbox.name)


def test_unreachable_server_is_a_clear_error(mailbox):
    Mailbox.objects.filter(pk=mailbox.pk).update(port=1)

    with pytest.raises(CommandError, match=r"Cannot reach the IMAP server 127\.0\.0\.1:1"):
        call_command("mail_poll")


def test_command_and_periodic_task_poll_the_active_mailboxes(imap_server, mailbox, service_user, capsys):
    imap_server.append(mailbox.username, mail())
    call_command("mail_poll")
    assert "complaints: 1 new cases" in capsys.readouterr().out

    idle = Mailbox.objects.create(
        name="idle",
        host=mailbox.host,
        port=1,
        username="nobody",
        password="x",
        active=False,
        service_user=service_user,
        default_category=mailbox.default_category,
    )
    imap_server.append(mailbox.username, mail(subject="第二封"))
    outcome = mailboxes_poll_task.apply()

    assert outcome.result["new_cases"] == 1 and outcome.result["unreachable_mailboxes"] == 0
    idle.refresh_from_db()
    assert idle.last_polled_at is None  # inactive mailboxes are not polled
    assert beat_schedule()["mailboxes-poll"]["task"] == mailboxes_poll_task.name


def test_admin_never_shows_the_mailbox_password_and_keeps_it_when_left_empty(mailbox, staff, client):
    admin = staff["admin"]
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    url = reverse("admin:intake_mailbox_change", args=[mailbox.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert mailbox.password not in page.content.decode()

    form = {
        "name": mailbox.name,
        "host": mailbox.host,
        "port": mailbox.port,
        "security": "plain",
        "username": mailbox.username,
        "password": "",
        "folder": "INBOX",
        "active": "on",
        "service_user": mailbox.service_user_id,
        "default_category": mailbox.default_category_id,
    }
    assert client.post(url, form).status_code == 302
    mailbox.refresh_from_db()
    assert mailbox.password == "imap-secret"

    # Unencrypted IMAP only to this machine: the password would cross the network in clear.
    refused = client.post(url, {**form, "host": "imap.example.com"})
    assert refused.status_code == 200
    assert "Unencrypted IMAP would send the password in clear" in refused.content.decode()
