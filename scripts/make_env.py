"""Write a local .env with fresh random secrets, once. Never overwrites an existing file."""

import secrets
import sys
from pathlib import Path

env_file = Path(__file__).resolve().parent.parent / ".env"
if env_file.exists():
    sys.exit(0)
env_file.write_text(
    "# Local development settings, written by `make run`/`make test`. Not committed.\n"
    "# See .env.example for every setting.\n"
    "DEBUG=on\n"
    f"SECRET_KEY={secrets.token_urlsafe(50)}\n"
    f"PERSONAL_DATA_KEY={secrets.token_urlsafe(32)}\n"
    f"DEMO_PASSWORD={secrets.token_urlsafe(9)}\n",
    encoding="utf-8",
)
env_file.chmod(0o600)
print(f"wrote {env_file.name} with fresh secrets")
