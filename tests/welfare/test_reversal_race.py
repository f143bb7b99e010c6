"""Two officers reversing the same paid grants at once, in two real concurrent transactions:
each grant is reversed once, and neither officer meets an error."""

import time
from functools import partial

from tests.concurrency import at_once
from tests.welfare.factories import GrantFactory
from welfare import services
from welfare.models import Grant, GrantKind
from yuyang_union import roles


def test_two_officers_reversing_the_same_grants_reverse_each_once(
    committed_rows, make_staff, monkeypatch
):
    grants = GrantFactory.create_batch(3, paid=True)
    officers = [make_staff(roles.WELFARE), make_staff(roles.WELFARE)]
    # Widen the window between reading which grants are not reversed yet and reversing
    # them: without the locks taken first, both officers would find all three unreversed,
    # and the second's reversal would be refused (an error page).
    reverse_entry = services.reverse_entry

    def slow_reverse_entry(**kwargs):
        time.sleep(0.2)
        return reverse_entry(**kwargs)

    monkeypatch.setattr(services, "reverse_entry", slow_reverse_entry)
    outcomes = at_once(
        *(
            partial(
                services.reverse_entries_in_full,
                actor=officer,
                entries=Grant.objects.filter(pk__in=[g.pk for g in grants]),
                reason="发放有误",
            )
            for officer in officers
        )
    )

    assert sorted(outcomes, key=str) == [0, 3]
    for grant in grants:
        [reversal] = Grant.objects.filter(reverses=grant, kind=GrantKind.REVERSAL)
        assert reversal.amount == -grant.amount
