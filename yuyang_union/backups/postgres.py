"""pg_dump and pg_restore of the server's version, run with a Django connection's login."""

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from . import BackupError

# libpq's environment variables for Django's connection settings and OPTIONS.
LOGIN_VARIABLES = {"USER": "PGUSER", "PASSWORD": "PGPASSWORD", "HOST": "PGHOST", "PORT": "PGPORT"}
OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
}
VERSION = re.compile(r"\(PostgreSQL\) (\d+)(?:\.(\d+))?")


def libpq_environment(settings_dict: dict[str, Any], database: str) -> dict[str, str]:
    """The environment that makes a PostgreSQL tool log in as `settings_dict` does, to
    `database`; the password goes through the environment, never the command line."""
    environment = {"PGDATABASE": database}
    for key, variable in LOGIN_VARIABLES.items():
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    for key, variable in OPTION_VARIABLES.items():
        value = (settings_dict.get("OPTIONS") or {}).get(key)
        if value:
            environment[variable] = str(value)
    return environment


def tool_version(path: str) -> tuple[int, int] | None:
    try:
        output = subprocess.run(  # noqa: S603 (a PostgreSQL program found below)
            [path, "--version"], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = VERSION.search(output)
    return (int(match[1]), int(match[2] or 0)) if match else None


def candidates(name: str, major: int) -> list[str]:
    """Where scripts/devdb.sh looks for the server's programs, the server's version first:
    Debian's folder of that version, pg_config's folder, any other Debian folder, PATH."""
    folders = [Path(f"/usr/lib/postgresql/{major}/bin")]
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            bindir = subprocess.run(  # noqa: S603 (pg_config from PATH)
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=30
            ).stdout.strip()
            folders.append(Path(bindir))
        except (OSError, subprocess.SubprocessError):
            pass
    folders.extend(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
    found = [str(folder / name) for folder in folders if (folder / name).is_file()]
    on_path = shutil.which(name)
    return [*found, *([on_path] if on_path else [])]


def find_tool(name: str, server_version: int) -> str:
    """The program `name` (pg_dump, pg_restore) of the server's major version, or a newer one
    (pg_dump reads older servers, never newer ones)."""
    major = server_version // 10000
    newer: str | None = None
    for path in candidates(name, major):
        version = tool_version(path)
        if version is None:
            continue
        if version[0] == major:
            return path
        if version[0] > major and newer is None:
            newer = path
    if newer:
        return newer
    raise BackupError(
        f"{name} of PostgreSQL {major} or newer not found: install postgresql-client-{major}."
    )


def run_tool(path: str, arguments: list[str], environment: dict[str, str], **kwargs: Any) -> None:
    """Run a PostgreSQL program; its error output becomes the BackupError's message."""
    # The login is exactly the connection's: no PG* variable of the caller's shell applies.
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    result = subprocess.run(  # noqa: S603 (a PostgreSQL program, arguments of ours)
        [path, *arguments],
        env={**inherited, **environment},
        stderr=subprocess.PIPE,
        check=False,
        **kwargs,
    )
    if result.returncode != 0:
        error = result.stderr.decode(errors="replace").strip()
        raise BackupError(f"{Path(path).name} failed ({result.returncode}): {error}")
