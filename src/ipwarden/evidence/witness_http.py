"""HTTP for witnesses: a stdlib server exposing ``POST /add-checkpoint`` and a client the log uses.

The server is deliberately small (``http.server``) so a witness can run anywhere Python runs; the client
speaks the same protocol to any c2sp.org/tlog-witness implementation.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

from ipwarden.evidence.witness import Witness

__all__ = ["WitnessServer", "make_server", "request_cosignature"]

_MAX_BODY = 64 * 1024


class WitnessServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], witness: Witness) -> None:
        super().__init__(address, _Handler)
        self.witness = witness


class _Handler(BaseHTTPRequestHandler):
    server: WitnessServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        return None

    def _send(self, status: int, body: bytes, ctype: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path.rstrip("/") in ("", "/info"):
            w = self.server.witness
            info = f"witness {w.signer.name}\nvkey {w.signer.verifier.vkey}\n"
            info += "".join(f"log {o}\n" for o in sorted(w.logs))
            self._send(200, info.encode())
        else:
            self._send(404, b"not found\n")

    def do_POST(self) -> None:
        if self.path != "/add-checkpoint":
            self._send(404, b"not found\n")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            self._send(413, b"request too large\n")
            return
        reply = self.server.witness.add_checkpoint(self.rfile.read(length))
        self._send(reply.status, reply.body, reply.content_type)


def make_server(witness: Witness, host: str = "127.0.0.1", port: int = 0) -> WitnessServer:
    return WitnessServer((host, port), witness)


def request_cosignature(
    url: str, old_size: int, proof: Sequence[bytes], note: bytes, timeout: float = 10.0
) -> tuple[int, bytes]:
    """POST add-checkpoint to the witness at ``url`` (its submission prefix); returns (status, body)."""
    lines = [f"old {old_size}"] + [base64.b64encode(h).decode() for h in proof]
    body = ("\n".join(lines) + "\n\n").encode() + note
    resp = httpx.post(url.rstrip("/") + "/add-checkpoint", content=body, timeout=timeout)
    return resp.status_code, resp.content
