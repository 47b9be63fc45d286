"""The crash run's email check (邮件核对) on its own: an email received twice, an email never
sent and an acknowledged invitation that is not stored are each found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kefu.conftest import Cast
from kefu.core.trust.mailcheck import check_mail, mail_problems
from kefu.customers.services import create_customer
from kefu.messaging.models import Delivery
from kefu.surveys.demo import ensure_demo_surveys
from kefu.surveys.services import invite_for_ticket
from kefu.tickets.services import create_ticket

pytestmark = pytest.mark.django_db


def test_the_mail_check_finds_twice_sent_missing_and_unstored(cast: Cast, tmp_path: Path) -> None:
    ensure_demo_surveys(cast.manager)
    customer = create_customer(
        actor=cast.agent,
        data={"name": "邮件客户", "phone": "13900139002", "email": "kehu@example.com"},
    )
    numbers = []
    for n in range(3):
        ticket = create_ticket(actor=cast.agent, type_code="complaint", customer=customer,
                               channel="phone", title=f"m1 c0 n{n}")  # fmt: skip
        invite_for_ticket(actor=cast.agent, ticket=ticket, channel="email")
        numbers.append(ticket.number)
    Delivery.objects.update(status="sent")
    log = tmp_path / "mail.jsonl"
    received = [numbers[0], numbers[0], numbers[1]]  # the first twice, the last never
    log.write_text("".join(json.dumps({"body": f"工单 {n} 满意度调查"}) + "\n" for n in received))
    result = check_mail(
        tag="m1",
        acknowledged={*numbers, "TS20990101-0001"},
        mail_log=log,
        wait_seconds=0,
    )
    assert result["invitations"] == 3
    assert (result["emails_once"], result["emails_twice"], result["emails_missing"]) == (1, 1, 1)
    assert result["acknowledged_without_invitation"] == 1
    assert mail_problems(result) == [
        "1 acknowledged survey invitations missing",
        "1 work orders whose survey email was sent twice",
        "1 survey emails never sent",
    ]
