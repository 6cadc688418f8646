"""The intake form's suggestion panel (HTMX) and the assist's part of the case page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from closeloop.assist import analysis
from closeloop.assist.serializers import TEXT_LIMIT
from closeloop.cases.duplicates import case_text
from closeloop.cases.services import REGISTER_ROLES
from closeloop.org.selectors import customer_find, user_roles
from closeloop.policy.selectors import assist_policy, leaf_category

# Below this the text says too little to suggest anything worth reading.
MIN_TEXT = 6


@login_required
@require_POST
def intake_panel(request: HttpRequest) -> HttpResponse:
    if not user_roles(request.user) & REGISTER_ROLES:
        raise PermissionDenied(_("Your role may not register complaints."))
    title = request.POST.get("title", "")[:200]
    description = request.POST.get("description", "")[:TEXT_LIMIT]
    text = case_text(title, description)
    if len(text) < MIN_TEXT:
        return render(request, "assist/_panel.html", {"result": None})
    customer = customer_find(
        phone=request.POST.get("complainant_phone", "").strip(),
        email=request.POST.get("complainant_email", "").strip().lower(),
    )
    result = analysis.analyze(
        text,
        customer=customer,
        category=leaf_category(request.POST.get("category", "")),
        user=request.user,
    )
    anger_high = float(assist_policy().anger_threshold)
    return render(request, "assist/_panel.html", {"result": result, "anger_high": anger_high})
