"""Write a local .env with fresh random secrets, once. Never overwrites an existing file."""

import secrets
import sys
from pathlib import Path
from urllib.parse import quote

top = Path(__file__).resolve().parent.parent
env_file = top / ".env"
# The local cluster's socket folder, as django-environ reads it in a URL's path.
SOCKET = quote(str(top / ".pgdata"), safe="")
if env_file.exists():
    sys.exit(0)
env_file.write_text(
    "# Local development settings, written by `make run`/`make test`. Not committed.\n"
    "# See .env.example for every setting.\n"
    "DEBUG=on\n"
    f"SECRET_KEY={secrets.token_urlsafe(50)}\n"
    f"PERSONAL_DATA_KEY={secrets.token_urlsafe(32)}\n"
    f"DEMO_PASSWORD={secrets.token_urlsafe(9)}\n"
    "# The database: with DATABASE_URL unset, the project-local cluster (scripts/devdb.sh,\n"
    "# socket in .pgdata/), which make run and make test start. The site connects as\n"
    "# yuyang_site (rows only), manage.py migrate as yuyang_owner (owns the tables), as if:\n"
    f"#   DATABASE_URL=postgres://yuyang_site@/{SOCKET}/yuyang\n"
    f"#   DATABASE_OWNER_URL=postgres://yuyang_owner@/{SOCKET}/yuyang\n"
    "# Set DATABASE_URL (and DATABASE_OWNER_URL) to use another server instead.\n",
    encoding="utf-8",
)
env_file.chmod(0o600)
print(f"wrote {env_file.name} with fresh secrets")
