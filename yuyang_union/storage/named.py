"""A storage of settings.STORAGES by its alias, looked up at each use.

Model fields keep the storage object they were given at import; `NamedStorage` is that object
for a private alias, and follows STORAGES when it changes (tests, which point it at a fake S3).
"""

from typing import Any

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

_named: list["NamedStorage"] = []


class NamedStorage(LazyObject):
    """storages[alias], set up on first use (as Django's own default_storage)."""

    def __init__(self, alias: str) -> None:
        super().__init__()
        self.__dict__["alias"] = alias
        _named.append(self)

    def _setup(self) -> None:
        self._wrapped = storages[self.__dict__["alias"]]


@receiver(setting_changed)
def _forget_storages(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        for named in _named:
            named.__dict__["_wrapped"] = empty  # set up again at next use
