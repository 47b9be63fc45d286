"""Every label of the console must have a zh-Hans translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib

import kefu

PACKAGE = Path(kefu.__file__).parent


def test_every_message_has_a_zh_hans_translation(tmp_path):
    # Extract the messages of a copy of the source, so the real catalogue is left untouched.
    copy = tmp_path / "kefu"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "zh_Hans",
            "--no-obsolete",
            "-i",
            "tests/*",
            "-i",
            "*/tests/*",
            "-v",
            "0",
        ],
        cwd=copy,
        check=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "kefu.settings",
            "PYTHONPATH": str(tmp_path),
            "KEFU_DATA_DIR": str(tmp_path / "data"),
        },
    )
    catalogue = polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
    assert missing == [], f"{len(missing)} untranslated: {missing[:20]}"
