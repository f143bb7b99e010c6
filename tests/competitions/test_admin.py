import pytest
from django.urls import reverse

from competitions.models import CompetitionTitle, Participation
from members.models import Honour
from tests.competitions.factories import (
    CompetitionEventFactory,
    CompetitionTitleFactory,
    CoOrganiserFactory,
    EntryFactory,
    ParticipationFactory,
)
from tests.members.factories import EmployerFactory, MemberFactory
from yuyang_union import roles

pytestmark = pytest.mark.django_db

MODELS = ["coorganiser", "competition", "competitionevent", "participation", "entry",
          "competitiontitle"]  # fmt: skip


def _fill(size):
    event = CompetitionEventFactory()
    for _index in range(size):
        entry = EntryFactory(event=event, score=70)
        ParticipationFactory(competition=event.competition, employer=entry.employer)
        CompetitionTitleFactory(competition=event.competition, member=entry.member)
        CoOrganiserFactory()
    return event


@pytest.mark.parametrize("size", [5, 30])
def test_changelists_keep_their_query_count(
    client, make_staff, django_assert_max_num_queries, size
):
    event = _fill(size)
    client.force_login(make_staff(roles.COMPETITIONS))
    for model in MODELS:
        url = reverse(f"admin:competitions_{model}_changelist")
        with django_assert_max_num_queries(14):
            response = client.get(url)
        assert response.status_code == 200, model
    for name, pk in [("competition", event.competition.pk), ("entry", event.entries.first().pk)]:
        response = client.get(reverse(f"admin:competitions_{name}_change", args=[pk]))
        assert response.status_code == 200


def test_other_roles_cannot_open_the_competitions_admin(client, make_staff):
    _fill(1)
    client.force_login(make_staff(roles.WELFARE))
    for model in MODELS:
        response = client.get(reverse(f"admin:competitions_{model}_changelist"))
        assert response.status_code == 403


def test_leaders_see_but_cannot_add(client, make_staff):
    _fill(1)
    client.force_login(make_staff(roles.LEADERS))
    assert client.get(reverse("admin:competitions_entry_changelist")).status_code == 200
    assert client.get(reverse("admin:competitions_entry_add")).status_code == 403


def test_adding_an_entry_in_the_admin_enrols_the_employer(client, make_staff):
    event = CompetitionEventFactory()
    member, employer = MemberFactory(), EmployerFactory()
    client.force_login(make_staff(roles.COMPETITIONS))
    response = client.post(
        reverse("admin:competitions_entry_add"),
        {"event": event.pk, "member": member.pk, "employer": employer.pk, "score": "88",
         "award": "none"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Participation.objects.filter(competition=event.competition, employer=employer).exists()
    # The same member again in the same event: a clear error at the form, nothing saved.
    response = client.post(
        reverse("admin:competitions_entry_add"),
        {"event": event.pk, "member": member.pk, "employer": employer.pk, "award": "none"},
    )
    assert response.status_code == 200
    assert "此会员已报名该工种/项目。" in response.content.decode()


def test_promote_action(client, make_staff):
    titles = CompetitionTitleFactory.create_batch(3)
    client.force_login(make_staff(roles.COMPETITIONS))
    response = client.post(
        reverse("admin:competitions_competitiontitle_changelist"),
        {"action": "promote_selected", "_selected_action": [t.pk for t in titles]},
    )
    assert response.status_code == 302
    assert Honour.objects.count() == 3
    assert CompetitionTitle.objects.filter(honour__isnull=False).count() == 3


@pytest.mark.parametrize("size", [5, 30])
def test_competition_change_form_keeps_its_query_count(
    client, make_staff, django_assert_max_num_queries, size
):
    event = _fill(size)
    client.force_login(make_staff(roles.COMPETITIONS))
    url = reverse("admin:competitions_competition_change", args=[event.competition.pk])
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200
