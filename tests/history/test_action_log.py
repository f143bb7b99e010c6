"""The action log: who did what to which record, written by the services with the change."""

import datetime
import inspect
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from competitions import services as competition_services
from events import services as event_services
from events.models import RegistrationStatus
from legal_aid import services as legal_services
from legal_aid.models import CaseStatusChange
from members import services as member_services
from tests.competitions.factories import CompetitionFactory
from tests.events.factories import EventFactory
from tests.legal_aid.factories import make_case
from tests.members.factories import MemberFactory, UnionFactory, UserFactory
from tests.welfare.factories import CampaignFactory, HouseholdFactory
from welfare import services as welfare_services
from yuyang_union import roles
from yuyang_union.history import actions
from yuyang_union.history.actors import require_permission, system_actor
from yuyang_union.history.models import ActionEntry
from yuyang_union.history.verbs import Detail, Verb
from yuyang_union.summary import services as summary_services

pytestmark = pytest.mark.django_db

SERVICE_MODULES = [
    member_services,
    welfare_services,
    legal_services,
    competition_services,
    event_services,
    summary_services,
]

PROBE = Verb("tests.probe", "测试动作", details={"note": Detail("note"), "who": Detail("who")})


def entries_for(obj):
    return list(
        ActionEntry.objects.filter(object_id=str(obj.pk))
        .order_by("created_at", "id")
        .values_list("verb", flat=True)
    )


# The log itself -------------------------------------------------------------------------


def test_an_action_needs_an_actor():
    with pytest.raises(ValueError, match="actor"):
        actions.log_action(actor=None, verb=PROBE, obj=UnionFactory())


def test_an_action_records_only_the_details_its_verb_declares():
    with pytest.raises(ValueError, match="declare"):
        actions.log_action(actor=system_actor(), verb=PROBE, obj=UnionFactory(), data={"x": 1})


def test_identifiers_in_an_actions_details_are_masked():
    entry = actions.log_action(
        actor=system_actor(),
        verb=PROBE,
        obj=UnionFactory(),
        data={"note": "500242199001011234", "who": "138 1234 5678"},
    )
    entry.refresh_from_db()
    assert entry.data == {"note": "500242********1234", "who": "138****5678"}


def test_two_verbs_cannot_share_a_code():
    with pytest.raises(ValueError, match=r"tests\.probe"):
        Verb("tests.probe", "另一个名称")


def test_the_system_actor_cannot_sign_in_but_may_act(client):
    system = system_actor()
    assert not system.is_active
    assert not system.has_usable_password()
    client.post(reverse("login"), {"username": "system", "password": ""})
    assert "_auth_user_id" not in client.session
    require_permission(system, "welfare.approve_grant")  # no PermissionDenied
    with pytest.raises(PermissionDenied):
        require_permission(UserFactory(), "welfare.approve_grant")


# One name for who acts -------------------------------------------------------------------


@pytest.mark.parametrize("module", SERVICE_MODULES, ids=lambda m: m.__name__)
def test_services_name_the_actor_actor_and_require_it(module):
    """No `by` or `created_by` for who acts, and no default that lets the actor be None."""
    for name, function in inspect.getmembers(module, inspect.isfunction):
        if function.__module__ != module.__name__ or name.startswith("_"):
            continue
        parameters = inspect.signature(function).parameters
        assert not {"by", "created_by"} & set(parameters), f"{module.__name__}.{name}"
        actor = parameters.get("actor")
        if actor is not None:
            assert actor.kind is inspect.Parameter.KEYWORD_ONLY, f"{module.__name__}.{name}"
            assert actor.default is inspect.Parameter.empty, f"{module.__name__}.{name}"


# Each service writes one entry with its change --------------------------------------------


def registered_and_lifted_out(staff):
    """A household file registered in 2022 and lifted out on 5 January 2023, by `staff`."""
    head = MemberFactory()
    household = welfare_services.register_household(
        actor=staff,
        head=head,
        union=head.union,
        tier="deep",
        registered_on=datetime.date(2022, 3, 1),
    )
    welfare_services.lift_out(
        actor=staff,
        household=household,
        lifted_out_on=datetime.date(2023, 1, 5),
        measure="employment",
    )
    return household


def test_a_household_file_s_life_is_in_its_action_log(make_staff):
    staff = make_staff(roles.WELFARE)
    household = registered_and_lifted_out(staff)
    assert entries_for(household) == [
        "welfare.household.registered",
        "welfare.household.lifted_out",
    ]
    lifted = ActionEntry.objects.get(verb="welfare.household.lifted_out")
    assert lifted.actor == staff
    assert lifted.data == {"measure": "employment", "lifted_out_on": "2023-01-05"}


def test_a_refused_change_leaves_no_action(make_staff):
    staff = make_staff(roles.WELFARE)
    household = HouseholdFactory()
    with pytest.raises(ValidationError):
        welfare_services.cancel_household(
            actor=staff, household=household, cancelled_on=datetime.date(2023, 1, 1), reason=" "
        )
    assert not ActionEntry.objects.exists(), list(ActionEntry.objects.values("verb", "data"))


def test_a_bulk_approval_logs_each_entry_it_approved(make_staff):
    approver = make_staff(roles.WELFARE)
    campaign = CampaignFactory()
    grants = [
        welfare_services.propose_grant(
            actor=approver,
            campaign=campaign,
            household=HouseholdFactory(),
            amount=Decimal("800"),
            granted_on=datetime.date(2020, 1, 10),
        )
        for _ in range(3)
    ]
    chosen = campaign.grants.all()
    assert welfare_services.approve_entries(actor=approver, entries=chosen) == 3
    assert welfare_services.approve_entries(actor=approver, entries=chosen) == 0
    for grant in grants:
        assert entries_for(grant) == ["welfare.entry.proposed", "welfare.entry.approved"]


def test_a_case_move_is_one_action_linked_from_the_status_history(make_staff):
    staff = make_staff(roles.LEGAL)
    case = make_case(actor=staff, kind="mediation")
    legal_services.move_case(actor=staff, case=case, to_status="accepted", note="材料齐全")
    assert entries_for(case) == ["legal_aid.case.registered", "legal_aid.case.moved"]
    move = CaseStatusChange.objects.get(case=case, to_status="accepted")
    assert move.action.verb == "legal_aid.case.moved"
    assert move.action.data["note"] == "材料齐全"
    assert move.action.data["from_status"] == "received"


def test_sign_up_cancellation_waiting_list_and_check_in_are_logged():
    event = EventFactory(capacity=1)
    holder, waiting = MemberFactory(), MemberFactory()
    system = system_actor()
    place = event_services.sign_up(actor=system, event=event, member=holder)
    queued = event_services.sign_up(actor=system, event=event, member=waiting)
    assert queued.status == RegistrationStatus.WAITING
    event_services.cancel(actor=system, registration=place)
    event_services.check_in(actor=system, registration=queued)
    assert entries_for(place) == ["events.registration.signed_up", "events.registration.cancelled"]
    assert entries_for(queued) == [
        "events.registration.signed_up",
        "events.registration.moved_up",
        "events.registration.checked_in",
    ]


def test_publishing_and_cancelling_events_are_logged(make_staff):
    staff = make_staff(roles.EVENTS)
    event = EventFactory(status="draft")
    queryset = type(event).objects.filter(pk=event.pk)
    assert event_services.publish_events(actor=staff, events=queryset) == 1
    assert event_services.cancel_events(actor=staff, events=queryset) == 1
    assert entries_for(event) == ["events.event.published", "events.event.cancelled"]


def test_a_transfer_and_a_competition_move_are_logged(make_staff, tree_for_transfer):
    organisation = make_staff(roles.ORGANISATION)
    member, to_union = tree_for_transfer
    transfer = member_services.release_transfer(
        actor=organisation, member=member, to_union=to_union, reason="调动"
    )
    member_services.accept_transfer(actor=organisation, transfer=transfer)
    assert entries_for(transfer) == ["members.transfer.released", "members.transfer.accepted"]

    competition = CompetitionFactory(status="planned")
    competition_services.change_status(actor=organisation, competition=competition, to="open")
    entry = ActionEntry.objects.get(verb="competitions.competition.status_changed")
    assert entry.data == {"from_status": "planned", "to_status": "open"}


@pytest.fixture
def tree_for_transfer():
    return MemberFactory(), UnionFactory()


# The history page ------------------------------------------------------------------------


def test_the_history_page_shows_actions_beside_field_changes_in_chinese(client, make_staff):
    staff = make_staff(roles.WELFARE)
    household = registered_and_lifted_out(staff)
    client.force_login(staff)
    url = reverse("admin:welfare_hardshiphousehold_history", args=[household.pk])
    page = client.get(url).content.decode()
    assert "建立困难职工档案" in page  # the action
    assert "解困脱困" in page
    assert "2023年1月5日" in page  # its details, with a Chinese date
    assert "修改" in page  # the field changes beside them
    assert "welfare.household" not in page  # never the internal code
    assert staff.username in page


def test_a_case_history_links_its_status_history_and_view_log(client, make_staff):
    legal = make_staff(roles.LEGAL)
    case = make_case(actor=legal, kind="mediation")
    legal_services.move_case(actor=legal, case=case, to_status="accepted")
    client.force_login(legal)
    page = client.get(reverse("admin:legal_aid_case_history", args=[case.pk])).content.decode()
    assert "变更案件状态" in page
    moves = reverse("admin:legal_aid_casestatuschange_changelist") + f"?case__id__exact={case.pk}"
    assert moves in page
    listed = client.get(moves)
    assert listed.status_code == 200
    assert list(listed.context["cl"].result_list) == list(case.status_changes.all())


def test_administrators_read_the_whole_log_by_act_in_chinese(client, make_staff):
    welfare = make_staff(roles.WELFARE)
    registered_and_lifted_out(welfare)
    url = reverse("admin:history_actionentry_changelist")
    client.force_login(welfare)
    assert client.get(url).status_code == 403  # the log is the administrators'
    client.force_login(make_staff(roles.ADMINISTRATORS))
    page = client.get(url, {"verb": "welfare.household.lifted_out"})
    assert page.status_code == 200
    assert [entry.verb for entry in page.context["cl"].result_list] == [
        "welfare.household.lifted_out"
    ]
    assert "解困脱困" in page.content.decode()


def test_lists_of_choices_read_as_their_labels_in_the_history(client, make_staff):
    """auditlog cannot join translated labels of a list field (a household's causes): the
    history page shows them as labels instead of failing."""
    staff = make_staff(roles.WELFARE)
    head = MemberFactory()
    household = welfare_services.register_household(
        actor=staff,
        head=head,
        union=head.union,
        tier="deep",
        causes=["illness", "schooling"],
        registered_on=datetime.date(2022, 3, 1),
    )
    client.force_login(staff)
    url = reverse("admin:welfare_hardshiphousehold_history", args=[household.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "患病、子女就学" in page
    assert "None" not in page


@pytest.mark.parametrize("reviews", [3, 40])
def test_the_history_page_reads_a_bounded_page_however_long_the_history(
    client, make_staff, django_assert_max_num_queries, reviews
):
    staff = make_staff(roles.WELFARE)
    household = HouseholdFactory()
    for year in range(reviews):
        welfare_services.review_household(
            actor=staff,
            household=household,
            reviewed_on=datetime.date(2000 + year, 3, 1),
            outcome="continue",
        )
    client.force_login(staff)
    url = reverse("admin:welfare_hardshiphousehold_history", args=[household.pk])
    with django_assert_max_num_queries(17):
        response = client.get(url)
    assert response.status_code == 200
    # Its creation (a field change) and each review (an action), twenty to a page.
    assert len(response.context["log_entries"]) == min(reviews + 1, 20)


def test_consultations_and_snapshots_have_their_history_page_too(client, make_staff):
    legal = make_staff(roles.LEGAL)
    consultation = legal_services.record_consultation(
        actor=legal,
        date=datetime.date(2022, 5, 4),
        channel="hotline",
        topics=["wages"],
        workers_served=3,
        summary="欠薪咨询",
    )
    client.force_login(legal)
    url = reverse("admin:legal_aid_consultation_history", args=[consultation.pk])
    page = client.get(url).content.decode()
    assert "登记法律咨询" in page
    assert "拖欠工资" in page  # its topics, a list of choices, by their labels

    leader = make_staff(roles.ADMINISTRATORS)
    snapshot = summary_services.create_snapshot(
        actor=leader,
        name="2022年",
        start=datetime.date(2022, 1, 1),
        end=datetime.date(2022, 12, 31),
    )
    client.force_login(leader)
    url = reverse("admin:summary_snapshot_history", args=[snapshot.pk])
    page = client.get(url).content.decode()
    assert "保存数据快照" in page
    assert "2022年1月1日" in page
