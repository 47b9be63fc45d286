"""Workflow problems in the user's language (流程问题说明).

The pure checks (``kefu.tickets.checks``) and the JSON mapping (``kefu.tickets.serialization``)
word their problems as short English sentences with the offending codes. An admin reads them
in the console language, so each known sentence shape is matched here and re-worded through
gettext with the same codes; an unknown shape is still shown, prefixed, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext as _

Wording = Callable[[dict[str, str]], str]

_SHAPES: tuple[tuple[str, Wording], ...] = (
    (
        r"version must be a positive integer",
        lambda v: _("The version must be a positive whole number."),
    ),
    (
        r"workflow\.version must be a positive integer",
        lambda v: _("The version must be a positive whole number."),
    ),
    (
        r"type code '(?P<code>.*)' is not a lowercase code",
        lambda v: (
            _("The type code “%(code)s” must be lowercase letters, digits and underscores.") % v
        ),
    ),
    (
        r"duplicate state code: (?P<code>.*)",
        lambda v: _("The state code “%(code)s” is used more than once.") % v,
    ),
    (
        r"duplicate transition code: (?P<code>.*)",
        lambda v: _("The step code “%(code)s” is used more than once.") % v,
    ),
    (
        r"state code '(?P<code>.*)' is not lowercase",
        lambda v: (
            _("The state code “%(code)s” must be lowercase letters, digits and underscores.") % v
        ),
    ),
    (
        r"transition code '(?P<code>.*)' is not lowercase",
        lambda v: (
            _("The step code “%(code)s” must be lowercase letters, digits and underscores.") % v
        ),
    ),
    (
        r"state (?P<code>\S+) needs a Chinese and an English label",
        lambda v: _("State “%(code)s” needs a Chinese and an English label.") % v,
    ),
    (
        r"transition (?P<code>\S+) needs a Chinese and an English label",
        lambda v: _("Step “%(code)s” needs a Chinese and an English label.") % v,
    ),
    (
        r"transition (?P<code>\S+) has no source state",
        lambda v: _("Step “%(code)s” has no source state.") % v,
    ),
    (
        r"transition (?P<code>\S+): unknown source state (?P<state>.*)",
        lambda v: _("Step “%(code)s” starts from the unknown state “%(state)s”.") % v,
    ),
    (
        r"transition (?P<code>\S+): unknown target state (?P<state>.*)",
        lambda v: _("Step “%(code)s” leads to the unknown state “%(state)s”.") % v,
    ),
    (
        r"transition (?P<code>\S+): permission '(?P<perm>.*)' is not app\.codename",
        lambda v: _("Step “%(code)s”: the permission “%(perm)s” must look like app.codename.") % v,
    ),
    (
        r"transition (?P<code>\S+): unknown field (?P<key>.*)",
        lambda v: _("Step “%(code)s” requires the unknown field “%(key)s”.") % v,
    ),
    (
        r"transition (?P<code>\S+): unknown guard (?P<key>.*)",
        lambda v: _("Step “%(code)s” checks the unknown condition “%(key)s”.") % v,
    ),
    (
        r"transition (?P<code>\S+): unknown effect (?P<key>.*)",
        lambda v: _("Step “%(code)s” names the unknown effect “%(key)s”.") % v,
    ),
    (
        r"transition (?P<code>\S+): message for (?P<key>\S+), which it does not check",
        lambda v: (
            _("Step “%(code)s” has a message for the condition “%(key)s”, which it does not check.")
            % v
        ),
    ),
    (r"no initial state", lambda v: _("No state is marked as the initial state.")),
    (
        r"more than one initial state: (?P<codes>.*)",
        lambda v: _("Only one state may be initial; these are: %(codes)s.") % v,
    ),
    (r"no final state", lambda v: _("No state is marked as a final state.")),
    (
        r"unreachable state: (?P<code>.*)",
        lambda v: _("State “%(code)s” cannot be reached from the initial state.") % v,
    ),
    (
        r"final state (?P<code>\S+) offers (?P<step>\S+), which is not a reopening",
        lambda v: (
            _("Final state “%(code)s” offers the step “%(step)s”, which is not a reopening.") % v
        ),
    ),
    (
        r"final state (?P<code>\S+) must be in the closed category",
        lambda v: _("Final state “%(code)s” must be in the status category “closed”.") % v,
    ),
    (
        r"dead end: (?P<code>\S+) is not final and has no way forward",
        lambda v: _("State “%(code)s” is a dead end: it is not final and no step leaves it.") % v,
    ),
    (
        r"no way to a final state from (?P<code>.*)",
        lambda v: _("No final state can be reached from state “%(code)s”.") % v,
    ),
    (
        r"state (?P<code>\S+) is closed but not final",
        lambda v: _("State “%(code)s” is in the category “closed” but not marked final.") % v,
    ),
    (
        r"state (?P<code>\S+) is both initial and final",
        lambda v: _("State “%(code)s” cannot be both initial and final.") % v,
    ),
    # Shape problems of the JSON itself (serialization.WorkflowFormatError).
    (
        r"(?P<where>\S+)\.category: unknown category '(?P<key>.*)'",
        lambda v: _("%(where)s: “%(key)s” is not a status category.") % v,
    ),
    (
        r"(?P<where>\S+) must be an object with string keys",
        lambda v: _("%(where)s must be a JSON object.") % v,
    ),
    (
        r"(?P<where>\S+) must be a list of strings",
        lambda v: _("%(where)s must be a list of texts.") % v,
    ),
    (r"(?P<where>\S+) must be a list", lambda v: _("%(where)s must be a list.") % v),
    (r"(?P<where>\S+) must be a string", lambda v: _("%(where)s must be a text.") % v),
    (
        r"(?P<where>\S+) must be true or false",
        lambda v: _("%(where)s must be true or false.") % v,
    ),
)

SHAPES: tuple[tuple[re.Pattern[str], Wording], ...] = tuple(
    (re.compile(pattern + r"\Z"), wording) for pattern, wording in _SHAPES
)


def is_known(problem: str) -> bool:
    """Whether the problem's sentence shape has a translated wording (已知问题)."""
    return any(pattern.match(problem) for pattern, _wording in SHAPES)


def explain(problem: str) -> str:
    """One problem of the checks, worded in the active language (问题说明)."""
    for pattern, wording in SHAPES:
        found = pattern.match(problem)
        if found:
            return wording(found.groupdict())
    return _("Workflow problem: %(problem)s") % {"problem": problem}
