from django import forms
from django.utils.translation import gettext_lazy as _

from closeloop.disclosure.choices import PublicationStatus
from closeloop.disclosure.models import (
    COMPLAINANT_MAX,
    ELEMENT_MAX,
    FEEDBACK_MAX,
    NOTE_MAX,
    OWNER_MAX,
    TITLE_MAX,
    Publication,
)
from closeloop.disclosure.selectors import BoardChoices
from closeloop.web.forms import ServiceErrorsMixin

BLANK = [("", "—")]


def _text(label, size: int, rows: int = 5, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=size,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class PublicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Title or case number"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=BLANK + PublicationStatus.choices, required=False)


class DraftForm(forms.Form):
    case = forms.CharField(label=_("Case number"), max_length=32)


class PublicationForm(ServiceErrorsMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    complainant = forms.CharField(
        label=_("Complainant"),
        max_length=COMPLAINANT_MAX,
        help_text=_("Surname and title only, e.g. 张先生 or 李女士."),
    )
    cause = _text(_("Cause of the complaint"), ELEMENT_MAX, required=True)
    investigation = _text(_("Investigation and key evidence"), ELEMENT_MAX)
    responsibility = _text(_("Responsibility"), ELEMENT_MAX)
    result = _text(
        _("Result"), ELEMENT_MAX, help_text=_("Penalty, compensation and what the customer was told.")
    )
    improvement = _text(_("Improvement measures"), ELEMENT_MAX)
    improvement_deadline = forms.DateField(
        label=_("Improvement deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    improvement_owner = forms.CharField(
        label=_("Improvement owner"),
        max_length=OWNER_MAX,
        required=False,
        help_text=_("A department or a role, not a person's name."),
    )
    note = forms.CharField(label=_("What changed"), max_length=NOTE_MAX, required=False)

    def changes(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in self.fields if name not in ("version", "note")}


def publication_initial(publication: Publication) -> dict:
    names = [name for name in PublicationForm.base_fields if name not in ("version", "note")]
    return {"version": publication.version, **{name: getattr(publication, name) for name in names}}


class BoardForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("Category"), required=False)
    department = forms.ChoiceField(label=_("Department"), required=False)
    period = forms.ChoiceField(label=_("Month published"), required=False)

    def __init__(self, *args, choices: BoardChoices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["category"].choices = everything + choices.categories
        self.fields["department"].choices = everything + choices.departments
        self.fields["period"].choices = everything + choices.periods

    def selector_kwargs(self) -> dict:
        # As given, not as validated: a value no published result has any more (an old link) must
        # narrow the board to nothing, not be dropped and show everything.
        return {
            name: str(self.data.get(name) or "").strip()[:100]
            for name in ("q", "category", "department", "period")
        }


class FeedbackForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=FEEDBACK_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Comments are shown after moderation. Please do not write names or contact details."),
    )
    # Honeypot, as on the complaint form: hidden from people, filled in by form-spamming robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
