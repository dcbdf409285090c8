"""`python -m imr_tui` runs the same entry point as the `imr-tui` command."""

import sys

from imr_tui.cli import main

sys.exit(main())
