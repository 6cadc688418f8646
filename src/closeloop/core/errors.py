"""Domain exceptions. Services raise these; `core.api.exception_handler` maps them to HTTP once."""

from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class DomainError(Exception):
    code = "error"

    def __init__(self, message: str, *, detail: Mapping | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = dict(detail or {})


class ValidationFailed(DomainError):
    """Bad input: carries a message per field (HTTP 400)."""

    code = "invalid"

    def __init__(
        self, fields: Mapping[str, str | list[str]], message: str = gettext_lazy("Invalid input.")
    ) -> None:
        normalised = {k: [v] if isinstance(v, str) else list(v) for k, v in fields.items()}
        super().__init__(str(message), detail=normalised)
        self.fields = normalised


class NotFound(DomainError):
    """Unknown object, or one the user may not see: both look the same from outside (HTTP 404)."""

    code = "not_found"


class Forbidden(DomainError):
    """The user sees the object but their role may not do this (HTTP 403)."""

    code = "forbidden"


class Conflict(DomainError):
    """Concurrent change or stale version (HTTP 409)."""

    code = "conflict"


class TransitionNotAllowed(Conflict):
    """The action is not possible in the case's current state (HTTP 409)."""

    code = "transition_not_allowed"

    def __init__(self, *, action: str, status: str, allowed: Iterable[str], reason: str = "") -> None:
        allowed = sorted(allowed)
        message = reason or _("Action '%(action)s' is not allowed while the case is '%(status)s'.") % {
            "action": action,
            "status": status,
        }
        super().__init__(message, detail={"action": action, "status": status, "allowed_actions": allowed})
