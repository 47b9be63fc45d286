#!/usr/bin/env python3
"""Django's command line; ``kefu`` (kefu/cli.py) is the same with a shorter name."""

import sys

from kefu.cli import main

if __name__ == "__main__":
    sys.exit(main())
