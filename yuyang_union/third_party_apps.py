"""Other packages' apps in Chinese in the admin.

django-axes gives its app no `verbose_name` (the admin showed its label, "Axes") and names
its records in English f-strings ("Attempted Access: …"), which the admin prints in titles,
breadcrumbs and deletion pages. Settings install this config in its place (same label, same
start-up), which names both in our catalogue's words.
"""

from typing import Any

from axes.apps import AppConfig as AxesAppConfig
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _when(moment: Any) -> str:
    if moment is None:
        return ""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _attempt(attempt: Any) -> str:
    return gettext("Sign-in attempts since %(time)s") % {"time": _when(attempt.attempt_time)}


def _failure(failure: Any) -> str:
    return gettext("%(username)s failed to sign in at %(time)s") % {
        "username": failure.username or "",
        "time": _when(failure.attempt_time),
    }


def _sign_in(log: Any) -> str:
    return gettext("%(username)s signed in at %(time)s") % {
        "username": log.username or "",
        "time": _when(log.attempt_time),
    }


class AxesConfig(AxesAppConfig):
    verbose_name = _("Sign-in lockouts")

    def ready(self) -> None:
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        AccessAttempt.__str__ = _attempt
        AccessFailureLog.__str__ = _failure
        AccessLog.__str__ = _sign_in
