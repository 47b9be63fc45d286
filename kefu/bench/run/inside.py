"""Bench steps inside Kefu (库内步骤): run with the dataset's settings, in a separate process.

    python -m kefu.bench.run.inside tokens CONFIG.json OUT.json   # API tokens for the users
    python -m kefu.bench.run.inside floor CONFIG.json OUT.json    # each scenario's SQL floor

The bench command's own Django is configured on the caller's data directory, not on the
dataset's, so everything that reads or writes the dataset runs here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import django


def tokens(config: dict[str, Any]) -> dict[str, str]:
    """A fresh API token for every user named in ``config["users"]``."""
    from kefu.accounts.models import User
    from kefu.accounts.services import create_api_token

    issued: dict[str, str] = {}
    for user in User.objects.filter(username__in=config["users"]).order_by("username"):
        token = create_api_token(actor=None, user=user, name="kefu bench", expires_at=None)
        issued[user.username] = token.secret
    return issued


def main(argv: list[str]) -> int:
    django.setup()
    from kefu.bench.run.floor_capture import measure_all

    action, config_path, out_path = argv[1:4]
    config = json.loads(Path(config_path).read_text(encoding="utf-8"))
    result = tokens(config) if action == "tokens" else measure_all(config)
    Path(out_path).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
