"""Demo records of the welfare app: the summary's 服务职工 figures, rebuilt from records.

`load(scale=1, rng=...)` builds, for 2015-01-01..2022-12-31, records whose figures equal
the work summary's exactly (N times them at scale N), plus plausible records for 2023 until
today. It uses the members demo's unions, townships and members; when there are fewer
members than the records need (e.g. in a test with an empty database) it adds members to
existing unions first, since every record here belongs to a member.

Seed figures (2015–2022, scale 1): 489 hardship households in file, all 489 lifted out;
送温暖 5,290,000 yuan and 615 household visits; 金秋助学 2,960,000 yuan to 668 students;
4,187 jobs offered; 10,900 mutual-aid enrolments (the summary's "1.09万余人次" read as
10,900, the smallest number it allows); 36 workers' homes; 6 outdoor stations; 1,572 health
check-ups.
"""

from django.db import transaction
from django.utils import timezone

from . import households, member_services, relief
from .context import DemoContext
from .requests import load_late
from .seed import SEED_END, SEED_START

__all__ = ["SEED_END", "SEED_START", "load", "load_late"]


def load(*, scale=1, rng):
    with transaction.atomic():
        context = DemoContext(scale, rng, timezone.localdate())
        context.ensure_members(950 * scale)  # mutual aid: 1,800 a year over two plans
        households.load(context)
        relief.load_warmth(context)
        relief.load_education(context)
        member_services.load(context)
