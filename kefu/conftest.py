"""Shared test fixtures: a small named cast of users in a small organisation.

admin, manager, supervisor, agent, qa, auditor   in 客服部 / 呼叫中心组 (service staff)
handler                                          in 工程部 (department handler)
partner                                          in 物业公司 (partner company)
other_partner                                    in 维修外包 (another partner company)
anonymous                                        not logged in
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from kefu.accounts.models import User
from kefu.accounts.services import create_api_token, create_user
from kefu.org.choices import DepartmentKind
from kefu.org.models import Department, Staff, Team

pytest_plugins = ["kefu.browser_fixtures"]

PASSWORD = "kefu-test-pass"


@dataclass
class Cast:
    admin: User
    manager: User
    supervisor: User
    agent: User
    qa: User
    auditor: User
    handler: User
    partner: User
    other_partner: User
    service: Department
    engineering: Department
    property_company: Department
    contractor: Department
    call_center: Team

    def by_role(self, role: str) -> User:
        user: User = getattr(self, role)
        return user

    def token(self, role: str) -> str:
        """A fresh bearer token for the cast member ``role``."""
        return create_api_token(actor=None, user=self.by_role(role), name="test").secret


ROLES = ("admin", "manager", "supervisor", "agent", "qa", "auditor", "handler", "partner")


@pytest.fixture
def cast(db: None) -> Cast:
    service = Department.objects.create(name="客服部", code="service")
    engineering = Department.objects.create(name="工程部", code="engineering")
    property_company = Department.objects.create(
        name="物业公司", code="property", kind=DepartmentKind.PARTNER
    )
    contractor = Department.objects.create(
        name="维修外包", code="contractor", kind=DepartmentKind.PARTNER
    )
    call_center = Team.objects.create(department=service, name="呼叫中心组", code="call-center")
    users: dict[str, User] = {}
    places = {
        "handler": (engineering, None),
        "partner": (property_company, None),
        "other_partner": (contractor, None),
    }
    for number, name in enumerate((*ROLES, "other_partner"), start=1):
        role = "partner" if name == "other_partner" else name
        user = create_user(
            actor=None, username=name, password=PASSWORD, display_name=name, roles=[role]
        )
        department, team = places.get(name, (service, call_center))
        Staff.objects.create(
            user=user,
            employee_number=f"T{number:03d}",
            name=name,
            department=department,
            team=team,
        )
        users[name] = user
    return Cast(
        **users,
        service=service,
        engineering=engineering,
        property_company=property_company,
        contractor=contractor,
        call_center=call_center,
    )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Argon2 costs seconds per cast; tests that check hashing ask for Argon2 themselves."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """Let the test database's flush between transactional tests clear the audit log."""
    from kefu.audit.maintenance import unlock

    with django_db_blocker.unblock():
        unlock()


@pytest.fixture
def anonymous() -> AnonymousUser:
    return AnonymousUser()


@dataclass
class SmtpServer:
    """A real SMTP server on 127.0.0.1 (aiosmtpd) and the messages it received."""

    host: str
    port: int
    messages: list[Any]

    def to(self, address: str) -> list[Any]:
        return [m for m in self.messages if address in m["To"]]


@pytest.fixture(autouse=True)
def site_language() -> Iterator[None]:
    """Each test starts in the site language (zh-Hans), whatever an earlier test or request
    left active in this thread; a test that reads English activates it itself."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_sla_cache() -> None:
    """Each test starts without cached SLA policies or calendars (a rolled-back test leaves no
    signal behind)."""
    from kefu.sla import cached

    cached.clear()


@pytest.fixture
def smtp_server(settings: Any) -> Any:
    """Start a local SMTP server and point Django's real SMTP backend at it."""
    import socket
    from email import message_from_bytes

    from aiosmtpd.controller import Controller

    received: list[Any] = []

    class Collect:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
            received.append(message_from_bytes(envelope.content))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Collect(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield SmtpServer("127.0.0.1", port, received)
    finally:
        controller.stop()
