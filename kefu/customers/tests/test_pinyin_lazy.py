"""pypinyin loads on the first name keyed (拼音库按需加载): a web worker that only reads never
holds its dictionaries (about 55 MB)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns  # every view, API router and template tag library
import kefu.wsgi  # noqa: F401  (what gunicorn loads)
print("after start:", "pypinyin" in sys.modules)
from kefu.customers.cells import cached_pinyin_keys
print("keys:", cached_pinyin_keys("张三丰"))
print("after keying:", "pypinyin" in sys.modules)
"""


def test_starting_the_web_app_does_not_import_pypinyin(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kefu.settings",
        "KEFU_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "after start: False" in lines, done.stdout
    assert "keys: ('zhangsanfeng', 'zsf')" in lines, done.stdout
    assert "after keying: True" in lines, done.stdout
