from django.http import HttpRequest

from closeloop.cases.services import REGISTER_ROLES
from closeloop.org.choices import Role
from closeloop.org.selectors import user_roles


def staff(request: HttpRequest) -> dict:
    """The signed-in person's roles for the page header, and which menu entries they may use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"staff_roles": [], "can_register": False}
    roles = user_roles(user)
    return {
        "staff_roles": sorted(str(Role(r).label) for r in roles),
        "can_register": bool(roles & REGISTER_ROLES),
    }
