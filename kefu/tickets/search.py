"""Work order search (工单检索): a bigram index over title and description, newest first.

Documents and queries go through the pure tokenizer ``kefu.core.tokens``: a Chinese run gives
its overlapping character bigrams (热水器漏水 → 热水, 水器, 器漏, 漏水), a latin/digit run one
lowercased word. A work order matches when it holds every token of the query, so any
two-character word is found, and a three-character word as its two bigrams. One-character
queries are refused (a unigram index would cost about half again in size). A query shaped
like a work order number is looked up by number instead.

One index row per work order, keyed by the work order's id, so "newest first" is the index's
own order and the first page reads 26 ids from its end whatever the word's frequency:

- SQLite: an FTS5 table ``tickets_search`` of the space-separated tokens, ``rowid`` = ticket
  id, ``detail=none`` (no positions: tokens already encode adjacency). ``ORDER BY rowid DESC
  LIMIT n`` walks the doclists backwards and stops: measured at 1,000,000 work orders, the
  ids of the first page take under a millisecond for a word in 1 row of 8 and for a word in
  1 of 40,000. The ``ascii`` tokenizer splits only at the spaces between our tokens
  (``unicode61`` splits a few of them again, and a token read back as a phrase is an error
  with ``detail=none``). The table keeps its content: a contentless one cannot delete rows
  before SQLite 3.43.
- PostgreSQL: a table ``tickets_search (ticket_id primary key, tokens tsvector)`` with a GIN
  index. The newest 20,000 rows are tested first, walking the primary key backwards (a
  common word fills its page after a few hundred); if they hold too few matches, the GIN
  index collects the matches and they are sorted (a rare word's few). The planner alone
  chose the backward walk for a word it has no statistics for and read the whole table
  (0.4 s at 1,000,000). A token table (token, ticket_id) was the alternative: as fast per
  token, but ~50 rows per work order (50 million at our size) and a join per extra token.

The services keep the index in their transaction (``index_ticket`` when a work order is
opened; title and description are not edited afterwards); ``bulk_index`` fills it for
seeders and ``kefu tickets_reindex`` rebuilds it. Both tables are outside Django's models.

Scope and filters are not in the index: ``search_page`` reads ids from the index in growing
chunks, newest first, and keeps those the caller's queryset (``visible_to`` and any queue or
filter) holds, until a page is full or ``MAX_EXAMINED`` ids were looked at (then the page may
be short and its cursor continues the walk further back).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, transaction

from kefu.core.cursor import BadCursor, decode_cursor, encode_cursor
from kefu.core.paging import Page
from kefu.core.tokens import bigrams, document_tokens, runs
from kefu.tickets.models import Ticket
from kefu.tickets.querysets import TicketQuerySet

MAX_TERMS = 16
MAX_EXAMINED = 20_000
MAX_CHUNK = 5_000
WINDOW = 20_000
BATCH = 5_000
NUMBER = re.compile(r"^[A-Za-z]{1,8}\d{8}-\d{4,}$")

# --- documents -------------------------------------------------------------------------------


def ticket_tokens(title: str, description: str) -> list[str]:
    """The tokens a work order is indexed under (工单词元), sorted, each once."""
    return sorted(document_tokens(f"{title}\n{description}", unigrams=False))


def _pg_quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _document(title: str, description: str) -> str:
    tokens = ticket_tokens(title, description)
    if connection.vendor == "postgresql":
        return " ".join(_pg_quote(t) for t in tokens)
    return " ".join(tokens)


def _write(rows: list[tuple[int, str]]) -> None:
    ids = [(pk,) for pk, _doc in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                "INSERT INTO tickets_search (ticket_id, tokens) VALUES (%s, %s::tsvector)"
                " ON CONFLICT (ticket_id) DO UPDATE SET tokens = EXCLUDED.tokens",
                rows,
            )
        else:
            cursor.executemany("DELETE FROM tickets_search WHERE rowid = %s", ids)
            cursor.executemany("INSERT INTO tickets_search (rowid, tokens) VALUES (%s, %s)", rows)


def index_ticket(ticket: Ticket) -> None:
    """(Re)index one work order. Call inside the transaction that wrote its text."""
    _write([(ticket.pk, _document(ticket.title, ticket.description))])


def bulk_index(rows: Iterable[tuple[int, str, str]]) -> int:
    """Index many work orders (批量建索引): (ticket id, title, description) each, in batches.
    Replaces rows already indexed; assumes the work orders exist. Returns the rows indexed."""
    done = 0
    source = iter(rows)
    while batch := list(islice(source, BATCH)):
        _write([(pk, _document(title, description)) for pk, title, description in batch])
        done += len(batch)
    return done


def reindex_all() -> int:
    """Rebuild the whole index from the work orders (重建索引), in id order, in batches."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM tickets_search")
    return bulk_index(_all_texts())


def _all_texts() -> Iterator[tuple[int, str, str]]:
    last = 0
    while True:
        batch = list(
            Ticket.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "title", "description")[:BATCH]
        )
        if not batch:
            return
        yield from batch
        last = batch[-1][0]


# --- queries ---------------------------------------------------------------------------------


def search_terms(text: str) -> list[str]:
    """The tokens a search for ``text`` requires (查询词元): bigrams of each Chinese run of two
    or more characters and latin/digit words; one-character Chinese runs are dropped (the
    index has no single characters). Empty when nothing searchable is left."""
    found: list[str] = []
    for is_han, run in runs(text):
        if is_han:
            if len(run) > 1:
                found.extend(bigrams(run))
        else:
            found.append(run)
    return list(dict.fromkeys(found))[:MAX_TERMS]


def is_number(text: str) -> bool:
    """Does ``text`` look like a work order number (``TS20261123-0007``)?"""
    return bool(NUMBER.match(text.strip()))


def matching_ids(terms: list[str], *, below: int | None, limit: int) -> list[int]:
    """Ids of the work orders holding every term, newest first, ids below ``below`` only."""
    if not terms:
        return []
    if connection.vendor == "postgresql":
        return _pg_matching_ids(_pg_query(terms), below=below, limit=limit)
    sql = "SELECT rowid FROM tickets_search WHERE tickets_search MATCH %s"
    params: list[str | int] = [" AND ".join(f'"{t}"' for t in terms)]
    if below is not None:
        sql += " AND rowid < %s"
        params.append(below)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY rowid DESC LIMIT %s", [*params, limit])
        return [int(row[0]) for row in cursor.fetchall()]


def _pg_matching_ids(query: str, *, below: int | None, limit: int) -> list[int]:
    """First the newest ``window`` rows are tested one by one (a common word fills the page
    there and the scan stops early); if they hold too few, the GIN index collects every match
    and those are sorted. The planner is not left to choose: it takes a word it has no
    statistics for as fairly common and would walk the whole table for a rare one."""
    window = max(WINDOW, 40 * limit)
    bound = below if below is not None else 2**63 - 1
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ticket_id FROM (SELECT ticket_id, tokens FROM tickets_search"
            " WHERE ticket_id < %s ORDER BY ticket_id DESC LIMIT %s) AS newest"
            " WHERE tokens @@ %s::tsquery ORDER BY ticket_id DESC LIMIT %s",
            [bound, window, query, limit],
        )
        rows = [int(row[0]) for row in cursor.fetchall()]
    if len(rows) >= limit:
        return rows
    # Inside the caller's transaction (no savepoint): SET LOCAL lasts until its end, so the
    # settings are put back at once.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
        cursor.execute(
            # ``+ 0``: the bound must not offer the primary key as another bitmap to read.
            "SELECT ticket_id FROM tickets_search WHERE tokens @@ %s::tsquery"
            " AND ticket_id + 0 < %s ORDER BY ticket_id DESC LIMIT %s",
            [query, bound, limit],
        )
        rows = [int(row[0]) for row in cursor.fetchall()]
        cursor.execute("RESET enable_seqscan; RESET enable_indexscan")
    return rows


def _pg_query(terms: list[str]) -> str:
    return " & ".join(_pg_quote(t) for t in terms)


def search_page(qs: TicketQuerySet, text: str, *, cursor: str | None, limit: int) -> Page[Ticket]:
    """One page of the work orders of ``qs`` matching ``text``, newest first (检索结果).

    ``qs`` carries the scope and filters (and any ``select_related``); raises BadCursor for a
    cursor this function did not make. A number finds that work order only.
    """
    if is_number(text):
        return Page(items=list(qs.filter(number=text.strip().upper())[:1]), next_cursor=None)
    below = _below(cursor)
    terms = search_terms(text)
    found: list[Ticket] = []
    chunk = limit + 1
    examined = 0
    while True:
        ids = matching_ids(terms, below=below, limit=chunk)
        if not ids:
            break
        found.extend(qs.filter(pk__in=ids).order_by("-pk"))
        below = ids[-1]
        examined += len(ids)
        if len(found) > limit:
            return Page(items=found[:limit], next_cursor=encode_cursor([found[limit - 1].pk]))
        if len(ids) < chunk:
            break
        if examined >= MAX_EXAMINED:
            return Page(items=found, next_cursor=encode_cursor([below]))
        chunk = min(chunk * 8, MAX_CHUNK)
    return Page(items=found, next_cursor=None)


def _below(cursor: str | None) -> int | None:
    if not cursor:
        return None
    values = decode_cursor(cursor)
    if len(values) != 1 or type(values[0]) is not int or not 0 < values[0] < 2**63:
        raise BadCursor(cursor)
    return values[0]
