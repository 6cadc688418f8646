from django.http import HttpRequest
from django.utils import timezone

from closeloop.cases.services import REGISTER_ROLES
from closeloop.core import clock
from closeloop.org.choices import Role
from closeloop.org.selectors import user_roles
from closeloop.sla import calendar


def staff(request: HttpRequest) -> dict:
    """The signed-in person's roles for the page header, and which menu entries they may use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"staff_roles": [], "can_register": False}
    roles = user_roles(user)
    context = {
        "staff_roles": sorted(str(Role(r).label) for r in roles),
        "can_register": bool(roles & REGISTER_ROLES),
    }
    if user.is_staff:
        # DESIGN §4: a year without the State Council schedule runs on weekends only; say so.
        this_year = timezone.localtime(clock.now()).year
        context["calendar_missing_years"] = calendar.unknown_years([this_year, this_year + 1])
    return context
