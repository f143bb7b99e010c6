"""Demo records of the legal services: the summary's 维护职工权益 figures, rebuilt from records.

`load(scale=1, rng=...)` builds, for 2015-01-01..2022-12-31, records whose figures
(`legal_aid.figures.figures`) equal the work summary's exactly, N times them at scale N, plus
plausible records from 2023 until today: open cases, one overdue mediation, contracts about
to expire. It uses the employers, unions and members already in the database (the members
demo's); when there are fewer employers than the contracts must cover (e.g. in a test), it
adds employers with valid credit codes.

Seed figures (2015–2022, scale 1): 137 consultations serving 1,298 workers; 17 outreach events
with 12,000 attendance (the summary's "近1.2万余人次" read as 12,000: "近" and "余" pull
opposite ways around 1.2万), one of them the 送法进企业 visit of 2022-06-23; 11 mediations,
29 workers, 353,000 yuan recovered; 18 legal-aid cases, 162 workers, 2,540,000 yuan recovered;
241 work-injury appraisals; 12 early-retirement appraisals; 312 collective contracts covering
2,527 distinct employers; 7 employers rated municipal 3A.
"""

from django.db import transaction
from django.utils import timezone

from . import appraisals, cases, help_requests, labour_relations, services_given
from .context import DemoContext
from .seed import CONTRACT_EMPLOYERS, SEED_END, SEED_START

__all__ = ["SEED_END", "SEED_START", "load", "load_late"]


def load(*, scale=1, rng):
    with transaction.atomic():
        context = DemoContext(scale, rng, timezone.localdate())
        context.employers = context.ensure_employers(CONTRACT_EMPLOYERS * scale + 40)
        services_given.lawyers(context)
        services_given.consultations(context)
        services_given.outreach(context)
        cases.load(context)
        appraisals.load(context)
        labour_relations.load_contracts(context)
        labour_relations.load_ratings(context)
        # Members' online requests in each state (after the cases: their numbers follow).
        help_requests.load(context)


def load_late(*, scale=1, rng):
    """After every app's demo: the member login (made by the events demo) asks too."""
    from events.demo import DEMO_LOGINS

    for username, _description in DEMO_LOGINS:
        help_requests.for_demo_member(username)
