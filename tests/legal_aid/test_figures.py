import datetime
from decimal import Decimal

import pytest

from legal_aid import services
from legal_aid.figures import figures
from tests.members.factories import EmployerFactory
from yuyang_union.history.actors import system_actor

from .factories import (
    AppraisalFactory,
    CollectiveContractFactory,
    ConsultationFactory,
    HarmonyRatingFactory,
    OutreachEventFactory,
    make_case,
)

pytestmark = pytest.mark.django_db
START, END = datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)
BEFORE, INSIDE, AFTER = (
    datetime.date(2019, 12, 31),
    datetime.date(2020, 6, 1),
    datetime.date(2021, 1, 1),
)


def values():
    return {figure.key: figure.value for figure in figures(START, END)}


def settled_case(kind, accepted_on, workers, recovered):
    case = make_case(kind=kind, received_on=accepted_on, workers_involved=workers)
    services.move_case(case=case, to_status="accepted", actor=system_actor(), on=accepted_on)
    return services.move_case(
        case=case,
        to_status="mediating" if kind == "mediation" else "arbitration",
        actor=system_actor(),
        on=accepted_on,
    )


def test_figures_count_only_the_period_and_sum_money_exactly():
    for day in (BEFORE, INSIDE, AFTER):
        ConsultationFactory(date=day, workers_served=7)
        OutreachEventFactory(date=day, attendance=300)
        AppraisalFactory(appraised_on=day, kind="injury")
        AppraisalFactory(
            appraised_on=day, kind="early_retirement", injury_grade=None, approved=True
        )
    ConsultationFactory(date=END, workers_served=3)
    # Money: many cent amounts that float arithmetic would not add up exactly.
    for _ in range(10):
        case = settled_case("mediation", INSIDE, 2, None)
        services.move_case(
            case=case,
            to_status="settled",
            actor=system_actor(),
            amount_recovered=Decimal("0.10"),
            on=INSIDE,
        )
    aid = settled_case("legal_aid", START, 40, None)
    services.move_case(
        case=aid,
        to_status="settled",
        actor=system_actor(),
        amount_recovered=Decimal("1234567.89"),
        on=END,
    )
    outside = settled_case("legal_aid", AFTER, 5, None)
    services.move_case(
        case=outside,
        to_status="settled",
        actor=system_actor(),
        amount_recovered=Decimal("99.99"),
        on=AFTER,
    )
    declined = make_case(kind="mediation", received_on=INSIDE, workers_involved=9)
    services.move_case(case=declined, to_status="declined", actor=system_actor(), on=INSIDE)

    shared = EmployerFactory()
    regional = CollectiveContractFactory(
        signed_on=INSIDE, scope="regional", employers=[shared, EmployerFactory(), EmployerFactory()]
    )
    CollectiveContractFactory(signed_on=INSIDE, employers=[shared])  # counted once
    CollectiveContractFactory(signed_on=BEFORE, employers=[EmployerFactory()])
    rated = HarmonyRatingFactory(year=2020)
    HarmonyRatingFactory(employer=rated.employer, year=2020, awarding_level="county")
    HarmonyRatingFactory(year=2020, level="2A")
    HarmonyRatingFactory(year=2019)

    result = values()
    assert result["legal.consultations"] == 2
    assert result["legal.consultation_workers"] == 10
    assert result["legal.outreach_events"] == 1
    assert result["legal.outreach_workers"] == 300
    assert result["legal.mediations"] == 10
    assert result["legal.mediation_workers"] == 20
    assert result["legal.mediation_recovered"] == Decimal("1.00")
    assert isinstance(result["legal.mediation_recovered"], Decimal)
    assert result["legal.aid_cases"] == 1
    assert result["legal.aid_workers"] == 40
    assert result["legal.aid_recovered"] == Decimal("1234567.89")
    assert result["legal.injury_appraisals"] == 1
    assert result["legal.early_retirement_appraisals"] == 1
    assert result["rights.collective_contracts"] == 2
    assert result["rights.contract_enterprises"] == regional.employers.count()
    assert result["rights.harmony_3a_enterprises"] == 1


def test_an_empty_period_gives_zeros():
    result = values()
    assert result["legal.mediation_recovered"] == Decimal("0.00")
    assert all(value == 0 for value in result.values())


def test_figures_take_a_constant_number_of_queries(django_assert_max_num_queries):
    ConsultationFactory.create_batch(5, date=INSIDE)
    with django_assert_max_num_queries(7):
        result = figures(START, END)
    # The seed's 15, and the online legal help requests' 3 (received, accepted, on time).
    assert len(result) == 18
    assert all(figure.url for figure in result)


def test_figure_links_open_for_legal_staff(client, legal_staff):
    client.force_login(legal_staff)
    for figure in figures(START, END):
        assert client.get(figure.url).status_code == 200, figure.url
