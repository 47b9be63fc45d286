"""Known gaps of the form bad-input corpus (表单恶意输入的已知缺口).

(form row, case) → (what the verdict says, why). ``"*"`` stands for every form. The test
expects the recorded verdict and fails when a case behaves differently — also when it starts
to pass — so a fix in the app removes its line here. Each gap is reported to the lead with
its fix (the files belong to other apps).
"""

from __future__ import annotations

KNOWN_GAPS: dict[tuple[str, str], tuple[str, str]] = {}


def _gap(form: str, case: str) -> tuple[str, str] | None:
    return KNOWN_GAPS.get((form, case)) or KNOWN_GAPS.get(("*", case))


def unexpected(form: str, case: str, problems: list[str]) -> list[str]:
    """The problems of one case that are not its recorded gap (or the gap closed)."""
    gap = _gap(form, case)
    if gap is None:
        return problems
    if not problems:
        return [f"{case}: passes now; remove its known gap from forms/gaps.py"]
    if all(gap[0] in problem for problem in problems):
        return []
    return problems


def closed(form: str, cases: set[str]) -> list[str]:
    """Gap lines of this form that name no case any more."""
    return [
        f"known gap of no case: {case}"
        for gap_form, case in KNOWN_GAPS
        if gap_form == form and case not in cases
    ]
