"""Demo events: the six 2022 events of the seed with their write-ups and photos, a plausible
2023–today, and upcoming events with sign-up open. Pictures are drawn here with Pillow
(nothing is downloaded) and stored through Django's storage API.

At scale N every volume is N times larger: the 2015–2022 figures are N times the seed's six
events (the summary publishes no event totals, so the six captioned events are the record).
"""

from django.db import transaction
from django.utils import timezone

from members.models import Township, UnionOrganisation

from ..models import Event, EventPhoto
from . import registrations
from .calendar import Pictures, seed_events, upcoming_events, yearly_events
from .registrations import DEMO_LOGINS
from .seed import BATCH, CREDIT, UPCOMING_EVENTS

__all__ = ["DEMO_LOGINS", "UPCOMING_EVENTS", "load"]


def load(*, scale=1, rng):
    with transaction.atomic():
        now = timezone.now()
        where = {
            "county": UnionOrganisation.objects.get_first_root_node(),
            "townships": {t.name: t for t in Township.objects.all()},
            "picture": Pictures(),
            "scale": scale,
        }
        events, galleries = seed_events(**where)
        events += yearly_events(**where, rng=rng, now=now)
        upcoming = upcoming_events(**where, now=now)
        events += upcoming
        Event.objects.bulk_create(events, batch_size=BATCH)
        photos = [
            EventPhoto(
                event=events[index],
                image=image,
                thumbnail=thumb,
                caption=caption,
                credit=CREDIT,
                ordering=position,
            )
            for index, gallery in galleries
            for position, (image, thumb, caption) in enumerate(gallery)
        ]
        EventPhoto.objects.bulk_create(photos, batch_size=BATCH)
        registrations.load(upcoming, rng=rng, now=now)
