"""A local OpenAI-compatible chat endpoint (stdlib only) with fixed latency and injectable faults.

Used by the tests and ``bench/`` to exercise the ``openai:`` policy and the LLM judge over real HTTP, and handy
for dry runs of a configuration (``--base-url http://127.0.0.1:PORT/v1``) without a model. It serves
``POST /v1/chat/completions`` and ``GET /v1/models``, records every request (never its headers), and can answer
with faults: ``429`` (with ``Retry-After``), ``500``, ``503``, ``hang`` (no answer until long after any sane
timeout), ``malformed`` (HTTP 200 with a non-JSON body), ``empty`` (HTTP 200 JSON without ``choices``) and
``drop`` (the connection closes with no response).

Example:
    >>> from openai import OpenAI
    >>> with LocalOpenAIServer(reply=lambda body: "Answer: No") as server:
    ...     client = OpenAI(base_url=server.base_url, api_key="EMPTY")
    ...     out = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    ...     client.close()
    >>> out.choices[0].message.content, len(server.requests)
    ('Answer: No', 1)
"""

from __future__ import annotations

import contextlib
import json
import random
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FAULT_KINDS = ("429", "500", "503", "hang", "malformed", "empty", "drop")


@dataclass
class RecordedRequest:
    """One request the server received (headers are deliberately not kept).

    Attributes:
        path: Request path.
        body: Parsed JSON body (``{}`` if it was not JSON).
        fault: The fault served instead of an answer, or ``None``.
        n_images: ``image_url`` parts in the messages.
        image_urls: The image URLs (data URLs) of the messages.
        texts: The text parts of the messages, in order.
        authorized: Whether the bearer token matched ``expected_key`` (``True`` when no key is expected).
    """

    path: str
    body: dict[str, Any]
    fault: str | None = None
    n_images: int = 0
    image_urls: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    authorized: bool = True


def _message_parts(body: dict[str, Any]) -> tuple[list[str], list[str]]:
    texts: list[str] = []
    images: list[str] = []
    for message in body.get("messages") or []:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str):
            texts.append(content)
        elif isinstance(content, list):
            for part in content:
                if not isinstance(part, dict):
                    continue
                if part.get("type") == "text":
                    texts.append(str(part.get("text", "")))
                elif part.get("type") == "image_url":
                    url = part.get("image_url", {})
                    images.append(str(url.get("url", "") if isinstance(url, dict) else url))
    return texts, images


def _constant(text: str) -> Callable[[dict[str, Any]], str]:
    def reply(body: dict[str, Any]) -> str:
        return text

    return reply


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # TCP_NODELAY: an answer leaves at once, never held back for an ACK
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence stderr access log
        return None

    def _send(self, status: int, payload: bytes, headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            # Headers and body in one write: two small writes would meet Nagle's algorithm and the client's delayed
            # ACK (~40 ms per answer), and the bench would measure this server instead of the client.
            buffer: list[bytes] = self._headers_buffer  # type: ignore[attr-defined]  # http.server's own buffer
            buffer += [b"\r\n", payload]
            self.flush_headers()
        except OSError:  # the client gave up (e.g. timed out) before we answered
            self.close_connection = True

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        if self.path.rstrip("/").endswith("/models"):
            self._send(
                200, json.dumps({"object": "list", "data": [{"id": "local", "object": "model"}]}).encode()
            )
        else:
            self._send(404, b'{"error": {"message": "not found"}}')

    def do_POST(self) -> None:  # noqa: N802 - http.server naming
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {}
        texts, images = _message_parts(body)
        owner = self.server.owner
        if not owner.keep_bodies:  # a long measurement: keep counts, not megabytes of image data per request
            body, images = {"model": body.get("model")}, [url[:64] for url in images]
        auth = self.headers.get("Authorization") or ""
        authorized = owner.expected_key is None or auth == f"Bearer {owner.expected_key}"
        fault = owner._next_fault() if authorized else None
        record = RecordedRequest(self.path, body, fault, len(images), images, texts, authorized)
        owner._record(record)
        owner._enter()
        try:
            self._answer(body, texts, fault, authorized, auth)
        finally:
            owner._leave()

    def _answer(
        self, body: dict[str, Any], texts: list[str], fault: str | None, authorized: bool, auth: str
    ) -> None:
        owner = self.server.owner
        if not authorized:
            # Like a careless proxy, echo what we were sent; clients must scrub it from their errors.
            message = f"invalid credentials: {auth}"
            self._send(
                401, json.dumps({"error": {"message": message, "type": "invalid_request_error"}}).encode()
            )
            return
        if owner.latency_s > 0:
            owner._stop.wait(owner.latency_s)
        if fault == "hang" and owner._stop.wait(owner.hang_s):
            self.close_connection = True
            return
        if fault == "drop":
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault in ("429", "500", "503"):
            headers = {"Retry-After": owner.retry_after} if fault == "429" else {}
            error = {"error": {"message": f"injected {fault}", "type": "server_error"}}
            self._send(int(fault), json.dumps(error).encode(), headers)
            return
        if fault == "malformed":
            self._send(200, b"<html>this is not json{")
            return
        if fault == "empty":
            self._send(200, json.dumps({"id": "x", "object": "chat.completion", "model": "m"}).encode())
            return
        text = owner.reply(body)
        prompt_tokens = sum(len(t.split()) for t in texts)
        payload = {
            "id": f"chatcmpl-{owner.n_requests}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": str(body.get("model", "local")),
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": len(text.split()),
                "total_tokens": prompt_tokens + len(text.split()),
            },
        }
        self._send(200, json.dumps(payload).encode())


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 512
    owner: LocalOpenAIServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up mid-answer (timeouts, the ``drop`` fault) are normal here: stay quiet."""
        return None


class LocalOpenAIServer:
    """An OpenAI-compatible ``/v1/chat/completions`` server on 127.0.0.1, run in a background thread.

    Args:
        reply: Text to answer, or ``reply(body) -> str`` computing it from the request JSON.
        latency_s: Delay before every answer (the bench uses 0.5 s).
        fault_rate: Probability that a request gets a fault instead of an answer.
        fault_kinds: Faults drawn from when ``fault_rate`` fires.
        script: Faults (or ``None`` for a normal answer) for the first requests, in arrival order; served
            before ``fault_rate`` applies.
        seed: Seed of the fault draws.
        retry_after: ``Retry-After`` header value sent with 429s.
        hang_s: How long a ``hang`` fault stalls (ended early when the server stops).
        expected_key: If set, requests with another bearer token get a 401 that echoes the header.
        port: Port to bind (0 = any free port).
    """

    def __init__(
        self,
        reply: str | Callable[[dict[str, Any]], str] = "OK",
        *,
        latency_s: float = 0.0,
        fault_rate: float = 0.0,
        fault_kinds: Sequence[str] = FAULT_KINDS,
        script: Sequence[str | None] = (),
        seed: int = 0,
        retry_after: str = "0",
        hang_s: float = 30.0,
        expected_key: str | None = None,
        port: int = 0,
    ) -> None:
        unknown = [k for k in [*fault_kinds, *script] if k is not None and k not in FAULT_KINDS]
        if unknown:
            raise ValueError(f"unknown fault kinds {unknown}; use {list(FAULT_KINDS)}")
        self.reply: Callable[[dict[str, Any]], str] = _constant(reply) if isinstance(reply, str) else reply
        self.latency_s = latency_s
        self.fault_rate = fault_rate
        self.fault_kinds = tuple(fault_kinds)
        self.retry_after = retry_after
        self.hang_s = hang_s
        self.expected_key = expected_key
        self.requests: list[RecordedRequest] = []
        #: Keep each request's body and image URLs (tests read them); a long benchmark turns this off.
        self.keep_bodies = True
        self.max_in_flight = 0
        self._script = list(script)
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._in_flight = 0
        self._stop = threading.Event()
        self._server = _Server(("127.0.0.1", port), _Handler)
        self._server.owner = self
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>/v1``, what ``--base-url`` / ``OPENAI_BASE_URL`` should be."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    @property
    def n_requests(self) -> int:
        """Requests received so far (faulted ones included)."""
        with self._lock:
            return len(self.requests)

    def completions(self) -> list[RecordedRequest]:
        """Requests that got a normal answer."""
        with self._lock:
            return [r for r in self.requests if r.fault is None and r.authorized]

    def start(self) -> LocalOpenAIServer:
        """Start serving in a daemon thread; returns ``self``."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._server.serve_forever, name="local-openai", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release hanging handlers. Safe to call twice."""
        self._stop.set()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> LocalOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _next_fault(self) -> str | None:
        with self._lock:
            if self._script:
                return self._script.pop(0)
            if self.fault_rate > 0 and self._rng.random() < self.fault_rate:
                return self._rng.choice(self.fault_kinds)
            return None

    def _record(self, record: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(record)

    def _enter(self) -> None:
        with self._lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)

    def _leave(self) -> None:
        with self._lock:
            self._in_flight -= 1


class LocalServerProcess:
    """A :class:`LocalOpenAIServer` in a child process (spawned), for measurements of the client.

    An endpoint in the measuring process would take the GIL from the client it measures; a real endpoint is
    another process too. Request statistics come back over a pipe.

    Args:
        reply: Text every request is answered with.
        latency_s: Delay before every answer.

    Example:
        >>> with LocalServerProcess(reply="Answer: No", latency_s=0.0) as server:
        ...     server.base_url.startswith("http://127.0.0.1:"), server.stats()["n_requests"]
        (True, 0)
    """

    def __init__(self, reply: str = "OK", latency_s: float = 0.0) -> None:
        import multiprocessing as mp

        context = mp.get_context("spawn")
        self._conn, child = context.Pipe()
        self._proc = context.Process(target=_serve_in_child, args=(child, reply, latency_s), daemon=True)
        self.base_url = ""

    def __enter__(self) -> LocalServerProcess:
        self._proc.start()
        self.base_url = self._conn.recv()
        return self

    def stats(self) -> dict[str, int]:
        """``{"n_requests", "with_image", "max_in_flight"}`` so far."""
        self._conn.send("stats")
        stats: dict[str, int] = self._conn.recv()
        return stats

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError):
            self._conn.send("stop")
        self._proc.join(timeout=10)
        if self._proc.is_alive():
            self._proc.kill()


def _serve_in_child(conn: Any, reply: str, latency_s: float) -> None:
    with LocalOpenAIServer(reply=reply, latency_s=latency_s) as server:
        server.keep_bodies = False
        conn.send(server.base_url)
        while conn.recv() == "stats":
            with server._lock:
                requests = list(server.requests)
            conn.send(
                {
                    "n_requests": len(requests),
                    "with_image": sum(1 for r in requests if r.n_images == 1),
                    "max_in_flight": server.max_in_flight,
                }
            )
