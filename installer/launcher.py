"""Frozen entry point: the same ``contractdesk.__main__:main`` that the ``contractdesk`` script
runs."""

import multiprocessing
import sys

if __name__ == "__main__":
    # A worker process of the PDF batch (spawned: it re-runs this executable) must run its
    # task here, not open the app or parse the CLI.
    multiprocessing.freeze_support()

    from contractdesk.__main__ import main

    sys.exit(main())
