"""The HTTP/1.1 protocol `pactstore serve` runs: uvicorn's httptools protocol with a deadline for headers.

Measured side by side with real sockets (bench/servers.py, docs/deployment.md):

- uvicorn's h11 protocol frames a request with both Content-Length and Transfer-Encoding as chunked and
  keeps the connection open; httptools (llhttp) refuses it with a 400 and closes the connection, as
  RFC 9112 §6.1 asks. So the protocol is httptools.
- Neither uvicorn protocol times out a request's headers: its keep-alive timer runs only between a response
  and the next request's first byte, so a connection that sends nothing, or one header line a second
  (slowloris), is held forever. `HeaderDeadlineProtocol` closes a connection that has not completed a
  request's headers HEADER_TIMEOUT_SECONDS after it opened or after the previous answer.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.settings import header_timeout_seconds


class HeaderDeadlineProtocol(HttpToolsProtocol):
    """httptools' protocol, closing connections whose request headers do not arrive in time."""

    _header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def on_headers_complete(self) -> None:
        self._disarm_header_deadline()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_header_deadline()  # the next request's headers

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        super().connection_lost(exc)

    def _arm_header_deadline(self) -> None:
        self._disarm_header_deadline()
        self._header_deadline = self.loop.call_later(header_timeout_seconds(), self._headers_too_slow)

    def _disarm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        in_flight = self.cycle is not None and not self.cycle.response_complete
        if in_flight or self.pipeline or self.transport.is_closing():
            return  # a request is being answered; the deadline is armed again after its response
        self.transport.close()
