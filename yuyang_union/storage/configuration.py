"""The file storages of settings.STORAGES, built from a few settings (see settings.py)."""

from typing import Any

_FOLDER = "yuyang_union.storage.folders.PrivateFolderStorage"
_PRIVATE_OBJECTS = "yuyang_union.storage.object_storage.PrivateObjectStorage"
_PUBLIC_OBJECTS = "storages.backends.s3.S3Storage"

# alias → (the setting naming its local folder, its prefix in the bucket)
PRIVATE_STORAGES = {
    "case_documents": ("PRIVATE_MEDIA_ROOT", "private"),
    # Documents members attach to their applications: the same private folder, own prefix.
    "application_documents": ("PRIVATE_MEDIA_ROOT", "private"),
    "job_results": ("JOB_RESULT_DIR", "job-results"),
    "import_uploads": ("IMPORT_UPLOAD_DIR", "import-uploads"),
}


def folder_storages() -> dict[str, dict[str, Any]]:
    """Local folders: MEDIA_ROOT for public uploads, the private folders (0700) for the rest."""
    return {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        **{
            alias: {"BACKEND": _FOLDER, "OPTIONS": {"folder_setting": setting}}
            for alias, (setting, _prefix) in PRIVATE_STORAGES.items()
        },
    }


def object_storages(
    *,
    bucket: str,
    endpoint_url: str | None = None,
    access_key: str | None = None,
    secret_key: str | None = None,
    region: str | None = None,
    media_domain: str | None = None,
) -> dict[str, dict[str, Any]]:
    """Prefixes of one S3-compatible bucket. No object ACL is sent (the bucket's policy,
    private, rules) and nothing is overwritten. Public uploads get signed URLs that expire,
    unless `media_domain` (a proxy or CDN in front of the media/ prefix) serves them."""
    common = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "region_name": region or None,
        "default_acl": None,
        "file_overwrite": False,
        # A self-hosted store (MinIO) answers at its own address, the bucket in the path.
        "addressing_style": "path" if endpoint_url else None,
    }
    media = {
        "location": "media",
        "custom_domain": media_domain,
        "querystring_auth": not media_domain,
    }
    return {
        "default": {"BACKEND": _PUBLIC_OBJECTS, "OPTIONS": {**common, **media}},
        **{
            alias: {"BACKEND": _PRIVATE_OBJECTS, "OPTIONS": {**common, "location": prefix}}
            for alias, (_setting, prefix) in PRIVATE_STORAGES.items()
        },
    }


def media_origins(
    *, bucket: str, endpoint_url: str | None, region: str | None, media_domain: str | None
) -> list[str]:
    """Where the pages' images come from when they are in the bucket (for the CSP)."""
    if media_domain:
        return [f"https://{media_domain}"]
    if endpoint_url:
        return [endpoint_url.rstrip("/")]
    return [f"https://{bucket}.s3{f'.{region}' if region else ''}.amazonaws.com"]
