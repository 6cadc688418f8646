"""Public forms: they parse and check the shape of the input; the rules of a complaint stay in the
case services, whose `ValidationFailed` is mapped back onto these fields by `add_service_errors`.
"""

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from closeloop.core.errors import ValidationFailed
from closeloop.org.choices import ReplyChannel
from closeloop.portal.selectors import category_choices


class ServiceErrorsMixin:
    # Service field names (e.g. "complainant.phone") → form field; unknown ones become form-wide.
    service_fields: dict[str, str] = {}

    def add_service_errors(self, error: ValidationFailed) -> None:
        for key, messages in error.fields.items():
            name = self.service_fields.get(key, key)
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each file is checked by `FileField` on its own."""

    widget = MultipleFileInput

    def clean(self, data, initial=None) -> list[UploadedFile]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        clean_one = super().clean
        return [clean_one(item, initial) for item in files]


def max_attachments() -> int:
    return getattr(settings, "PORTAL_MAX_ATTACHMENTS", 5)


def max_attachment_bytes() -> int:
    return getattr(settings, "PORTAL_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)


class ComplaintForm(ServiceErrorsMixin, forms.Form):
    service_fields = {
        "complainant.name": "name",
        "complainant.phone": "phone",
        "complainant.email": "email",
        "complainant.preferred_channel": "preferred_channel",
    }

    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        help_text=_("Your surname alone is enough."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.RegexField(
        label=_("Mobile or phone number"),
        regex=r"^\+?[0-9][0-9 \-]{5,24}$",
        required=False,
        error_messages={"invalid": _("Enter a phone number using digits only.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    preferred_channel = forms.ChoiceField(
        label=_("How should we reply?"),
        choices=[
            (ReplyChannel.PHONE, _("By phone call")),
            (ReplyChannel.SMS, _("By text message (SMS)")),
            (ReplyChannel.EMAIL, _("By e-mail")),
        ],
    )
    category = forms.ChoiceField(label=_("What is your complaint about?"))
    title = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("What happened?"),
        max_length=5000,
        help_text=_("Where and how it happened, and any order or product number."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    occurred_at = forms.DateTimeField(
        label=_("When did it happen?"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    demand = forms.CharField(
        label=_("What would you like us to do?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachments = MultipleFileField(
        label=_("Photos or documents (optional)"),
        required=False,
        help_text=ngettext_lazy(
            "Up to %(count)d file, each at most %(mb)d MB.",
            "Up to %(count)d files, each at most %(mb)d MB.",
            "count",
        ),
    )
    # Honeypot: hidden from people and screen readers, filled in by form-spamming robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Choose a category")), *category_choices()]
        help_text = self.fields["attachments"].help_text
        self.fields["attachments"].help_text = help_text % {
            "count": max_attachments(),
            "mb": max_attachment_bytes() // (1024 * 1024),
        }

    def clean_attachments(self) -> list[UploadedFile]:
        files = self.cleaned_data["attachments"]
        limit = max_attachments()
        if len(files) > limit:
            raise forms.ValidationError(
                ngettext_lazy("Attach at most %(count)d file.", "Attach at most %(count)d files.", "count"),
                params={"count": limit},
            )
        too_big = [f.name for f in files if f.size > max_attachment_bytes()]
        if too_big:
            raise forms.ValidationError(
                _("These files are larger than %(mb)d MB: %(names)s."),
                params={"mb": max_attachment_bytes() // (1024 * 1024), "names": ", ".join(too_big)},
            )
        return files

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    contact = forms.CharField(
        label=_("Last 4 digits of your phone number, or your e-mail address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_code(self) -> str:
        # People copy codes with spaces or dashes and in lower case.
        return "".join(ch for ch in self.cleaned_data["code"].upper() if ch.isalnum())


class SurveyForm(ServiceErrorsMixin, forms.Form):
    resolved = forms.TypedChoiceField(
        label=_("Has your problem been solved?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    satisfaction = forms.IntegerField(
        label=_("How satisfied are you with how we handled it? (1 = not at all, 10 = completely)"),
        min_value=1,
        max_value=10,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    comment = forms.CharField(
        label=_("Anything else you would like to tell us? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
