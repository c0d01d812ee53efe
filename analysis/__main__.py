"""Run the command line: ``python -m analysis --help``."""

import sys

from .cli import main

sys.exit(main())
