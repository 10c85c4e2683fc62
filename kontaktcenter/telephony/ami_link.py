"""AMI over TCP: the listener that takes Asterisk's events in (with panoramisk), and the small
AMI server the simulator speaks through, so both ends of the real protocol are exercised.

The protocol (docs.asterisk.org, "Configuration › Interfaces › Asterisk Manager Interface
(AMI)"): the server greets with `Asterisk Call Manager/<version>`, then messages are lines
`Key: Value` ended by an empty line, CRLF throughout; a client logs in with
`Action: Login / Username / Secret` and then receives events.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from panoramisk import Manager  # type: ignore[import-untyped]

from kontaktcenter.core.clock import now
from kontaktcenter.telephony.adapters.ami import from_ami
from kontaktcenter.telephony.events import CallEvent

EOL = "\r\n"
BANNER = "Asterisk Call Manager/5.0.1" + EOL


# --- the listener -----------------------------------------------------------------------------


@dataclass
class ListenReport:
    messages: int = 0
    events: int = 0


async def listen(
    *,
    host: str,
    port: int,
    username: str,
    secret: str,
    on_batch: Callable[[list[CallEvent]], Awaitable[object]],
    until_disconnected: bool = False,
    batch_seconds: float = 0.5,
) -> ListenReport:
    """Log in and hand the queue and agent events over in batches until cancelled (or, for
    tests and replays, until the server closes the connection). panoramisk reconnects on its
    own after a break."""
    report = ListenReport()
    pending: asyncio.Queue[CallEvent | None] = asyncio.Queue()
    loop = asyncio.get_running_loop()
    disconnected = loop.create_future()

    def on_event(_manager: Manager, message: Any) -> None:
        report.messages += 1
        event = from_ami(dict(message.items()), received_at=now())
        if event is not None:
            pending.put_nowait(event)

    def on_disconnect(_manager: Manager, _exc: object) -> None:
        if not disconnected.done():
            disconnected.set_result(None)

    manager = Manager(
        loop=loop,
        host=host,
        port=port,
        username=username,
        secret=secret,
        ping_delay=3600,
        on_disconnect=on_disconnect,
    )
    manager.register_event("*", on_event)

    async def drain() -> None:
        while True:
            batch = [await pending.get()]
            deadline = time.monotonic() + batch_seconds
            while len(batch) < 1000 and time.monotonic() < deadline:
                try:
                    batch.append(await asyncio.wait_for(pending.get(), deadline - time.monotonic()))
                except TimeoutError:
                    break
            events = [event for event in batch if event is not None]
            if events:
                await on_batch(events)
                report.events += len(events)
            if batch[-1] is None:
                return

    draining = asyncio.ensure_future(drain())
    # Not reachable yet: panoramisk tries again every few seconds by itself.
    with contextlib.suppress(OSError):
        await manager.connect()
    try:
        if until_disconnected:
            await disconnected
            pending.put_nowait(None)
            await draining
        else:
            await asyncio.Event().wait()
    finally:
        manager.close()
        draining.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await draining
    return report


# --- the simulator's server -------------------------------------------------------------------


def encode(headers: dict[str, str]) -> bytes:
    return ("".join(f"{key}: {value}{EOL}" for key, value in headers.items()) + EOL).encode()


async def _read_message(reader: asyncio.StreamReader) -> dict[str, str] | None:
    headers: dict[str, str] = {}
    while True:
        line = await reader.readline()
        if not line:
            return None
        text = line.decode(errors="replace").strip()
        if not text:
            if headers:
                return headers
            continue
        key, _sep, value = text.partition(":")
        headers[key.strip().lower()] = value.strip()


class AmiServer:
    """Serves a list of AMI events to each client that logs in, then closes the connection
    (or, live, sends each when its time comes)."""

    def __init__(
        self,
        events: Iterable[tuple[datetime, dict[str, str]]],
        *,
        username: str,
        secret: str,
        live: bool = False,
        close_when_done: bool = True,
    ) -> None:
        self.events = list(events)
        self.username = username
        self.secret = secret
        self.live = live
        self.close_when_done = close_when_done
        self.sent = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(BANNER.encode())
        try:
            if not await self._login(reader, writer):
                return
            pings = asyncio.ensure_future(self._answer_pings(reader, writer))
            for at, headers in self.events:
                if self.live:
                    delay = (at - now()).total_seconds()
                    if delay > 0:
                        await asyncio.sleep(delay)
                writer.write(encode(headers))
                self.sent += 1
                if self.sent % 200 == 0:
                    await writer.drain()
            await writer.drain()
            if not self.close_when_done:
                await asyncio.Event().wait()
        except ConnectionError:
            return
        finally:
            if "pings" in locals():
                pings.cancel()
            writer.close()

    async def _login(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        while True:
            action = await _read_message(reader)
            if action is None:
                return False
            action_id = action.get("actionid", "")
            if action.get("action", "").lower() != "login":
                writer.write(
                    encode(
                        {"Response": "Error", "ActionID": action_id, "Message": "Permission denied"}
                    )
                )
                continue
            if action.get("username") != self.username or action.get("secret") != self.secret:
                writer.write(
                    encode(
                        {
                            "Response": "Error",
                            "ActionID": action_id,
                            "Message": "Authentication failed",
                        }
                    )
                )
                await writer.drain()
                return False
            writer.write(
                encode(
                    {
                        "Response": "Success",
                        "ActionID": action_id,
                        "Message": "Authentication accepted",
                    }
                )
            )
            writer.write(
                encode(
                    {"Event": "FullyBooted", "Privilege": "system,all", "Status": "Fully Booted"}
                )
            )
            await writer.drain()
            return True

    async def _answer_pings(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        with contextlib.suppress(ConnectionError):
            while (action := await _read_message(reader)) is not None:
                writer.write(
                    encode(
                        {
                            "Response": "Success",
                            "ActionID": action.get("actionid", ""),
                            "Ping": "Pong",
                        }
                    )
                )


async def serve(server: AmiServer, *, host: str, port: int) -> asyncio.Server:
    return await asyncio.start_server(server.handle, host, port)
