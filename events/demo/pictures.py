"""Pictures drawn with Pillow (nothing is downloaded), stored through Django's storage API."""

import io
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

from ..images import make_thumbnail
from ..models import EventCategory

PALETTES = {
    EventCategory.HEALTH: ((214, 238, 245), (46, 139, 87)),
    EventCategory.TRAINING: ((240, 235, 220), (70, 90, 160)),
    EventCategory.LEGAL: ((235, 235, 245), (150, 30, 40)),
    EventCategory.COMPETITION: ((250, 240, 215), (200, 60, 30)),
    EventCategory.SOCIAL: ((250, 228, 235), (210, 70, 120)),
    EventCategory.RELIEF: ((255, 244, 214), (0, 120, 190)),
    EventCategory.CULTURE: ((230, 245, 230), (180, 120, 20)),
    EventCategory.OTHER: ((238, 238, 238), (90, 90, 90)),
}


def draw_picture(*, category, variant, rng, size=(960, 640)):
    """A simple scene (sky, hills of Youyang, a red banner and a crowd) as JPEG bytes."""
    sky, accent = PALETTES[category]
    width, height = size
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    for band in range(3):  # hills
        top = int(height * (0.45 + 0.1 * band))
        shade = tuple(max(0, c - 40 * (band + 1)) for c in (120, 170, 110))
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, top + rng.randint(-40, 40)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    draw.rectangle([width * 0.1, height * 0.12, width * 0.9, height * 0.24], fill=(200, 16, 46))
    banner_edge = [width * 0.12, height * 0.14, width * 0.88, height * 0.22]
    draw.rectangle(banner_edge, outline=(255, 210, 0))
    for _person in range(18 + variant * 3):  # the crowd
        x = rng.randint(20, width - 20)
        y = rng.randint(int(height * 0.62), height - 30)
        colour = accent if rng.random() < 0.5 else tuple(rng.randint(40, 220) for _ in range(3))
        draw.ellipse([x - 9, y - 30, x + 9, y - 12], fill=(240, 200, 160))
        draw.rectangle([x - 12, y - 12, x + 12, y + 26], fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def stored_picture(key, category, variant):
    """(image name, thumbnail name) of a drawn picture, stored through the storage API.

    Drawn with its own generator seeded by the key, so a picture is the same on every run
    and a second load reuses the stored files instead of piling up copies.
    """
    image_name = f"events/demo/{key}.jpg"
    thumb_name = f"events/demo/{key}-thumb.jpg"
    if not (default_storage.exists(image_name) and default_storage.exists(thumb_name)):
        drawing_rng = random.Random(key)  # noqa: S311 (shapes in a picture, not a secret)
        content = draw_picture(category=category, variant=variant, rng=drawing_rng)
        for name in (image_name, thumb_name):
            if default_storage.exists(name):
                default_storage.delete(name)
        image_name = default_storage.save(image_name, ContentFile(content))
        thumb_name = default_storage.save(thumb_name, make_thumbnail(io.BytesIO(content)))
    return image_name, thumb_name
