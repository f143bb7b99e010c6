"""Files on S3-compatible object storage (STORAGE_S3_BUCKET): the same bucket for every node.

Nothing is made public by an object ACL (none is sent: the bucket's own policy, private, rules;
stores that refuse ACLs accept that too). Public uploads are reached through signed URLs that
expire, or through STORAGE_S3_MEDIA_DOMAIN when a proxy or CDN serves them; private files have
no URL at all.
"""

from typing import Any

from storages.backends.s3 import S3Storage  # type: ignore[import-untyped]


class PrivateObjectStorage(S3Storage):
    """A private prefix of the bucket: no ACL, no URL; views stream its files after a check."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**{**options, "default_acl": None, "querystring_auth": True})

    def url(
        self, name: str | None, parameters: Any = None, expire: Any = None, http_method: Any = None
    ) -> str:
        raise ValueError("Private files have no URL: a view that checks access serves them.")
