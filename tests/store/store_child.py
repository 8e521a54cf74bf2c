"""A child process for the crash and disk-full tests: commits in a loop and reports each commit.

Usage: ``python store_child.py zygote|fill-disk DB_PATH RUN_TAG`` with the raw key (hex) as the
first line of stdin. Each committing process prints one line per *acknowledged* commit (the
commit call returned), so the parent knows exactly which commits the store promised to keep.

``zygote`` pays the imports once, then for every ``go TAG`` line on stdin forks a worker that
opens the store and commits until it is killed (``ready PID``, commit numbers, then the zygote's
``dead STATUS``). ``fill-disk`` commits, then lowers ``RLIMIT_FSIZE`` and commits until it fails.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
from pathlib import Path


def main() -> int:
    mode, db_path, tag = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    from contractdesk.store import audit
    from contractdesk.store.engine import open_store
    from contractdesk.store.keys import Key
    from contractdesk.store.models import AppSetting

    key = Key(bytes.fromhex(sys.stdin.readline().strip()))
    store = open_store(db_path, key, key_source="memory")

    def commit(n: int, size: int) -> None:
        name = f"{tag}-{n}"
        with store.session() as s:
            s.add(AppSetting(key=name, value={"n": n, "pad": "p" * size}))
            audit.append(
                s, actor="child", action="test.commit", entity_type="setting", entity_id=name
            )

    if mode == "zygote":
        store.close()  # the workers open their own; nothing is shared across fork
        print("ready", flush=True)
        for command in sys.stdin:
            tag = command.split()[1]
            pid = os.fork()
            if pid == 0:  # worker: commit until killed
                try:
                    store = open_store(db_path, key, key_source="memory")
                    print(f"ready {os.getpid()}", flush=True)
                    n = 0
                    while True:
                        commit(n, 200 + (n * 37) % 3000)
                        print(n, flush=True)
                        n += 1
                finally:
                    os._exit(3)
            _, status = os.waitpid(pid, 0)
            print(f"dead {status}", flush=True)
        return 0
    print("ready", flush=True)
    if mode == "fill-disk":
        for n in range(5):
            commit(n, 100)
            print(n, flush=True)
        # From here on, no file of this process may grow past a little more than it is now.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG from write() instead of dying
        biggest = max(p.stat().st_size for p in db_path.parent.iterdir() if p.is_file())
        resource.setrlimit(resource.RLIMIT_FSIZE, (biggest + 64 * 1024, resource.RLIM_INFINITY))
        from contractdesk.store.errors import StoreError

        try:
            for n in range(5, 10_000):
                commit(n, 20_000)
                print(n, flush=True)
        except StoreError as exc:
            print(
                json.dumps({"error": type(exc).__name__, "message": str(exc), "failed": n}),
                flush=True,
            )
            store.close()
            return 0
        print(json.dumps({"error": None}), flush=True)
        return 1
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main())
