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
Discard = Callable[["Job"], None]

_handlers: dict[str, Handler] = {}
_discards: dict[str, Discard] = {}


def job_handler(kind: str, *, discard: Discard | None = None) -> Callable[[Handler], Handler]:
    """Register `kind`'s handler; `discard(job)` removes what a job of this kind keeps for
    its confirmation (an import's upload): the runner calls it whenever a run does not end
    awaiting confirmation, and so does a cancel while it waits."""

    def register(handler: Handler) -> Handler:
        if _handlers.get(kind, handler) is not handler:
            raise ValueError(f"Two handlers for the job kind {kind!r}.")
        _handlers[kind] = handler
        if discard is not None:
            _discards[kind] = discard
        return handler

    return register


def discard_waiting(job: "Job") -> None:
    """Remove what the job keeps for its confirmation (nothing for most kinds)."""
    discard = _discards.get(job.kind)
    if discard is not None:
        discard(job)


def handler_for(kind: str) -> Handler:
    try:
        return _handlers[kind]
    except KeyError:
        raise LookupError(f"No handler for the job kind {kind!r}.") from None
