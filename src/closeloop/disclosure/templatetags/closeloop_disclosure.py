"""What other pages show of the publication workflow: the navigation entry."""

from django import template

from closeloop.cases.choices import CLOSED_STATUSES
from closeloop.disclosure import permissions

register = template.Library()


@register.simple_tag
def may_read_publications(user) -> bool:
    """Whether the navigation offers the publications to `user`."""
    return permissions.may_read(user)


@register.inclusion_tag("disclosure/_draft_button.html", takes_context=True)
def draft_button(context, case) -> dict:
    """On a closed case's page, for editors: compose a publication of its result."""
    user = context["request"].user
    final = case.status in CLOSED_STATUSES
    shown = final and permissions.may_edit(user)
    return {"case": case, "show": shown, "csrf_token": context.get("csrf_token")}
