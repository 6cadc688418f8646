"""API plumbing shared by every app: pagination and the one place errors become HTTP."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from closeloop.core import errors


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


_STATUS = {
    errors.ValidationFailed: status.HTTP_400_BAD_REQUEST,
    errors.NotFound: status.HTTP_404_NOT_FOUND,
    errors.Forbidden: status.HTTP_403_FORBIDDEN,
    errors.Conflict: status.HTTP_409_CONFLICT,
}


def exception_handler(exc, context):
    if isinstance(exc, errors.DomainError):
        code = next((s for cls, s in _STATUS.items() if isinstance(exc, cls)), status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, errors.ValidationFailed):
            body = {"detail": exc.message, "code": exc.code, "errors": exc.fields}
        else:
            body = {"detail": exc.message, "code": exc.code, **exc.detail}
        return Response(body, status=code)
    if isinstance(exc, Http404):
        return Response({"detail": _("Not found."), "code": "not_found"}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DjangoPermissionDenied):
        return Response({"detail": str(exc) or _("Forbidden."), "code": "forbidden"}, status=403)
    response = drf_exception_handler(exc, context)
    if response is not None and response.status_code == 400 and isinstance(response.data, dict):
        response.data = {"detail": _("Invalid input."), "code": "invalid", "errors": _flatten(response.data)}
    return response


def _flatten(detail: dict | list, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested errors as one level of dotted keys ("complainant.phone", "remedies[0].kind"),
    the same shape services use, so a client reads every 400 the same way."""
    flat: dict[str, list[str]] = {}
    items = detail.items() if isinstance(detail, dict) else ((f"[{i}]", v) for i, v in enumerate(detail))
    for key, value in items:
        name = f"{prefix}{key}" if str(key).startswith("[") or not prefix else f"{prefix}.{key}"
        if isinstance(value, dict) or (isinstance(value, list) and value and not isinstance(value[0], str)):
            flat.update(_flatten(value, name))
        elif value:
            flat[name] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return flat
