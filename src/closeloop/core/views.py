"""Page plumbing shared by every app's views."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied

from closeloop.core.errors import Forbidden


def allowed(check: Callable[..., None], *args: object) -> None:
    """Run a permission check that raises the domain's Forbidden, as the page's 403."""
    try:
        check(*args)
    except Forbidden as error:
        raise PermissionDenied(error.message) from error
