"""Known gaps of the form bad-input corpus (表单恶意输入的已知缺口).

(form row, case) → (what the verdict says, why). ``"*"`` stands for every form. The test
expects the recorded verdict and fails when a case behaves differently — also when it starts
to pass — so a fix in the app removes its line here. Each gap is reported to the lead with
its fix (the files belong to other apps).
"""

from __future__ import annotations

KNOWN_GAPS: dict[tuple[str, str], tuple[str, str]] = {
    ("comment (reply or internal note)", "body: null byte"): (
        "accepted",
        "add_comment stores NUL characters (PostgreSQL refuses them: a 500 there); the other "
        "forms refuse them through Django's CharField",
    ),
}
# The work order form's hidden customer field: its errors are not shown on the page.
for _case in ("blank", "not a number", "overflow", "NaN", "infinity"):
    KNOWN_GAPS[("work order create", f"customer: {_case}")] = (
        "without a message",
        "tickets/create.html does not render the errors of the hidden customer field",
    )
# A date-time in year 1 (local time) is before year 1 in UTC: a step either fails at once or
# stores it and the work order page cannot show it any more.
for _form, _field in (
    ("step forward (department, long text, date-time)", "reply_due_at"),
    ("step dispatch (partner company, long text, date-time)", "repair_due_at"),
    ("step defer (date-time)", "promised_reply_at"),
):
    KNOWN_GAPS[(_form, f"{_field}: first minute of year 1")] = (
        "500",
        "StepForm accepts any date-time; converting 0001-01-01T00:00 (UTC+8) to UTC overflows "
        "in the service (forward, dispatch: 500 at once) or in the history of the work order "
        "page (defer: stored, then tickets/views/present.py fails on every view of the page)",
    )


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
