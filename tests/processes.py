"""Running this project's Python (manage.py, a `-c` snippet) in a subprocess, for the tests."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_python(args, env_overrides, drop=(), timeout=120):
    # The same database settings as this test run: the inherited environment and the .env.
    env = {**os.environ, **env_overrides}
    # Set for the browser tests only (tests/browser/conftest.py); never in a deployment.
    for name in ["DJANGO_ALLOW_ASYNC_UNSAFE", *drop]:
        env.pop(name, None)
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
