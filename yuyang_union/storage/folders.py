"""Private files in a local folder: the folder 0700 and owned by the site's user, files 0600."""

import os
import stat
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage


def private_folder(setting: str) -> Path:
    """The folder the setting names, created for this user alone (0700) on first use."""
    folder = Path(getattr(settings, setting))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.lstat()
    # A default may lie in the shared temporary folder: someone else's folder, or a link,
    # at that place must not receive the files.
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise ImproperlyConfigured(
            f"{setting} ({folder}) must be a folder owned by this user, not a link."
        )
    if stat.S_IMODE(info.st_mode) != 0o700:
        folder.chmod(0o700)
    return folder


class PrivateFolderStorage(FileSystemStorage):
    """Files in the folder that the setting `folder_setting` names, read at every use (so a
    test, or a restore, that points the setting elsewhere is followed); no URL at all."""

    def __init__(self, *, folder_setting: str, **options: Any) -> None:
        self.folder_setting = folder_setting
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700, **options)

    @property
    def base_location(self) -> str:
        return str(getattr(settings, self.folder_setting))

    @property
    def location(self) -> str:
        return str(private_folder(self.folder_setting).resolve())

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL: a view that checks access serves them.")
