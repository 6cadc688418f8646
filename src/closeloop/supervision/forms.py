from django import forms
from django.utils.translation import gettext_lazy as _

from closeloop.supervision.models import ORDER_ROLES
from closeloop.web.forms import DateTimeLocalInput, ServiceErrorsMixin


class OrderIssueForm(ServiceErrorsMixin, forms.Form):
    target_role = forms.ChoiceField(
        label=_("Addressed to"), choices=[(r.value, r.label) for r in ORDER_ROLES]
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    instructions = forms.CharField(
        label=_("Instructions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    due_at = forms.DateTimeField(label=_("Reply due"), widget=DateTimeLocalInput())


class OrderReplyForm(ServiceErrorsMixin, forms.Form):
    reply = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 3}))


class OrderCloseForm(ServiceErrorsMixin, forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
