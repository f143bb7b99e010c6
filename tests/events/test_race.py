"""Two members racing for the last place, in two real concurrent transactions."""

import time

import pytest

from events import services
from events.models import Registration, RegistrationStatus
from tests.concurrency import at_once
from tests.events.factories import EventFactory
from tests.members.factories import MemberFactory
from yuyang_union.history.actors import system_actor


@pytest.mark.parametrize("waiting_list", [True, False], ids=["waiting-list", "no-waiting-list"])
def test_two_members_racing_for_the_last_place_cannot_both_get_it(
    committed_rows, monkeypatch, waiting_list
):
    event = EventFactory(capacity=1, waiting_list_enabled=waiting_list)
    # Widen the window between counting the places and taking one: without the row lock
    # both members would count 0 taken and both get the place.
    count_places = services.places_taken

    def slow_places_taken(event):
        taken = count_places(event)
        time.sleep(0.3)
        return taken

    monkeypatch.setattr(services, "places_taken", slow_places_taken)
    members = MemberFactory.create_batch(2)
    outcomes = at_once(
        *(
            lambda member=member: (
                services.sign_up(actor=system_actor(), event=event, member=member).status
            )
            for member in members
        )
    )

    assert len(outcomes) == 2
    registered = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
    assert registered.count() == 1
    if waiting_list:
        assert sorted(map(str, outcomes)) == ["registered", "waiting"]
    else:
        assert sum(isinstance(o, Exception) for o in outcomes) == 1
