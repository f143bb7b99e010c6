"""A small HTTP load generator for `manage.py benchmark_pages`: N clients, each sending one GET
after another for a fixed time, on asyncio so that the measuring process costs the server as
little CPU as it can (the server and this share the machine's cores).

Each request opens its own connection (gunicorn's sync workers close every connection).
Anything but a 200, a refused connection or a cut response counts as an error.
"""

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass


@dataclass
class Burst:
    """What one burst of requests to one path gave."""

    path: str
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    response_bytes: int = 0

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def mean_bytes(self) -> int:
        return self.response_bytes // self.requests if self.requests else 0


async def _client(host: str, port: int, path: str, deadline: float, burst: Burst) -> None:
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n"
        "Accept-Language: zh-hans\r\n\r\n"
    ).encode()
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.open_connection(host, port)
            writer.write(request)
            await writer.drain()
            response = await reader.read()
            writer.close()
        except OSError:
            burst.errors += 1
            await asyncio.sleep(0.01)
            continue
        status = response[9:12]
        if status == b"200":
            burst.requests += 1
            burst.response_bytes += len(response)
        else:
            burst.errors += 1


async def _burst(host: str, port: int, path: str, clients: int, seconds: float) -> Burst:
    burst = Burst(path)
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(*(_client(host, port, path, deadline, burst) for _ in range(clients)))
    burst.seconds = time.monotonic() - started
    return burst


def burst(host: str, port: int, path: str, *, clients: int, seconds: float) -> Burst:
    """Requests per second that `clients` concurrent clients get from `path` in `seconds`.

    On an event loop of its own, in a thread of its own: the caller's thread may be running
    one already (Playwright's, in the test session)."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(
            lambda: asyncio.run(_burst(host, port, path, clients, seconds))
        ).result()
