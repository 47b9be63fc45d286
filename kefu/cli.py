"""The ``kefu`` command (客服命令行): Django management commands under one short name.

``kefu serve``, ``kefu demo``, ``kefu check``, ``kefu token create USERNAME``,
``kefu createuser``, ``kefu calendar due|load``, ``kefu cti_account``,
``kefu backup [--output PATH]``, ``kefu restore ARCHIVE [--force]``,
``kefu ticket_create_bench``, ``kefu trust load|soak`` … and every Django command
(``kefu migrate``).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kefu.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "kefu"
    if len(args) > 1 and args[1] == "token":
        args[1] = "kefu_token"
    elif len(args) > 1 and args[1] == "check" and "--deploy" not in args:
        args[1] = "kefu_check"
    elif len(args) > 1 and args[1] == "createuser":
        args[1] = "kefu_createuser"
    execute_from_command_line(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
