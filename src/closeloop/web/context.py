from django.http import HttpRequest

from closeloop.org.selectors import user_roles


def staff(request: HttpRequest) -> dict:
    """The signed-in person's roles for the page header and menus."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"staff_roles": []}
    return {"staff_roles": sorted(user_roles(user))}
