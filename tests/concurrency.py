"""Running calls at the same moment, each in its own thread and database connection."""

import threading
from collections.abc import Callable
from typing import Any


def at_once(*calls: Callable[[], Any], timeout: float = 30) -> list[Any]:
    """Start every call together (a barrier) and return their outcomes in finishing order:
    what each returned, or the exception it raised (the outcome is what a test checks).

    The rows the calls need must be committed (the `committed_rows` fixture): each thread
    has its own connection, closed at its end.
    """
    from django.db import connection

    start = threading.Barrier(len(calls))
    outcomes: list[Any] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            start.wait(timeout=10)
            outcomes.append(call())
        except Exception as error:
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes
