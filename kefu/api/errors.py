"""API errors (接口错误): every error is ``{"error": {"code", "message", "fields"}}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from kefu.core.cursor import BadCursor
from kefu.core.errors import DomainError


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    fields: dict[str, list[str]] | None = None,
) -> HttpResponse:
    body = {"error": {"code": code, "message": message, "fields": fields or {}}}
    return api.create_response(request, body, status=status)


def _validation_fields(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for err in errors:
        loc = [str(part) for part in err.get("loc", []) if part not in ("body", "query", "path")]
        # ninja puts the payload's parameter name first: drop it when a field follows.
        name = ".".join(loc[1:] if len(loc) > 1 else loc) or "__all__"
        fields.setdefault(name, []).append(_translate_pydantic(err))
    return fields


def _translate_pydantic(err: dict[str, Any]) -> str:
    kind = str(err.get("type", ""))
    messages = {
        "missing": _("This field is required."),
        "string_too_long": _("The text is too long."),
        "string_too_short": _("This field cannot be empty."),
        "int_parsing": _("Enter a whole number."),
        "int_type": _("Enter a whole number."),
        "decimal_parsing": _("Enter a number."),
        "float_parsing": _("Enter a number."),
        "date_from_datetime_parsing": _("Enter a valid date (YYYY-MM-DD)."),
        "date_parsing": _("Enter a valid date (YYYY-MM-DD)."),
        "datetime_parsing": _("Enter a valid date and time."),
        "bool_parsing": _("Enter true or false."),
        "enum": _("Choose one of the allowed values."),
        "literal_error": _("Choose one of the allowed values."),
        "extra_forbidden": _("Unknown field."),
        "string_type": _("Enter text."),
        "json_invalid": _("The request body is not valid JSON."),
        "model_attributes_type": _("The request body must be a JSON object."),
        "dict_type": _("The request body must be a JSON object."),
        "value_error": str(err.get("msg", "")).removeprefix("Value error, "),
    }
    return messages.get(kind, _("Invalid value."))


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return error_response(api, request, exc.status, exc.code, exc.message, exc.fields)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return error_response(
            api,
            request,
            422,
            "validation_failed",
            _("Some fields are invalid."),
            _validation_fields(list(exc.errors)),
        )

    @api.exception_handler(AuthenticationError)
    def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(
            api, request, 401, "unauthorized", _("A valid bearer token is required.")
        )

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return error_response(
            api, request, 403, "permission_denied", _("You are not allowed to do this.")
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, 404, "not_found", _("Not found."))

    @api.exception_handler(BadCursor)
    def bad_cursor(request: HttpRequest, exc: BadCursor) -> HttpResponse:
        return error_response(
            api,
            request,
            422,
            "validation_failed",
            _("The cursor is not valid."),
            {"cursor": [_("The cursor is not valid.")]},
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            # ninja's untranslated 400 for a body that is not JSON (or not UTF-8): a field error.
            message = _("The request body is not valid JSON.")
            return error_response(
                api, request, 422, "validation_failed", message, {"__all__": [message]}
            )
        return error_response(api, request, exc.status_code, "http_error", str(exc))
