"""Request context (请求上下文): who is acting and from which address, for the audit log."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestInfo:
    ip: str | None
    user_agent: str


_current: ContextVar[RequestInfo | None] = ContextVar("kefu_request", default=None)


def set_request_info(info: RequestInfo | None) -> object:
    return _current.set(info)


def reset_request_info(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]


def current_request_info() -> RequestInfo | None:
    return _current.get()
