"""One outcome per previewed import file, however often its confirmation is posted.

A double click, a reload of the confirmation, or two tabs post the same confirmation twice.
The file is removed after the first (`yuyang_union.excel.uploads`), so without more the
second would find nothing and tell the officer the preview had expired, or, arriving while
the first still runs, import the rows a second time (refused by the database: an error page).

So each confirmation of a file holds a lock named after the file, and leaves a receipt: how
many rows were written (0 when the confirmation failed) and where the outcome is seen. A
repeated confirmation reads the receipt and says that the import was already done; one that
arrives while the first still runs is told so at once (it does not wait: a big import takes
minutes, and a worker should not sit on the lock meanwhile).

The receipts are small files beside the waiting uploads (IMPORT_UPLOAD_DIR/receipts, mode
0600), named after the upload, holding only a count, an address of the portal and who
confirmed: no personal data. The lock is `flock` on the receipt itself, which works between
the processes and threads of the one host that keeps the uploads. They go with the uploads
once IMPORT_UPLOAD_MAX_AGE_HOURS have passed (`purge_expired_receipts`).
"""

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext

from .outcomes import ALREADY_FAILED, CONFIRMATION_RUNNING
from .uploads import UPLOAD_NAME, upload_folder, upload_max_age


@dataclass(frozen=True)
class Receipt:
    """What came of a file's confirmation."""

    imported: int  # rows written; 0 when the confirmation failed and nothing was written
    url: str  # the page that shows the outcome (a list, or the import page to upload again)
    user_id: int | None


class ConfirmationBusy(Exception):
    """Another request is confirming the same file right now."""


class Confirmation:
    """The lock of one file's confirmation, and its receipt (None until confirmed)."""

    def __init__(self, file: int, user_id: int | None, receipt: Receipt | None) -> None:
        self._file = file
        self._user_id = user_id
        # The receipt of an earlier confirmation of this file by the same user.
        self.receipt = receipt if receipt and receipt.user_id == user_id else None

    def record(self, *, imported: int, url: str) -> None:
        """Keep the outcome for a repeated confirmation; call before the lock is released."""
        receipt = Receipt(imported=imported, url=url, user_id=self._user_id)
        os.ftruncate(self._file, 0)
        os.pwrite(self._file, json.dumps(receipt.__dict__).encode(), 0)
        self.receipt = receipt


def answer_repeated_confirmation(request: HttpRequest, receipt: Receipt) -> HttpResponse:
    """A repeated confirmation: what the first one did, on the page that shows it."""
    if receipt.imported:
        messages.info(
            request,
            gettext("This import was already confirmed: %(count)d records were added.")
            % {"count": receipt.imported},
        )
    else:
        messages.warning(request, ALREADY_FAILED)
    return HttpResponseRedirect(receipt.url)


def confirm_once(
    request: HttpRequest,
    name: str | None,
    *,
    busy_url: str,
    run: Callable[[Confirmation | None], HttpResponse],
) -> HttpResponse:
    """`run(confirmation)` under the file's lock, once per file: a repeated confirmation is
    answered from its receipt, one posted while the first still runs is told so (the page
    at `busy_url` shows the outcome soon). `run` gets None for a name that is none of ours."""
    try:
        with confirming(name, user_id=request.user.pk) as confirmation:
            if confirmation is not None and confirmation.receipt is not None:
                return answer_repeated_confirmation(request, confirmation.receipt)
            return run(confirmation)
    except ConfirmationBusy:
        messages.warning(request, CONFIRMATION_RUNNING)
        return HttpResponseRedirect(busy_url)


def receipt_folder() -> Path:
    folder = upload_folder() / "receipts"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


@contextlib.contextmanager
def confirming(name: str | None, *, user_id: int | None) -> Iterator[Confirmation | None]:
    """Hold the confirmation lock of the file `name` while the block runs.

    Yields None for a name that is none of ours (the caller answers as for an expired
    preview), else a `Confirmation` whose `receipt` tells an earlier outcome. Raises
    `ConfirmationBusy` when another request holds the lock.
    """
    if not isinstance(name, str) or not UPLOAD_NAME.fullmatch(name):
        yield None
        return
    path = receipt_folder() / name
    file = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConfirmationBusy(name) from None
        yield Confirmation(file, user_id, _read(file))
    finally:
        os.close(file)  # releases the lock


def _read(file: int) -> Receipt | None:
    data = os.pread(file, 4096, 0)
    if not data:
        return None
    with contextlib.suppress(ValueError, TypeError):
        return Receipt(**json.loads(data))
    return None


def purge_expired_receipts(older_than: timedelta | None = None) -> int:
    """Delete the receipts older than `older_than` (by default IMPORT_UPLOAD_MAX_AGE_HOURS:
    by then their file could not be confirmed anyway); returns how many."""
    age = upload_max_age() if older_than is None else older_than
    cutoff = time.time() - age.total_seconds()
    removed = 0
    with os.scandir(receipt_folder()) as entries:
        for entry in entries:
            with contextlib.suppress(FileNotFoundError):
                if entry.is_file(follow_symlinks=False) and (
                    entry.stat(follow_symlinks=False).st_mtime < cutoff
                ):
                    os.remove(entry.path)
                    removed += 1
    return removed
