"""`closeloop mail_poll [--mailbox NAME]`: poll the mailboxes now and say what became of each message."""

from django.core.management.base import BaseCommand, CommandError

from closeloop.intake.mail import MailboxError
from closeloop.intake.models import Mailbox
from closeloop.intake.services import mailbox_poll


class Command(BaseCommand):
    help = "Poll the active mailboxes (or the one named) over IMAP and register what arrived."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--mailbox", help="Poll only this mailbox, even if it is not active.")

    def handle(self, *args, mailbox: str | None, **options) -> None:
        mailboxes = Mailbox.objects.select_related("service_user", "default_category")
        if mailbox:
            mailboxes = mailboxes.filter(name=mailbox)
            if not mailboxes:
                raise CommandError(f"No mailbox named {mailbox!r}.")
        else:
            mailboxes = mailboxes.filter(active=True)
            if not mailboxes:
                self.stdout.write("No active mailbox is configured (Configuration → Mailboxes).")
                return
        failures = []
        for box in mailboxes:
            try:
                result = mailbox_poll(mailbox=box)
            except MailboxError as error:
                failures.append(f"{box.name}: {error}")
                continue
            counts = ", ".join(
                f"{value} {name.replace('_', ' ')}" for name, value in result.as_dict().items()
            )
            self.stdout.write(f"{box.name}: {counts}")
        if failures:
            raise CommandError("\n".join(failures))
