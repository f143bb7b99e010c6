"""Demo county for `make run`: the union tree, employers, members and honours.

At scale 1 the figures for 2015-01-01..2022-12-31 equal the seed's work summary exactly:
182 unions founded bringing in 11,310 members, and the honours it lists; at scale N, N times
them. Around them: older unions (the township and industry unions, grassroots unions founded
before 2015) and newer ones (2023 to today), so a period's figures must really filter.

Volumes are written fast (scale 100 is a million members): employers and members with
PostgreSQL COPY (`yuyang_union.demo.loading.copy_rows`), unions with bulk_create and tree
paths computed here rather than one treebeard add_child each. COPY skips Model.save, so each
member's birth date and sex are derived here, and `copy_rows` encrypts the identifiers and
fills their digest columns.
"""

import random

from django.utils import timezone

from ..models import Township, UnionOrganisation
from . import join_applications, organisations, people


def load(*, scale=1, rng):
    today = timezone.localdate()
    root = UnionOrganisation.objects.get_first_root_node()
    townships = list(Township.objects.order_by("ordering", "pk"))
    top_unions = organisations.top_unions(root, townships, rng)
    # Unsaved until their unions exist: employers are written once, with their union.
    employers = organisations.employers_of_county(townships, scale, rng)
    unions = organisations.grassroots_unions(top_unions, townships, employers, scale, rng, today)
    organisations.link_employers(employers, unions, top_unions, rng)
    members = people.members_of_unions(unions, top_unions, employers, scale, rng, today)
    people.honours(members, employers, scale, rng)
    organisations.attach_demo_officer(top_unions)
    # Their own generator: the county's stays as it was for the apps loaded after.
    join_applications.load(random.Random(18))  # noqa: S311
