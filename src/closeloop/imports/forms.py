from django import forms
from django.utils.translation import gettext_lazy as _

from closeloop.imports.selectors import sources_active
from closeloop.imports.services import MAX_BATCH_SIZE
from closeloop.web.forms import ServiceErrorsMixin


class ImportUploadForm(ServiceErrorsMixin, forms.Form):
    error_fields = {"upload": "file"}

    source = forms.ModelChoiceField(label=_("Source"), queryset=sources_active(), empty_label=None)
    file = forms.FileField(
        label=_("File"),
        help_text=_("An .xlsx workbook (first sheet) or a .csv file in UTF-8 or GB18030."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    batch_size = forms.IntegerField(
        label=_("Batch size"),
        initial=1000,
        min_value=1,
        max_value=MAX_BATCH_SIZE,
        help_text=_("Rows saved together: a batch with one bad row is not imported at all."),
    )
    dry_run = forms.BooleanField(label=_("Dry run: check every row, save nothing"), required=False)
