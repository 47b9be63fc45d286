"""Domain errors (业务错误): what services raise; pages and the API turn them into messages."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise


class DomainError(Exception):
    """A rule of the business refused the action. ``code`` is stable, ``message`` translated."""

    code = "domain_error"
    status = 400

    def __init__(
        self,
        message: str | Promise,
        *,
        code: str | None = None,
        fields: Mapping[str, list[str]] | None = None,
    ) -> None:
        super().__init__(str(message))
        self.message = str(message)
        if code:
            self.code = code
        self.fields: dict[str, list[str]] = {
            k: [str(m) for m in v] for k, v in (fields or {}).items()
        }


class ValidationFailed(DomainError):
    """Input is invalid; ``fields`` maps field names to translated messages."""

    code = "validation_failed"
    status = 422


class NotPermitted(DomainError):
    """The actor lacks the capability for this action."""

    code = "permission_denied"
    status = 403


class NotFound(DomainError):
    """The object does not exist or is outside the actor's data scope."""

    code = "not_found"
    status = 404


class Conflict(DomainError):
    """The action conflicts with the current state (a duplicate, a stale version)."""

    code = "conflict"
    status = 409
