"""Demo customers (演示客户): a deterministic archive of members, regulars and companies.

``build_customers`` is pure (a seeded ``random.Random`` and ``today`` in, rows out);
``ensure_customers`` writes the rows whose phone is not in the archive yet, in batches.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings

from kefu.accounts.models import User
from kefu.core.phones import last4
from kefu.core.pinyin import pinyin_keys
from kefu.customers.apps import DEFAULT_GRADE_RULES
from kefu.customers.choices import CustomerKind, Gender, Grade, StoredItemStatus
from kefu.customers.grades import grade_thresholds
from kefu.customers.grading import Threshold, compute_grade
from kefu.customers.models import Customer, StoredItem, Tag
from kefu.web.demo.customer_seeds import (
    BATCH_SIZE,
    COMMUNITIES,
    COMPANY_PARTS,
    CUSTOMER_COUNT,
    DISTRICTS,
    MAIL_DOMAINS,
    MOBILE_PREFIXES,
    NOTES,
    SOURCE_WEIGHTS,
    STREETS,
    TAG_CARD,
    TAG_COMPANY,
    TAG_COMPLAINED,
    TAG_DORMANT,
    TAG_MEMBER,
    TAG_NEW,
    TAG_REGULAR,
    TAG_WINE,
    TAGS,
    WINES,
)
from kefu.web.demo.names import person_name

DEFAULT_THRESHOLDS: tuple[Threshold, ...] = tuple(
    Threshold(grade=grade, min_spend=Decimal(spend), min_visits=visits)
    for grade, spend, visits in DEFAULT_GRADE_RULES
)

# ID number check digits (GB 11643-1999).
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class StoredItemSeed:
    name: str
    quantity: Decimal
    unit: str
    stored_on: date
    expires_on: date | None
    status: str


@dataclass(frozen=True)
class CustomerSeed:
    kind: str
    name: str
    gender: str
    phone: str
    email: str
    birthday: date | None
    id_number: str
    address: str
    company: str
    source_channel: str
    notes: str
    member_number: str | None
    member_joined_on: date | None
    member_day: int | None
    member_expires_on: date | None
    spend_12m: Decimal
    visits_12m: int
    vip_level: int
    marketing_consent: bool
    created_on: date
    owner_username: str | None
    tags: tuple[str, ...]
    stored_items: tuple[StoredItemSeed, ...] = field(default=())


def id_number(rng: random.Random, birthday: date, gender: str) -> str:
    """A well-formed resident ID number of Qingdao (370202…) with a valid check digit."""
    sequence = rng.randrange(0, 100) * 10 + (
        rng.choice((1, 3, 5, 7, 9)) if gender == Gender.MALE else rng.choice((0, 2, 4, 6, 8))
    )
    body = f"370202{birthday:%Y%m%d}{sequence:03d}"
    total = sum(int(digit) * weight for digit, weight in zip(body, _ID_WEIGHTS, strict=True))
    return body + _ID_CHECK[total % 11]


def _spend_and_visits(rng: random.Random) -> tuple[Decimal, int]:
    """About 10% top customers, 30% middle, 60% occasional (under the default thresholds)."""
    r = rng.random()
    if r < 0.10:
        spend = rng.uniform(10_000, 30_000) * rng.choice((1, 1, 1, 2, 3))
        visits = rng.randint(12, 60)
    elif r < 0.40:
        if rng.random() < 0.2:  # spends a lot but comes rarely
            spend, visits = rng.uniform(10_000, 20_000), rng.randint(4, 11)
        else:
            spend, visits = rng.uniform(3_000, 9_999), rng.randint(4, 30)
    elif rng.random() < 0.7:
        spend, visits = rng.uniform(0, 2_999), rng.randint(0, 15)
    else:  # one big visit
        spend, visits = rng.uniform(3_000, 8_000), rng.randint(1, 3)
    return Decimal(f"{spend:.2f}"), visits


def _stored_items(rng: random.Random, today: date) -> tuple[StoredItemSeed, ...]:
    items: list[StoredItemSeed] = []
    if rng.random() < 0.6:  # wine kept for three months (seed 003: 存酒)
        wine, unit = rng.choice(WINES)
        stored_on = today - timedelta(days=rng.randrange(0, 120))
        expires_on = stored_on + timedelta(days=90)
        status = StoredItemStatus.STORED
        if expires_on < today:
            status = rng.choice((StoredItemStatus.WITHDRAWN, StoredItemStatus.EXPIRED))
        items.append(
            StoredItemSeed(
                wine, Decimal(rng.randint(1, 6)), unit, stored_on, expires_on, str(status)
            )
        )
    else:  # prepaid card valid for one year
        amount = rng.choice((1000, 2000, 3000, 5000, 10000))
        stored_on = today - timedelta(days=rng.randrange(0, 400))
        expires_on = stored_on + timedelta(days=365)
        status = StoredItemStatus.STORED if expires_on >= today else StoredItemStatus.EXPIRED
        items.append(
            StoredItemSeed(
                f"储值卡（面值{amount}元）",
                Decimal(rng.randrange(0, amount, 50)),
                "元",
                stored_on,
                expires_on,
                str(status),
            )
        )
    return tuple(items)


def build_customers(
    *,
    today: date,
    count: int = CUSTOMER_COUNT,
    seed: int = 2024,
    thresholds: Sequence[Threshold] = DEFAULT_THRESHOLDS,
) -> list[CustomerSeed]:
    """``count`` customers with unique mobile phones. Same arguments, same rows."""
    rng = random.Random(seed)
    phones: set[str] = set()
    rows: list[CustomerSeed] = []
    for index in range(count):
        phone = ""
        while not phone or phone in phones:
            phone = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        phones.add(phone)
        is_company = rng.random() < 0.04
        if is_company:
            a, b = COMPANY_PARTS
            name = f"青岛{rng.choice(a)}{rng.choice(b)}有限公司"
            gender = str(Gender.UNKNOWN)
            birthday = None
        else:
            gender = str(rng.choices((Gender.MALE, Gender.FEMALE, Gender.UNKNOWN), (48, 50, 2))[0])
            name = person_name(rng, gender)
            birthday = (
                today - timedelta(days=rng.randrange(18 * 365, 75 * 365))
                if rng.random() < 0.9
                else None
            )
        spend, visits = _spend_and_visits(rng)
        grade = compute_grade(spend=spend, visits=visits, thresholds=thresholds)
        created_on = today - timedelta(days=rng.randrange(0, 6 * 365))

        is_member = rng.random() < 0.6
        member_number = member_joined_on = member_day = member_expires_on = None
        if is_member:
            member_joined_on = created_on + timedelta(days=rng.randrange(0, 30))
            member_joined_on = min(member_joined_on, today)
            member_number = f"M{member_joined_on.year}{index + 1:05d}"
            member_day = member_joined_on.day
            years = max(1, (today - member_joined_on).days // 365 + rng.choice((0, 1, 1, 1)))
            member_expires_on = member_joined_on + timedelta(days=365 * years)

        if grade == Grade.A:
            vip_level = rng.choice((3, 3, 3, 4, 4, 5))
        elif grade == Grade.B:
            vip_level = rng.choice((1, 2, 2))
        else:
            vip_level = 1 if is_member and rng.random() < 0.1 else 0

        email = ""
        if rng.random() < 0.35:
            if rng.random() < 0.4:
                email = f"{rng.randrange(10**7, 10**10)}@qq.com"
            else:
                local = pinyin_keys(name)[0][:12] if not is_company else "office"
                email = f"{local}{rng.randrange(1, 999)}@{rng.choice(MAIL_DOMAINS)}"

        stored: tuple[StoredItemSeed, ...] = ()
        if rng.random() < 0.12:
            stored = _stored_items(rng, today)

        tags: list[str] = []
        if is_member:
            tags.append(TAG_MEMBER)
        if (today - created_on).days > 3 * 365 and visits >= 4:
            tags.append(TAG_REGULAR)
        if (today - created_on).days < 90:
            tags.append(TAG_NEW)
        if visits == 0:
            tags.append(TAG_DORMANT)
        if is_company:
            tags.append(TAG_COMPANY)
        if rng.random() < 0.06:
            tags.append(TAG_COMPLAINED)
        for item in stored:
            tags.append(TAG_CARD if item.unit == "元" else TAG_WINE)

        owner = None
        if grade == Grade.A:
            owner = "manager"
        elif grade == Grade.B and rng.random() < 0.3:
            owner = "agent"

        address = ""
        if rng.random() < 0.7:
            address = (
                f"青岛市{rng.choice(DISTRICTS)}{rng.choice(STREETS)}{rng.randint(1, 300)}号"
                f"{rng.choice(COMMUNITIES)}{rng.randint(1, 30)}号楼{rng.randint(1, 3)}单元"
                f"{rng.randint(1, 32)}0{rng.randint(1, 4)}"
            )
        rows.append(
            CustomerSeed(
                kind=str(CustomerKind.ORGANISATION if is_company else CustomerKind.PERSON),
                name=name,
                gender=gender,
                phone=phone,
                email=email,
                birthday=birthday,
                id_number=(
                    id_number(rng, birthday, gender)
                    if birthday is not None and rng.random() < 0.2
                    else ""
                ),
                address=address,
                company=name if is_company else "",
                source_channel=str(
                    rng.choices([c for c, _ in SOURCE_WEIGHTS], [w for _, w in SOURCE_WEIGHTS])[0]
                ),
                notes=rng.choice(NOTES) if rng.random() < 0.15 else "",
                member_number=member_number,
                member_joined_on=member_joined_on,
                member_day=member_day,
                member_expires_on=member_expires_on,
                spend_12m=spend,
                visits_12m=visits,
                vip_level=vip_level,
                marketing_consent=rng.random() < (0.6 if is_member else 0.15),
                created_on=created_on,
                owner_username=owner,
                tags=tuple(dict.fromkeys(tags)),
                stored_items=stored,
            )
        )
    return rows


def ensure_customers(*, today: date, users: Mapping[str, User], actor: User | None) -> int:
    """Insert the demo customers not yet in the archive (matched by phone or member number)."""
    thresholds = grade_thresholds()
    rows = build_customers(today=today, thresholds=thresholds)
    taken_phones = set(
        Customer.objects.filter(phone__in=[r.phone for r in rows]).values_list("phone", flat=True)
    )
    taken_members = set(
        Customer.objects.filter(
            member_number__in=[r.member_number for r in rows if r.member_number]
        ).values_list("member_number", flat=True)
    )
    new_rows = [
        r for r in rows if r.phone not in taken_phones and r.member_number not in taken_members
    ]
    if not new_rows:
        return 0
    tz = ZoneInfo(settings.TIME_ZONE)
    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in TAGS}
    tag_link = Customer.tags.through
    created = 0
    for start in range(0, len(new_rows), BATCH_SIZE):
        batch = new_rows[start : start + BATCH_SIZE]
        customers = []
        for r in batch:
            name_pinyin, initials = pinyin_keys(r.name)
            at = datetime.combine(r.created_on, time(9 + int(r.phone[-2:]) % 9), tzinfo=tz)
            customers.append(
                Customer(
                    kind=r.kind,
                    name=r.name,
                    name_pinyin=name_pinyin,
                    name_initials=initials,
                    gender=r.gender,
                    phone=r.phone,
                    phone_last4=last4(r.phone),
                    email=r.email,
                    birthday=r.birthday,
                    id_number=r.id_number,
                    address=r.address,
                    company=r.company,
                    source_channel=r.source_channel,
                    owner=users.get(r.owner_username) if r.owner_username else None,
                    notes=r.notes,
                    member_number=r.member_number,
                    member_joined_on=r.member_joined_on,
                    member_day=r.member_day,
                    member_expires_on=r.member_expires_on,
                    spend_12m=r.spend_12m,
                    visits_12m=r.visits_12m,
                    grade=compute_grade(
                        spend=r.spend_12m, visits=r.visits_12m, thresholds=thresholds
                    ),
                    vip_level=r.vip_level,
                    marketing_consent=r.marketing_consent,
                    created_at=at,
                    updated_at=at,
                    created_by=actor,
                )
            )
        saved = Customer.objects.bulk_create(customers)
        links = [
            tag_link(customer_id=c.pk, tag_id=tags[t].pk)
            for c, r in zip(saved, batch, strict=True)
            for t in r.tags
        ]
        tag_link.objects.bulk_create(links)
        StoredItem.objects.bulk_create(
            StoredItem(
                customer=c,
                name=s.name,
                quantity=s.quantity,
                unit=s.unit,
                stored_on=s.stored_on,
                expires_on=s.expires_on,
                status=s.status,
            )
            for c, r in zip(saved, batch, strict=True)
            for s in r.stored_items
        )
        created += len(saved)
    return created
