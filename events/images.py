"""Uploaded pictures: checked by their content (not their name), size-limited, thumbnailed.

Files go through Django's storage API (ImageField → default_storage), so object storage can
replace MEDIA_ROOT later without touching this code.
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; anything bigger is a mistake or an attack
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
THUMBNAIL_SIZE = (640, 640)


def validate_image_upload(file):
    """Refuse files that are not a real JPEG/PNG/WebP/GIF picture, or are too big."""
    if file is None or getattr(file, "_committed", False):
        return  # an image stored earlier was checked when it came in
    size = getattr(file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The picture is %(size)s; at most %(limit)s is accepted."),
            code="image_too_big",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(MAX_UPLOAD_BYTES),
            },
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()  # reads the whole file: catches truncated or forged content
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a picture (JPEG, PNG, WebP or GIF)."), code="not_an_image"
        ) from None
    finally:
        file.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("This file is not a picture (JPEG, PNG, WebP or GIF)."), code="not_an_image"
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(_("The picture has too many pixels."), code="image_too_large")


def make_thumbnail(file, size=THUMBNAIL_SIZE):
    """A JPEG at most `size`, turned upright as the camera recorded it."""
    file.seek(0)
    with Image.open(file) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail(size)
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=82, optimize=True)
    file.seek(0)
    return ContentFile(buffer.getvalue())
