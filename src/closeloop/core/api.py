"""API plumbing shared by every app: pagination, model outputs and the one place errors become HTTP."""

import copy
from typing import ClassVar

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from closeloop.core import errors


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


class ModelOutput(serializers.ModelSerializer):
    """A model serializer for answers, whose fields are built once per class.

    DRF builds a model serializer's fields from the model's metadata for every instance, which was
    three quarters of the time a case's detail took to serialize, on the intake path among others.
    Here the built fields are kept per class and deep-copied per instance, as DRF copies declared
    fields; a subclass whose fields depend on the request must not use it."""

    _prototypes: ClassVar[dict[type, dict]] = {}

    def get_fields(self) -> dict[str, serializers.Field]:
        prototype = ModelOutput._prototypes.get(type(self))
        if prototype is None:
            prototype = ModelOutput._prototypes[type(self)] = super().get_fields()
        return copy.deepcopy(prototype)


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
