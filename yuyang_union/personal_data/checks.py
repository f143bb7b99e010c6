"""`manage.py check` fails when the personal-data key is missing or not the data's key."""

from typing import Any

from django.core.checks import CheckMessage, Error, register

from .crypto import key_state


@register()
def personal_data_key_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    problem = key_state()
    if not problem:
        return []
    return [
        Error(
            problem,
            hint=(
                "Set PERSONAL_DATA_KEY to the key the data was stored with (and, during a "
                "rotation, the previous keys in PERSONAL_DATA_OLD_KEYS, newest first)."
            ),
            id="personal_data.E001",
        )
    ]
