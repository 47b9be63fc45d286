"""Links out of the phone pages (链接): the work order page, built by the tickets console."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse


def ticket_url(number: str) -> str:
    """The work order's console page, or its API address while the page does not exist."""
    try:
        return reverse("tickets:detail", args=[number])
    except NoReverseMatch:
        return f"/api/v1/tickets/{number}"
