"""A real HTTP server on this machine's loopback that records what it is sent."""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    at: float
    path: str
    headers: dict
    body: bytes


@dataclass
class Receiver:
    """Answers each POST with the next status of ``plan`` (then ``then``), and keeps it."""

    plan: list[int] = field(default_factory=list)
    then: int = 200
    received: list[Received] = field(default_factory=list)

    def __enter__(self) -> "Receiver":
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # http.server's name for the handler
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                owner.received.append(
                    Received(time.monotonic(), self.path, dict(self.headers.items()), body)
                )
                status = owner.plan.pop(0) if owner.plan else owner.then
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"ok" if status < 300 else b"receiver is down")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/taxhauz"
