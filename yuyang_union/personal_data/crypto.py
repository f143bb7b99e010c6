"""Encryption and keyed digests of personal identifiers.

An identifier is stored encrypted (Fernet: AES with an HMAC) and, beside it, as a keyed hash
(HMAC-SHA256) that gives exact lookups and uniqueness without the plain text. Both keys
derive from settings.PERSONAL_DATA_KEY, which comes from the environment.
"""

import base64
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from yuyang_union.validators import normalize_id_number, normalize_phone

CIPHERTEXT_PREFIX = "fernet:"


@functools.cache
def _keys(secret: str) -> tuple[Fernet, bytes]:
    if not secret:
        raise ImproperlyConfigured("PERSONAL_DATA_KEY must be set to store personal identifiers.")
    encryption = hashlib.sha256(b"yuyang-union/encrypt/" + secret.encode()).digest()
    mac = hashlib.sha256(b"yuyang-union/digest/" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(encryption)), mac


def encrypt(plain: str) -> str:
    fernet, _mac = _keys(settings.PERSONAL_DATA_KEY)
    return CIPHERTEXT_PREFIX + fernet.encrypt(plain.encode()).decode()


def decrypt(stored: str) -> str:
    fernet, _mac = _keys(settings.PERSONAL_DATA_KEY)
    try:
        return fernet.decrypt(stored.removeprefix(CIPHERTEXT_PREFIX).encode()).decode()
    except InvalidToken as exc:
        # Never echo the stored value: it may be the key material's fault, not the data's.
        raise ImproperlyConfigured("Cannot decrypt a personal identifier: wrong key?") from exc


def digest(plain: str | None) -> str | None:
    """The keyed hash of a normalised identifier, for exact lookups; None for empty."""
    if not plain:
        return None
    _fernet, mac = _keys(settings.PERSONAL_DATA_KEY)
    return hmac.new(mac, plain.encode(), hashlib.sha256).hexdigest()


def digest_id_number(raw: str | None) -> str | None:
    """The keyed hash of an ID number as typed (blanks and a lower-case x forgiven)."""
    return digest(normalize_id_number(raw)) if raw else None


def digest_phone(raw: str | None) -> str | None:
    """The keyed hash of a mobile number as typed (blanks, dashes and +86 forgiven)."""
    return digest(normalize_phone(raw)) if raw else None


@functools.cache
def _file_fernet(secret: str) -> Fernet:
    if not secret:
        raise ImproperlyConfigured("PERSONAL_DATA_KEY must be set to keep uploaded files.")
    key = hashlib.sha256(b"yuyang-union/files/" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def file_fernet() -> Fernet:
    """The key of files that hold identifiers and wait on disk (an import between its preview
    and its confirmation), derived like the others but apart from them.

    Such files live for hours: when PERSONAL_DATA_KEY changes, the few waiting read as expired
    and are uploaded again, so this key needs no rotation of its own."""
    return _file_fernet(settings.PERSONAL_DATA_KEY)
