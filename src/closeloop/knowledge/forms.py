from django import forms
from django.utils.translation import gettext_lazy as _

from closeloop.knowledge.choices import ArticleKind, ArticleStatus
from closeloop.knowledge.models import LEGAL_BASIS_MAX, NOTE_MAX, TITLE_MAX
from closeloop.policy.models import Category
from closeloop.policy.selectors import category_path
from closeloop.web.forms import ServiceErrorsMixin

BLANK = [("", "—")]


class _CategoryChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return " › ".join(category_path(obj))


def _categories():
    return Category.objects.select_related("parent__parent").order_by("code")


class ArticleFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=BLANK + ArticleKind.choices, required=False)
    category = _CategoryChoice(
        label=_("Category"), queryset=_categories(), required=False, to_field_name="code", empty_label="—"
    )
    status = forms.ChoiceField(label=_("Status"), choices=BLANK + ArticleStatus.choices, required=False)

    def __init__(self, *args, show_status: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not show_status:
            # Readers see published articles only: a status filter would offer nothing.
            del self.fields["status"]

    def selector_kwargs(self) -> dict:
        if not self.is_valid():
            return {"q": self.data.get("q", "")}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "kind": data["kind"],
            "category": data["category"],
            "status": data.get("status", ""),
        }


class ArticleForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ArticleKind.choices)
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Plain text; line breaks are kept."),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=LEGAL_BASIS_MAX,
        required=False,
        help_text=_("e.g. 《消费者权益保护法》第二十四条"),
    )
    category = _CategoryChoice(label=_("Category"), queryset=_categories(), required=False, empty_label="—")
    tags = forms.CharField(
        label=_("Tags"), max_length=700, required=False, help_text=_("Separated by commas.")
    )
    note = forms.CharField(
        label=_("What changed"),
        max_length=NOTE_MAX,
        required=False,
        help_text=_("Shown in the version history."),
    )

    def __init__(self, *args, kinds: list[ArticleKind], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only the kinds the user may write (a legal reviewer: laws and regulations).
        self.fields["kind"].choices = [(k.value, k.label) for k in kinds]

    def content(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "body": data["body"],
            "legal_basis": data["legal_basis"],
            "category": data["category"],
            "tags": [t for t in (part.strip() for part in data["tags"].replace("，", ",").split(",")) if t],
        }


class ArticleEditForm(ArticleForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def article_initial(article) -> dict:
    return {
        "kind": article.kind,
        "title": article.title,
        "body": article.body,
        "legal_basis": article.legal_basis,
        "category": article.category_id,
        "tags": ", ".join(article.tags or []),
        "version": article.version,
    }
