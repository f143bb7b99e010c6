"""Encryption and keyed digests of personal identifiers, under keys that can be checked and rotated.

An identifier is stored encrypted (Fernet: AES with an HMAC) and, beside it, as a keyed hash
(HMAC-SHA256) that gives exact lookups and uniqueness without the plain text. Both derive from
a secret in the environment: settings.PERSONAL_DATA_KEY encrypts and digests what is written;
settings.PERSONAL_DATA_OLD_KEYS (newest first) are still accepted while `rotate_personal_data_key`
moves every stored identifier to the new key, so reads decrypt under any of them and lookups try
the digest under each.

A fingerprint of every key the data is held under is kept in the database (`KeyFingerprint`).
A process whose keys do not match it neither reads nor writes identifiers: `key_state()` says
why, /healthz answers 503, every page shows the maintenance page, `manage.py check` fails, and
`encrypt`/`digest` raise `PersonalDataKeyError`, so an import can never store a second copy of a
person under a digest nobody can find again.
"""

import base64
import dataclasses
import functools
import hashlib
import hmac
import time
from collections.abc import Iterable, Iterator

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, transaction

from yuyang_union.validators import normalize_id_number, normalize_phone

CIPHERTEXT_PREFIX = "fernet:"
# How long a failed key check is remembered before the database is asked again.
FAILED_CHECK_SECONDS = 30.0
# For operators (the check, the log, exceptions): pages show their own maintenance page.
KEY_MISSING = "PERSONAL_DATA_KEY is not set."
KEY_MISMATCH = "The personal-data key does not match the stored data."


class PersonalDataKeyError(ImproperlyConfigured):
    """The configured personal-data key is missing or is not the key the data is held under."""


@dataclasses.dataclass(frozen=True)
class DataKey:
    fernet: Fernet
    mac: bytes
    fingerprint: str


@functools.cache
def derive_key(secret: str) -> DataKey:
    encryption = hashlib.sha256(b"yuyang-union/encrypt/" + secret.encode()).digest()
    mac = hashlib.sha256(b"yuyang-union/digest/" + secret.encode()).digest()
    # A keyed hash of a fixed label: it tells keys apart and gives nothing of the key away.
    fingerprint = hmac.new(mac, b"yuyang-union/fingerprint", hashlib.sha256).hexdigest()
    return DataKey(Fernet(base64.urlsafe_b64encode(encryption)), mac, fingerprint)


def configured_keys() -> list[DataKey]:
    """The current key first, then the older ones still accepted (empty when none is set)."""
    secrets = [settings.PERSONAL_DATA_KEY, *getattr(settings, "PERSONAL_DATA_OLD_KEYS", [])]
    if not secrets[0]:
        return []
    return [derive_key(secret) for secret in secrets if secret]


def current_key() -> DataKey:
    keys = configured_keys()
    if not keys:
        raise PersonalDataKeyError(KEY_MISSING)
    return keys[0]


# --- The key check ---------------------------------------------------------------------------

_checked: dict[tuple[str, ...], tuple[str, float]] = {}


def key_state() -> str:
    """ "" when the configured keys match the data; otherwise why not, in one sentence.

    A success is remembered for the life of the process (keys change only with a restart), a
    failure for FAILED_CHECK_SECONDS, so pages pay for the check once.
    """
    keys = configured_keys()
    if not keys:
        return KEY_MISSING
    signature = tuple(key.fingerprint for key in keys)
    remembered = _checked.get(signature)
    if remembered is not None:
        problem, at = remembered
        if not problem or time.monotonic() - at < FAILED_CHECK_SECONDS:
            return problem
    checked = _check_against_database(keys)
    if checked is not None:
        _checked[signature] = (checked, time.monotonic())
    return checked or ""


def forget_key_checks() -> None:
    """For tests and the rotation command: check the keys against the database again."""
    _checked.clear()


def _check_against_database(keys: list[DataKey]) -> str | None:
    """None when the keys cannot be checked yet (no table: before the first migration)."""
    from .models import KeyFingerprint

    mine = {key.fingerprint for key in keys}
    try:
        with transaction.atomic():
            recorded = set(KeyFingerprint.objects.values_list("fingerprint", flat=True))
            if not recorded:
                sample = stored_ciphertext_sample()
                if sample is not None and not _decrypts(keys, sample):
                    return KEY_MISMATCH
                KeyFingerprint.objects.bulk_create(
                    [KeyFingerprint(fingerprint=f) for f in mine], ignore_conflicts=True
                )
                return ""
            if not recorded <= mine:
                return KEY_MISMATCH
            if keys[0].fingerprint not in recorded:
                # A new key, added with the old ones still configured: rotation has begun.
                KeyFingerprint.objects.create(fingerprint=keys[0].fingerprint)
            return ""
    except DatabaseError:
        return None


def _decrypts(keys: list[DataKey], stored: str) -> bool:
    try:
        MultiFernet([key.fernet for key in keys]).decrypt(_token(stored))
    except InvalidToken:
        return False
    return True


def stored_ciphertext_sample() -> str | None:
    """One stored encrypted identifier, whichever table has one first (None: no data yet)."""
    for table, column in encrypted_columns():
        with connection.cursor() as cursor:
            quote = connection.ops.quote_name
            cursor.execute(
                f"SELECT {quote(column)} FROM {quote(table)} "  # noqa: S608 (model metadata)
                f"WHERE {quote(column)} LIKE %s LIMIT 1",
                [CIPHERTEXT_PREFIX + "%"],
            )
            row = cursor.fetchone()
        if row:
            return str(row[0])
    return None


def encrypted_columns() -> Iterator[tuple[str, str]]:
    """(table, column) of every encrypted identifier field of every installed model."""
    from .fields import models_with_identifiers

    for model, fields in models_with_identifiers():
        for field in fields:
            yield model._meta.db_table, str(field.column)


def require_matching_key() -> DataKey:
    """The current key, after making sure the data is held under the configured keys."""
    problem = key_state()
    if problem:
        raise PersonalDataKeyError(problem)
    return current_key()


# --- Encryption and digests ------------------------------------------------------------------


def _token(stored: str) -> bytes:
    return stored.removeprefix(CIPHERTEXT_PREFIX).encode()


def encrypt(plain: str) -> str:
    key = require_matching_key()
    return CIPHERTEXT_PREFIX + key.fernet.encrypt(plain.encode()).decode()


def decrypt(stored: str) -> str:
    keys = configured_keys()
    if not keys:
        raise PersonalDataKeyError(KEY_MISSING)
    try:
        return MultiFernet([key.fernet for key in keys]).decrypt(_token(stored)).decode()
    except InvalidToken as exc:
        # Never echo the stored value: it is the key's fault, not the data's.
        raise PersonalDataKeyError(KEY_MISMATCH) from exc


def is_under_current_key(stored: str) -> bool:
    try:
        current_key().fernet.decrypt(_token(stored))
    except InvalidToken:
        return False
    return True


def _mac(key: DataKey, plain: str) -> str:
    return hmac.new(key.mac, plain.encode(), hashlib.sha256).hexdigest()


def digest(plain: str | None) -> str | None:
    """The keyed hash (under the current key) of a normalised identifier; None for empty."""
    if not plain:
        return None
    return _mac(require_matching_key(), plain)


def digests(plain: str | None) -> list[str]:
    """The keyed hash under every accepted key, newest first: for lookups during a rotation."""
    if not plain:
        return []
    require_matching_key()
    return [_mac(key, plain) for key in configured_keys()]


def digest_id_number(raw: str | None) -> str | None:
    """The keyed hash of an ID number as typed (blanks and a lower-case x forgiven)."""
    return digest(normalize_id_number(raw)) if raw else None


def digest_phone(raw: str | None) -> str | None:
    """The keyed hash of a mobile number as typed (blanks, dashes and +86 forgiven)."""
    return digest(normalize_phone(raw)) if raw else None


def id_number_digests(raw: str | None) -> list[str]:
    """What to look an ID number up by: `filter(id_number_digest__in=id_number_digests(raw))`."""
    return digests(normalize_id_number(raw)) if raw else []


def phone_digests(raw: str | None) -> list[str]:
    return digests(normalize_phone(raw)) if raw else []


def digest_aliases(plains: Iterable[str]) -> dict[str, str]:
    """Every accepted digest of each normalised identifier, mapped to its current digest.

    For batch lookups (imports): filter by `__in=aliases`, then key what is found by
    `aliases[row.digest]`; outside a rotation this is the identity.
    """
    require_matching_key()
    keys = configured_keys()
    aliases: dict[str, str] = {}
    for plain in plains:
        if plain:
            current = _mac(keys[0], plain)
            for key in keys:
                aliases[_mac(key, plain)] = current
    return aliases


@functools.cache
def _file_fernet(secret: str) -> Fernet:
    if not secret:
        raise PersonalDataKeyError(KEY_MISSING)
    key = hashlib.sha256(b"yuyang-union/files/" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def file_fernet() -> Fernet:
    """The key of files that hold identifiers and wait on disk (an import between its preview
    and its confirmation), derived like the others but apart from them.

    Such files live for hours: when PERSONAL_DATA_KEY changes (a rotation), the few waiting
    read as expired and are uploaded again, so this key needs no old keys of its own."""
    return _file_fernet(settings.PERSONAL_DATA_KEY)
