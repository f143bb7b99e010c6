"""Job kinds: the handler that does a kind's work, registered by the app that owns it.

    @job_handler("members.member_export")
    def export_members(job: Job, run: JobRun) -> None:
        ...

Apps register their handlers in their `tasks.py`, which Procrastinate's Django app imports in
every process at start-up (its autodiscovery), so that the web process (which starts jobs)
and the workers (which run them) know the same kinds.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Job
    from .running import JobRun

Handler = Callable[["Job", "JobRun"], None]

_handlers: dict[str, Handler] = {}


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        if _handlers.get(kind, handler) is not handler:
            raise ValueError(f"Two handlers for the job kind {kind!r}.")
        _handlers[kind] = handler
        return handler

    return register


def handler_for(kind: str) -> Handler:
    try:
        return _handlers[kind]
    except KeyError:
        raise LookupError(f"No handler for the job kind {kind!r}.") from None


def kinds() -> list[str]:
    return sorted(_handlers)
