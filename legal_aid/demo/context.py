"""What every legal-aid demo loader shares: the scale, the random generator, the legal demo
login, members and employers to refer to, the case-number counters."""

from django.contrib.auth import get_user_model

from members.models import Employer, Member, Township, UnionOrganisation
from yuyang_union import roles
from yuyang_union.demo.kit import (
    IDNumbers,
    credit_code,
)

from ..models import (
    CaseNumberCounter,
)
from .seed import (
    BATCH,
    EMPLOYER_WORDS,
)


class DemoContext:
    def __init__(self, scale, rng, today):
        self.scale = scale
        self.rng = rng
        self.today = today
        self.ids = IDNumbers(rng)
        self.staff = (
            get_user_model().objects.filter(username=roles.DEMO_USERNAMES[roles.LEGAL]).first()
        )
        self.members = list(Member.objects.order_by("id").only("id")[: 200 * scale])
        self.counters = {(c.kind, c.year): c.last_number for c in CaseNumberCounter.objects.all()}

    def ensure_employers(self, needed):
        have = list(Employer.objects.order_by("id").values_list("id", flat=True)[:needed])
        missing = needed - len(have)
        if missing > 0:
            townships = list(Township.objects.all()) or [None]
            unions = list(UnionOrganisation.objects.filter(depth__gt=1)[:500]) or [None]
            taken = set(
                Employer.objects.filter(
                    credit_code__startswith=credit_code(0, series="LA")[:10]
                ).values_list("credit_code", flat=True)
            )
            extra, serial = [], 0
            while len(extra) < missing:
                serial += 1
                code = credit_code(serial, series="LA")
                if code in taken:
                    continue
                township = self.rng.choice(townships)
                place = township.name[:-1] if township else "酉阳"
                extra.append(
                    Employer(
                        name=f"酉阳县{place}{self.rng.choice(EMPLOYER_WORDS)}有限公司{serial}",
                        credit_code=code,
                        ownership="private",
                        township=township,
                        union=self.rng.choice(unions),
                        headcount=self.rng.randint(5, 300),
                    )
                )
            Employer.objects.bulk_create(extra, batch_size=BATCH)
            have = list(Employer.objects.order_by("id").values_list("id", flat=True)[:needed])
        return have

    def maybe(self, items, chance=0.5):
        """One of `items` by `chance`, else None."""
        return self.rng.choice(items) if items and self.rng.random() < chance else None
