"""Frozen entry point: the same ``contractdesk.__main__:main`` that the ``contractdesk`` script runs."""

import sys

from contractdesk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
