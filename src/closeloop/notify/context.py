from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from closeloop.notify.selectors import unread_count


def inbox(request: HttpRequest) -> dict:
    """Unread in-app notifications for the page header.

    Lazy: the COUNT runs only on pages that show it (the staff header), not on the portal or admin.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"inbox_unread": 0}
    return {"inbox_unread": SimpleLazyObject(lambda: unread_count(user))}
