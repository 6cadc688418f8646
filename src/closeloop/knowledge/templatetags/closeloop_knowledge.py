"""What other pages show of the knowledge base: the navigation entry and the case page's button."""

from typing import Any

from django import template

from closeloop.cases.models import Case
from closeloop.knowledge import permissions
from closeloop.knowledge.services import PROMOTABLE_STATUSES

register = template.Library()


@register.simple_tag
def may_read_knowledge(user) -> bool:
    """Whether the navigation offers the knowledge base to `user`."""
    return permissions.may_read(user)


@register.inclusion_tag("knowledge/_promote_button.html", takes_context=True)
def promote_button(context: dict, case: Case) -> dict[str, Any]:
    """On a closed or archived case: the article it became, or a button to write one."""
    user = context["request"].user
    shown = case.status in PROMOTABLE_STATUSES and permissions.may_promote(user)
    article = case.knowledge_articles.order_by("pk").first() if shown else None
    return {"case": case, "shown": shown, "article": article, "csrf_token": context.get("csrf_token")}
