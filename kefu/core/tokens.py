"""Search tokens (检索词元): Chinese character bigrams and latin words, for an index table.

Pure (no Django): the knowledge base's token table and the work order search index
(``kefu.tickets.search``) both use it. A text is normalised (NFKC: full-width letters, digits
and punctuation become half-width), then split into runs of Han characters and runs of other
letters/digits; everything else (punctuation, spaces, symbols) separates runs.

- A Han run gives its overlapping character bigrams (投诉处理 → 投诉, 诉处, 处理), so any
  two-character word is found without a dictionary; with ``unigrams`` it also gives each
  character (for one-character queries; a document index pays about half again in rows).
- A latin/digit run gives one lowercased word (WiFi → wifi), cut to ``MAX_TOKEN_LENGTH``.

A query is tokenised the same way; a document matches when it holds every query token
(``query_tokens``) or, for suggestions from a whole sentence, some of the useful ones
(``suggestion_tokens``, which drops stop words).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

MAX_TOKEN_LENGTH = 32

# Han ideographs: extension A, the unified block, compatibility block, extensions B and later.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUNS = re.compile(rf"([{HAN}]+)|([^\W_{HAN}]+)")

# Characters that carry no topic on their own (particles, pronouns, question words …).
STOP_CHARS = frozenset(
    "的了是在我你他她它们这那个一有和与及或就也都很吗呢吧啊呀哦么怎什为请问好要会能"
    "可以说到把被让给对上下中里来去过着得地之其此该从自向于而且但"
)
# Two-character words that say nothing about the topic of a question.
STOP_BIGRAMS = frozenset(
    {
        "怎么", "么办", "什么", "为何", "如何", "请问", "你好", "您好", "谢谢", "麻烦", "一下",
        "可以", "能否", "是否", "需要", "应该", "已经", "现在", "今天", "昨天", "明天",
        "时候", "这个", "那个", "一个", "我们", "你们", "他们", "您的", "我的", "没有",
        "知道", "告诉", "想问", "咨询", "帮忙", "办法", "问题", "情况", "那么", "这样",
        "怎样", "多少", "哪里", "哪儿", "还是", "就是", "但是", "因为", "所以", "如果",
    }
)  # fmt: skip
STOP_WORDS = frozenset(
    {
        "a", "an", "the", "is", "are", "be", "to", "of", "and", "or", "in", "on", "at",
        "for", "my", "me", "i", "you", "it", "how", "what", "can", "do", "does", "with",
        "please", "hi", "hello",
    }
)  # fmt: skip


def normalize(text: str) -> str:
    """NFKC-normalised text: full-width ＡＢＣ１２３ become ABC123, ideograph variants unify."""
    return unicodedata.normalize("NFKC", text or "")


def runs(text: str) -> Iterator[tuple[bool, str]]:
    """The runs of ``text`` in order: (True, Han run) or (False, lowercased latin/digit word)."""
    for match in _RUNS.finditer(normalize(text)):
        han, word = match.groups()
        if han:
            yield True, han
        else:
            yield False, word.casefold()[:MAX_TOKEN_LENGTH]


def bigrams(run: str) -> Iterator[str]:
    """Overlapping character pairs of a Han run; a one-character run gives itself."""
    if len(run) == 1:
        yield run
        return
    for i in range(len(run) - 1):
        yield run[i : i + 2]


def document_tokens(text: str, *, unigrams: bool = True) -> set[str]:
    """Every token a document's ``text`` is indexed under (文档词元)."""
    found: set[str] = set()
    for is_han, run in runs(text):
        if is_han:
            found.update(bigrams(run))
            if unigrams:
                found.update(run)
        else:
            found.add(run)
    return found


def query_tokens(text: str) -> list[str]:
    """The tokens a search for ``text`` requires, each once, in order of appearance (查询词元).

    A one-character Han run asks for that character; longer runs ask for their bigrams (so a
    query is a phrase search per run). Empty for a query of punctuation only.
    """
    return _unique(_query_stream(text))


def suggestion_tokens(text: str, *, limit: int = 24) -> list[str]:
    """The useful tokens of a whole sentence typed by an agent (推荐词元): bigrams that are not
    stop words (both characters stop characters, or a known empty word), latin words that are
    not stop words, one-character runs dropped. At most ``limit``, in order of appearance."""
    useful = []
    for is_han, run in runs(text):
        if is_han:
            if len(run) < 2:
                continue
            for pair in bigrams(run):
                if pair in STOP_BIGRAMS or (pair[0] in STOP_CHARS and pair[1] in STOP_CHARS):
                    continue
                useful.append(pair)
        elif run not in STOP_WORDS:
            useful.append(run)
    return _unique(useful)[:limit]


def _query_stream(text: str) -> Iterator[str]:
    for is_han, run in runs(text):
        if is_han:
            yield from bigrams(run)
        else:
            yield run


def _unique(tokens: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(tokens))
