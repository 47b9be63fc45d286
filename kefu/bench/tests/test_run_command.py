"""``kefu bench`` refuses bad options before it builds or starts anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scenarios", "create_c1,nope"], "Unknown scenarios: nope."),
        (
            ["--server-url", "http://example.com:8000"],
            "--server-url must be http://127.0.0.1:PORT.",
        ),
        (["--duration", "0"], "--duration must be > 0"),
        (["--work-orders", "0"], "--work-orders ≥ 1"),
    ],
    ids=["unknown-scenario", "remote-server", "no-duration", "no-work-orders"],
)
def test_bad_options_are_refused_with_the_reason(
    args: list[str], message: str, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match=message.replace(".", r"\.")):
        call_command("bench", *args, "--root", str(tmp_path))
    assert list(tmp_path.iterdir()) == []  # nothing seeded, nothing started


def test_stopping_a_private_postgresql_that_never_ran_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("bench", "--stop-postgres", "--root", str(tmp_path))
    assert "PostgreSQL was not running." in capsys.readouterr().err
