"""What every welfare demo loader shares: the scale, the random generator, the county's
unions and townships, the welfare demo login, the members the records belong to."""

import datetime

from django.contrib.auth import get_user_model

from members.models import Member, Township, UnionOrganisation
from yuyang_union import roles
from yuyang_union.demo.kit import IDNumbers, person_name, random_date

from ..models import (
    FundSource,
    GrantState,
    ReliefCampaign,
)
from .seed import (
    BATCH,
)


class DemoContext:
    def __init__(self, scale, rng, today):
        self.scale = scale
        self.rng = rng
        self.today = today
        self.townships = list(Township.objects.all()) or [Township.objects.create(name="钟多街道")]
        self.unions = list(UnionOrganisation.objects.filter(depth__gt=1)) or list(
            UnionOrganisation.objects.all()
        )
        username = roles.DEMO_USERNAMES[roles.WELFARE]
        self.staff = get_user_model().objects.filter(username=username).first()
        # New members' numbers must not be a member's already; students are not members.
        self.member_ids = IDNumbers(
            rng, taken=lambda number: Member.objects.with_id_number(number).exists()
        )
        self.student_ids = IDNumbers(rng)

    def ensure_members(self, needed):
        """At least `needed` members to give records to (added to existing unions)."""
        have = Member.objects.count()
        extra = []
        for _n in range(max(0, needed - have)):
            birth = random_date(self.rng, datetime.date(1965, 1, 1), datetime.date(1998, 12, 31))
            member = Member(
                name=person_name(self.rng),
                id_number=self.member_ids.new(birth),
                union=self.rng.choice(self.unions),
                joined_on=random_date(
                    self.rng, datetime.date(2005, 1, 1), datetime.date(2014, 12, 31)
                ),
            )
            member.derive_from_id_number()
            extra.append(member)
        Member.objects.bulk_create(extra, batch_size=BATCH)
        self.members = list(
            Member.objects.order_by("id").only("id", "name", "union_id", "sex")[: needed * 2]
        )

    def approval(self, paid_on):
        """The fields of an entry approved three days before it was paid."""
        approved_at = datetime.datetime.combine(
            paid_on - datetime.timedelta(days=3), datetime.time(10), tzinfo=datetime.UTC
        )
        return {
            "state": GrantState.PAID,
            "approved_by": self.staff,
            "approved_at": approved_at,
            "paid_on": paid_on,
        }

    def campaign(self, kind, year, name, budget, notice=None):
        """The campaign of that year and name (made once)."""
        campaign, _created = ReliefCampaign.objects.get_or_create(
            year=year,
            name=name,
            defaults={
                "kind": kind,
                "budget": budget,
                "fund_sources": [FundSource.UNION_FUNDS, FundSource.MUNICIPAL],
                "notice_starts": notice[0] if notice else None,
                "notice_ends": notice[1] if notice else None,
            },
        )
        return campaign
