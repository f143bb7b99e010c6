"""A case move posted twice (a double click, a reload) or by two officers at once moves the
case once; the second is told where the case is, never an error page."""

import pytest
from django.contrib.messages import get_messages

from legal_aid import services
from legal_aid.models import CaseStatusChange

from .factories import make_case, other_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(legal_staff):
    return make_case(actor=legal_staff, kind="mediation", applicants=[other_worker("冉秀英")])


@pytest.fixture(autouse=True)
def _chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"


def messages_of(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_the_move_form_carries_the_status_it_was_shown_in(client, legal_staff, case):
    client.force_login(legal_staff)
    content = client.get(case.get_absolute_url()).content.decode()
    assert 'name="from_status" value="received"' in content


def test_a_repeated_move_moves_the_case_once_and_says_it_is_already_there(
    client, legal_staff, case
):
    client.force_login(legal_staff)
    data = {"to_status": "accepted", "on": "2022-03-02", "from_status": "received"}
    assert client.post(f"/staff/legal/cases/{case.pk}/move/", data).status_code == 302

    response = client.post(f"/staff/legal/cases/{case.pk}/move/", data)

    assert response.status_code == 302
    assert CaseStatusChange.objects.filter(case=case, to_status="accepted").count() == 1
    assert "案件已经是“已受理”" in messages_of(response)


def test_a_move_from_a_page_shown_before_another_move_is_refused_with_where_the_case_is(
    client, legal_staff, case
):
    services.move_case(actor=legal_staff, case=case, to_status="declined")
    client.force_login(legal_staff)
    data = {"to_status": "accepted", "on": "2022-03-02", "from_status": "received"}

    response = client.post(f"/staff/legal/cases/{case.pk}/move/", data)

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "declined"
    assert "案件已被改为“不予受理”" in messages_of(response)


def test_the_service_refuses_a_move_seen_in_another_status_under_the_lock(legal_staff, case):
    """Two officers at once: both pass the page's check, the row lock makes the second see
    the first's move, and the service refuses it with the same message."""
    services.move_case(actor=legal_staff, case=case, to_status="accepted", seen_status="received")
    with pytest.raises(services.ValidationError) as refused:
        services.move_case(
            actor=legal_staff, case=case, to_status="accepted", seen_status="received"
        )
    assert refused.value.code == "already_moved"
    assert CaseStatusChange.objects.filter(case=case, to_status="accepted").count() == 1
