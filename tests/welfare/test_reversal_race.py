"""Two officers reversing the same paid grants at once, in two real concurrent transactions:
each grant is reversed once, and neither officer meets an error."""

import threading
import time

from django.db import connection

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
    start = threading.Barrier(2)
    outcomes = []

    def reverse_all(officer):
        try:
            start.wait(timeout=10)
            outcomes.append(
                services.reverse_entries_in_full(
                    actor=officer,
                    entries=Grant.objects.filter(pk__in=[g.pk for g in grants]),
                    reason="发放有误",
                )
            )
        except Exception as error:  # the outcome is what the test checks
            outcomes.append(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=reverse_all, args=(o,)) for o in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes, key=str) == [0, 3]
    for grant in grants:
        [reversal] = Grant.objects.filter(reverses=grant, kind=GrantKind.REVERSAL)
        assert reversal.amount == -grant.amount
