"""scripts/run.sh (`make run`): the server and one job worker start together, and one
SIGINT (Ctrl-C) stops both, the server's port included."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "run.sh"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def descendants(pid: int) -> set[int]:
    """Every process started under `pid` (read from /proc: parents, then their children)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def command_line(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as reply:
            return reply.status == 200
    except OSError:
        return False


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process tree from /proc")
def test_one_sigint_stops_the_server_and_the_worker(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "PY": str(ROOT / ".venv/bin/python"),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    log = (tmp_path / "run.log").open("w")
    # A session of its own, as a terminal gives `make run`: the SIGINT goes to the script.
    script = subprocess.Popen(  # noqa: S603
        [str(SCRIPT)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        # Ctrl-C as a terminal delivers it: a test run started in the background (nohup,
        # `&`) has SIGINT ignored, which the script would inherit and could not trap.
        preexec_fn=_default_sigint,
    )
    started = []
    try:
        deadline = time.monotonic() + 90
        while not answers(port):
            assert script.poll() is None, (tmp_path / "run.log").read_text()
            assert time.monotonic() < deadline, (tmp_path / "run.log").read_text()
            time.sleep(0.5)
        started = sorted(descendants(script.pid))
        lines = [command_line(pid) for pid in started]
        assert any("procrastinate worker" in line for line in lines), lines
        assert any("runserver" in line for line in lines), lines

        os.kill(script.pid, signal.SIGINT)
        script.wait(timeout=30)
        deadline = time.monotonic() + 15
        while any(alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [command_line(pid) for pid in started if alive(pid)] == []
        assert not answers(port)
        # The port is free for the next `make run` (a server sets SO_REUSEADDR, as this
        # does, past the TIME_WAIT of the health check's connection).
        with socket.socket() as again:
            again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            again.bind(("127.0.0.1", port))
    finally:
        for pid in [script.pid, *started]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        log.close()
