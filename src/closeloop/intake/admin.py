from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from closeloop.cases.services import REGISTER_ROLES
from closeloop.core.admin import ReadOnlyAdmin
from closeloop.intake.mail import MailboxError
from closeloop.intake.models import Call, InboundMessage, Mailbox
from closeloop.intake.services import mailbox_poll
from closeloop.org.selectors import user_roles


class MailboxForm(forms.ModelForm):
    # Write-only: the stored password is never sent to the browser; empty keeps it.
    password = forms.CharField(
        label=gettext_lazy("password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("Leave empty to keep the current password."),
    )

    class Meta:
        model = Mailbox
        fields = [
            "name",
            "host",
            "port",
            "security",
            "username",
            "password",
            "folder",
            "active",
            "service_user",
            "default_category",
        ]

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if password:
            return password
        if self.instance.pk:
            return self.instance.password
        raise ValidationError(_("Give the password of the mailbox's IMAP account."))

    def clean_service_user(self):
        user = self.cleaned_data["service_user"]
        if not user.is_active or not user_roles(user) & REGISTER_ROLES:
            raise ValidationError(_("Choose an active staff member with an intake role (e.g. intake agent)."))
        return user


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    form = MailboxForm
    list_display = ["name", "host", "username", "folder", "active", "last_polled_at", "last_error"]
    list_filter = ["active"]
    search_fields = ["name", "host", "username"]
    readonly_fields = ["uidvalidity", "last_uid", "last_polled_at", "last_error"]
    actions = ["poll_now"]

    @admin.action(description=gettext_lazy("Poll now"))
    def poll_now(self, request: HttpRequest, queryset: QuerySet[Mailbox]) -> None:
        for mailbox in queryset.select_related("service_user", "default_category"):
            try:
                result = mailbox_poll(mailbox=mailbox)
            except MailboxError as error:
                self.message_user(request, f"{mailbox.name}: {error}", messages.ERROR)
                continue
            self.message_user(
                request,
                _(
                    "%(mailbox)s: %(new)d new cases, %(replies)d replies, %(ignored)d ignored, "
                    "%(failed)d failed."
                )
                % {
                    "mailbox": mailbox.name,
                    "new": result.new_cases,
                    "replies": result.replies,
                    "ignored": result.ignored,
                    "failed": result.failed,
                },
                messages.WARNING if result.failed else messages.SUCCESS,
            )


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnlyAdmin):
    list_display = ["received_at", "mailbox", "outcome", "case", "uid", "message_id"]
    list_filter = ["outcome", "mailbox"]
    search_fields = ["case__number", "message_id"]
    list_select_related = ["mailbox", "case"]


@admin.register(Call)
class CallAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "external_id", "direction", "agent", "outcome", "case"]
    list_filter = ["outcome", "direction"]
    search_fields = ["external_id", "case__number"]
    list_select_related = ["agent", "case"]
