"""Measure start-up of a ContractDesk executable (frozen or not) with \
CONTRACTDESK_EXIT_AFTER_START=1.

    uv run python installer/measure_startup.py dist/ContractDesk/contractdesk --runs 5
    uv run python installer/measure_startup.py .venv/bin/contractdesk --runs 5   # from source

Creates a passphrase store in a temp folder with the executable's own ``init``, then starts the
GUI offscreen ``--runs`` times on it and ``--runs`` times with ``--demo``. Prints the medians of
what the app reports (``painted_ms``, ``store_open_ms``: from when Python imported the app) and
of the same events seen from outside (from process launch, so the frozen bootloader and
interpreter start-up are included).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "start-up measurement"
EVENTS = ("painted_ms", "store_open_ms")


def start_once(exe: str, args: list[str], env: dict[str, str]) -> dict[str, float]:
    """One start; the app's own figures plus ``wall_*`` from launch. Raises if it fails."""
    started = time.perf_counter()
    figures: dict[str, float] = {}
    with subprocess.Popen(
        [exe, *args],
        env=dict(env, CONTRACTDESK_EXIT_AFTER_START="1"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stderr is not None
        for line in proc.stderr:
            key, sep, value = line.strip().partition("=")
            if sep and key in EVENTS:
                figures[key] = float(value)
                figures[f"wall_{key}"] = (time.perf_counter() - started) * 1000
        if proc.wait(timeout=120) != 0 or len(figures) != 2 * len(EVENTS):
            raise SystemExit(f"{exe} {' '.join(args)}: exit {proc.returncode}, saw {figures}")
    figures["wall_exit_ms"] = (time.perf_counter() - started) * 1000
    return figures


def medians(runs: list[dict[str, float]]) -> str:
    keys = [
        k
        for k in ("wall_painted_ms", "wall_store_open_ms", "wall_exit_ms", *EVENTS)
        if k in runs[0]
    ]
    return ", ".join(f"{k}={statistics.median(r[k] for r in runs):.0f}" for k in keys)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("exe", help="the contractdesk executable (console one on Windows)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="contractdesk-startup-") as tmp:
        home = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CONTRACTDESK_", "XDG_"))}
        env.update(
            HOME=str(home),
            QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"),
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        )
        data = str(home / "data")
        made = subprocess.run(
            [
                args.exe,
                "--data-dir",
                data,
                "init",
                "--supplier-org-number",
                "971049669",
                "--supplier-name",
                "Measure AS",
                "--passphrase",
            ],
            env=dict(env, CONTRACTDESK_PASSPHRASE=PASSPHRASE),
            capture_output=True,
            text=True,
            check=False,
        )
        if made.returncode != 0:
            raise SystemExit(made.stderr)
        unlock_env = dict(env, CONTRACTDESK_PASSPHRASE=PASSPHRASE)
        store = [start_once(args.exe, ["--data-dir", data], unlock_env) for _ in range(args.runs)]
        demo = [start_once(args.exe, ["--demo"], env) for _ in range(args.runs)]
    print(f"passphrase store ({args.runs} runs, medians, ms): {medians(store)}")
    print(f"--demo           ({args.runs} runs, medians, ms): {medians(demo)}")
    print(
        f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
        if hasattr(os, "getloadavg")
        else ""
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
