"""A real local HTTP server replaying the Brønnøysund fixtures (tests/fixtures/brreg) by manifest.

Routes come from ``fixtures/brreg/manifest.json`` (the shared fixture set, unchanged) and
``fixtures/brreg/shapes/routes.json`` (every unit kind, status and feed shape of issue 17,
written by ``shapes/make_shapes.py``) and ``fixtures/brreg/extra/faults.json`` (ContractDesk's
own fault cases: HTML at 200, malformed
JSON, huge and slow bodies, 429/5xx sequences, redirects, dropped connections, hostile text,
deceased and deregistered role holders; see ``extra/README.md``). A route matches on method
(HEAD is served by GET routes), path and the exact set of query parameters; anything
unmatched gets the manifest's default (404, empty body).

Route keys (manifest format, plus the extensions used by faults.json):
    status, content_type, file (relative to the fixture folder; null = empty body),
    text (inline body), replace ({old: new} applied to the body text),
    headers ({name: value}; ``{base}`` in a value becomes the server's base URL),
    delay (seconds to wait before answering), drip ({"interval": s, "chunk": bytes}: send the
    body slowly), huge ({"bytes": n, "declare_length": bool}: a generated body of n bytes),
    drop (true: close the connection without an answer),
    sequence (a list of such responses served in turn; the last one repeats).

Routes whose content type is a ``vnd.brreg`` media type answer 406 when the request's
``Accept`` header allows neither that type, ``application/json`` nor ``*/*``.

Usage::

    with ReplayServer() as server:
        httpx.get(server.url + "/enhetsregisteret/api/enheter/971049669")
        server.requests  # every request received, in order

Run ``python tests/brreg_server.py [PORT]`` to serve the fixtures by hand (e.g. for the GUI
with ``CONTRACTDESK_REGISTRY_URL=http://127.0.0.1:PORT``).
"""

from __future__ import annotations

import contextlib
import copy
import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "brreg"
EXTRA_MANIFESTS = ("extra/faults.json", "shapes/routes.json")

_CHUNK = 64 * 1024
_ALWAYS_ACCEPTABLE = frozenset({"*/*", "application/*", "application/json", "application/hal+json"})


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]

    @property
    def accept(self) -> str:
        return self.headers.get("accept", "")


@cache
def _load_manifest(path: Path) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return manifest


@cache
def _load_file(path: Path) -> bytes:
    return path.read_bytes()


def _media(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


class ReplayServer:
    """The replay server: ``start()``/``stop()`` or use as a context manager.

    Args:
        fixtures: the fixture folder holding ``manifest.json``.
        extra_manifests: further route files (relative to ``fixtures``), matched after the
            manifest's own routes.
        host, port: where to listen; port 0 picks a free port.
    """

    def __init__(
        self,
        fixtures: Path = FIXTURES,
        *,
        extra_manifests: Iterable[str] = EXTRA_MANIFESTS,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.fixtures = fixtures
        manifest = _load_manifest(fixtures / "manifest.json")
        self.default: dict[str, Any] = dict(
            manifest.get("default") or {"status": 404, "body": None}
        )
        self._routes: list[dict[str, Any]] = [copy.deepcopy(r) for r in manifest["routes"]]
        for extra in extra_manifests:
            extra_path = fixtures / extra
            for route in _load_manifest(extra_path)["routes"]:
                route = copy.deepcopy(route)
                route["_base_dir"] = str(extra_path.parent)
                self._routes.append(route)
        self._added: list[dict[str, Any]] = []
        self._requests: list[RecordedRequest] = []
        self._served: dict[int, int] = {}
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self._httpd = _Server((host, port), _Handler, self)
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321`` (what ``CONTRACTDESK_REGISTRY_URL`` takes)."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Self:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.005},
            name="brreg-replay",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=10)
        self._httpd.server_close()  # joins handler threads (they wake on `stopping`)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ inspection and scripting

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in order."""
        with self._lock:
            return list(self._requests)

    def request_count(self, path_prefix: str = "") -> int:
        return sum(1 for r in self.requests if r.path.startswith(path_prefix))

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    def add_route(self, route: Mapping[str, Any]) -> None:
        """Add a route (manifest format) that takes precedence over the fixture routes."""
        entry = {"method": "GET", "query": {}, **copy.deepcopy(dict(route))}
        with self._lock:
            self._added.insert(0, entry)

    # ------------------------------------------------------------------ used by the handler

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _match(self, method: str, path: str, query: dict[str, str]) -> dict[str, Any] | None:
        wanted = "GET" if method == "HEAD" else method
        with self._lock:
            routes = [*self._added, *self._routes]
        for route in routes:
            if route.get("method", "GET") != wanted or route["path"] != path:
                continue
            if {k: str(v) for k, v in (route.get("query") or {}).items()} == query:
                return route
        return None

    def _synthesised_search(self, path: str, query: dict[str, str]) -> dict[str, Any] | None:
        """``/enheter?organisasjonsnummer=a,b,…[&size=n]`` without a route of its own: a search
        page built from the entity routes (main entities only, as the registry answers)."""
        if path != "/enhetsregisteret/api/enheter" or "organisasjonsnummer" not in query:
            return None
        if not set(query) <= {"organisasjonsnummer", "size", "page"}:
            return None
        items = []
        for number in query["organisasjonsnummer"].split(","):
            route = self._match("GET", f"/enhetsregisteret/api/enheter/{number}", {})
            if route is None or route.get("sequence") or int(route.get("status", 200)) != 200:
                continue
            try:
                body = json.loads(self._body(route))
            except ValueError:
                continue
            if isinstance(body, dict) and body.get("respons_klasse", "Enhet") == "Enhet":
                items.append(body)
        size = int(query.get("size", "20"))
        page = {
            "size": size,
            "totalElements": len(items),
            "totalPages": 1 if items else 0,
            "number": 0,
        }
        doc: dict[str, Any] = {
            "_links": {"self": {"href": "/enhetsregisteret/api/enheter"}},
            "page": page,
        }
        if items:
            doc["_embedded"] = {"enheter": items[:size]}
        return {
            "status": 200,
            "content_type": "application/vnd.brreg.enhetsregisteret.enhet.v2+json;charset=UTF-8",
            "text": json.dumps(doc, ensure_ascii=False),
        }

    def _next_response(self, route: dict[str, Any]) -> dict[str, Any]:
        steps = route.get("sequence")
        if not steps:
            return route
        with self._lock:
            served = self._served.get(id(route), 0)
            self._served[id(route)] = served + 1
        step = dict(steps[min(served, len(steps) - 1)])
        step.setdefault("_base_dir", route.get("_base_dir"))
        return step

    def _body(self, response: Mapping[str, Any]) -> bytes:
        if response.get("text") is not None:
            body = str(response["text"]).encode("utf-8")
        elif response.get("file"):
            base = Path(response.get("_base_dir") or self.fixtures)
            path = base / response["file"]
            if not path.exists():
                path = self.fixtures / response["file"]
            body = _load_file(path)
        else:
            body = b""
        for old, new in (response.get("replace") or {}).items():
            body = body.replace(old.encode("utf-8"), new.encode("utf-8"))
        return body


class _Server(ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True

    def __init__(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], replay: ReplayServer
    ) -> None:
        super().__init__(address, handler)
        self.replay = replay

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the client hung up mid-answer: expected in timeout, cap and cancel tests


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"
    timeout = 30
    server_version = "BrregReplay/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def do_POST(self) -> None:
        self._serve(send_body=True)

    def _serve(self, *, send_body: bool) -> None:
        replay = self.server.replay
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        replay._record(
            RecordedRequest(
                method=self.command,
                path=parts.path,
                query=query,
                headers={k.lower(): v for k, v in self.headers.items()},
            )
        )
        route = replay._match(self.command, parts.path, query)
        if route is None:
            route = replay._synthesised_search(parts.path, query)
        response = replay._next_response(route) if route is not None else replay.default
        try:
            self._answer(replay, response, send_body=send_body)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True

    def _answer(
        self, replay: ReplayServer, response: Mapping[str, Any], *, send_body: bool
    ) -> None:
        delay = float(response.get("delay") or 0)
        if delay and replay.stopping.wait(delay):
            return
        if response.get("drop"):
            self.close_connection = True
            return
        status = int(response.get("status", 200))
        content_type = response.get("content_type")
        if (
            status == 200
            and content_type
            and _media(content_type).startswith("application/vnd.brreg")
        ):
            accept = self.headers.get("Accept")
            if accept:
                ranges = {_media(part) for part in accept.split(",")}
                if not ranges & (_ALWAYS_ACCEPTABLE | {_media(content_type)}):
                    status, content_type, response = 406, None, {}

        huge = response.get("huge")
        body = b"" if huge else replay._body(response)
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (response.get("headers") or {}).items():
            self.send_header(name, str(value).replace("{base}", replay.url))
        if huge:
            if huge.get("declare_length", False):
                self.send_header("Content-Length", str(int(huge["bytes"])))
        else:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not send_body:
            return
        if huge:
            self._send_huge(replay, int(huge["bytes"]))
        elif response.get("drip"):
            drip = response["drip"]
            interval, chunk = float(drip.get("interval", 0.05)), int(drip.get("chunk", 1))
            for start in range(0, len(body), chunk):
                if replay.stopping.wait(interval):
                    return
                self.wfile.write(body[start : start + chunk])
                self.wfile.flush()
        else:
            self.wfile.write(body)

    def _send_huge(self, replay: ReplayServer, size: int) -> None:
        head = b'{"organisasjonsnummer":"000000000","navn":"'
        self.wfile.write(head)
        sent = len(head)
        filler = b"X" * _CHUNK
        while sent < size - 2 and not replay.stopping.is_set():
            piece = filler[: min(_CHUNK, size - 2 - sent)]
            self.wfile.write(piece)
            sent += len(piece)
        self.wfile.write(b'"}')


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    with ReplayServer(port=port) as running:
        print(f"Replaying {FIXTURES} at {running.url} (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
