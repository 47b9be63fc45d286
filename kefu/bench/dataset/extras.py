"""What the seeded work orders need around them (压测配套数据): knowledge articles, the survey,
API tokens, the work order search index and the KPI daily rollups, each through the owning
app's own code."""

from __future__ import annotations

import datetime as dt
import importlib
import multiprocessing
import os
import random
from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection, connections

from kefu.accounts.models import User
from kefu.accounts.services import create_api_token
from kefu.bench.dataset import vocab
from kefu.kb.demo import ensure_demo_categories
from kefu.kb.services import ArticleText, create_article, publish_article
from kefu.kpis.aggregate import CASE_BUCKETS
from kefu.kpis.rollup import rollup_days
from kefu.surveys.demo import ensure_demo_surveys


def seed_articles(*, count: int, author: User, rng: random.Random) -> list[str]:
    """``count`` published articles, written and indexed by the kb services; returns the
    words of ``vocab.KB_WORDS`` that they contain."""
    categories = list(ensure_demo_categories().values())
    found: set[str] = set()
    for number in range(count):
        topic = rng.choice(vocab.KB_TOPICS)
        lines = [
            rng.choice(vocab.KB_SENTENCES).format(
                t=topic,
                o=rng.choice(vocab.OBJECTS_ZH2),
                p=rng.choice(vocab.PROBLEMS_ZH2),
                a=rng.choice(vocab.ACTIONS_ZH2),
                w=rng.choice(vocab.OBJECTS_ZH3),
            )
            for _line in range(4)
        ]
        article = create_article(
            actor=author,
            text=ArticleText(
                title=f"{topic}说明（第{number + 1}号）",
                body="\n\n".join(lines),
                category=rng.choice(categories),
                tags=(topic[:2],),
                visibility="internal" if rng.random() < 0.7 else "public",
                change_note="压测数据",
            ),
        )
        publish_article(actor=author, article=article)
        text = article.title + "".join(lines)
        found.update(word for word in vocab.KB_WORDS if word in text)
    return [word for word in vocab.KB_WORDS if word in found]


def seed_survey(manager: User) -> int:
    """The shipped satisfaction questionnaire (客户满意度回访问卷)."""
    return ensure_demo_surveys(manager).pk


def issue_tokens(usernames: list[str], *, issuer: User) -> dict[str, str]:
    """One API bearer token per user, by ``create_api_token``; username → secret."""
    tokens = {}
    for user in User.objects.filter(username__in=usernames).order_by("username"):
        tokens[user.username] = create_api_token(actor=issuer, user=user, name="bench").secret
    return tokens


def _ticket_texts(batch: int = 20_000) -> Iterator[tuple[int, str, str]]:
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, title, description FROM tickets_ticket WHERE id > %s"
                " ORDER BY id LIMIT %s",
                [last, batch],
            )
            rows = cursor.fetchall()
        if not rows:
            return
        yield from ((int(r[0]), str(r[1]), str(r[2])) for r in rows)
        last = int(rows[-1][0])


def fill_search_index(log: Callable[[str], None]) -> int | None:
    """``kefu.tickets.search.bulk_index`` over every work order, if that module exists."""
    try:
        search: Any = importlib.import_module("kefu.tickets.search")
    except ImportError:
        log("  warning: kefu.tickets.search is missing: the work order search index is empty")
        return None
    bulk_index = getattr(search, "bulk_index", None)
    if bulk_index is None:
        log("  warning: kefu.tickets.search has no bulk_index: the search index is empty")
        return None
    return int(bulk_index(_ticket_texts()))


def fill_rollups(start: dt.date, end: dt.date, log: Callable[[str], None]) -> int:
    """The KPI daily rollups of [start, end), by ``kefu.kpis.rollup.rollup_days`` window by
    window (``CASE_BUCKETS`` days each, one transaction each), the windows dealt out to one
    process per core: the production job only ever recounts a few days, the seeder two years."""
    windows = []
    day = start
    while day < end:
        windows.append((day, min(day + dt.timedelta(days=CASE_BUCKETS), end)))
        day = windows[-1][1]
    workers = max(1, min(len(windows), os.cpu_count() or 1, 4))
    if workers == 1:
        written = _roll_up(windows)
    else:
        connections.close_all()  # each process opens its own connection
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            written = sum(pool.map(_roll_up, [windows[k::workers] for k in range(workers)]))
    log(f"  rollups {start} – {end}: {written:,} rows ({workers} processes)")
    return written


def _roll_up(windows: list[tuple[dt.date, dt.date]]) -> int:
    written = sum(rollup_days(first, after) for first, after in windows)
    connections.close_all()
    return written
