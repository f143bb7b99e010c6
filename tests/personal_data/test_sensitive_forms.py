"""Every form that takes an identifier marks its fields sensitive for error reports.

Django's `sensitive_post_parameters` leaves its list on the request; the test client hands
back the request the view saw.
"""

import pytest
from django.urls import reverse

from tests.competitions.factories import CompetitionFactory
from yuyang_union import roles

pytestmark = pytest.mark.django_db
ALL = "__ALL__"


@pytest.mark.parametrize(
    ("url", "hidden"),
    [
        ("admin:members_member_add", {"id_number", "phone", "phone_replacement"}),
        ("admin:legal_aid_appraisal_add", {"id_number", "id_number_replacement"}),
        ("admin:legal_aid_lawyer_add", {"phone", "phone_replacement"}),
        ("admin:welfare_educationaid_add", {"student_id_number"}),
        ("admin:legal_aid_case_add", ALL),  # the applicants' inline rows and the facts
        ("welfare:household-register", {"head_text"}),
        ("legal_aid:case-new", ALL),
    ],
)
def test_identifier_forms_keep_their_fields_out_of_error_reports(client, make_staff, url, hidden):
    client.force_login(make_staff(roles.ADMINISTRATORS))
    response = client.post(reverse(url), {})
    assert response.status_code in (200, 400, 403)  # the form with its errors, or refused
    marked = response.wsgi_request.sensitive_post_parameters
    assert marked == ALL if hidden == ALL else hidden <= set(marked)


def test_the_member_change_form_marks_the_replacement_inputs(client, make_staff):
    from tests.members.factories import MemberFactory

    member = MemberFactory()
    client.force_login(make_staff(roles.ADMINISTRATORS))
    response = client.post(reverse("admin:members_member_change", args=[member.pk]), {})
    assert {"id_number_replacement", "phone_replacement"} <= set(
        response.wsgi_request.sensitive_post_parameters
    )


def test_awarding_a_title_by_id_number_marks_it(client, make_staff):
    competition = CompetitionFactory()
    client.force_login(make_staff(roles.ADMINISTRATORS))
    response = client.post(reverse("competitions:award-title", args=[competition.pk]), {})
    assert "id_number" in response.wsgi_request.sensitive_post_parameters


def test_activation_and_recovery_mark_the_identifiers_and_passwords(client):
    response = client.post(reverse("events:activate"), {})
    assert {"name", "id_number", "phone"} <= set(response.wsgi_request.sensitive_post_parameters)
    response = client.post(reverse("events:recover"), {})
    assert "login" in response.wsgi_request.sensitive_post_parameters
    # The second steps (code and passwords) hide every parameter.
    session = client.session
    session["events.account_code"] = {"purpose": "activation", "code": None}
    session.save()
    response = client.post(reverse("events:activate-code"), {})
    assert response.wsgi_request.sensitive_post_parameters == ALL
    session = client.session
    session["events.account_code"] = {"purpose": "recovery", "code": None}
    session.save()
    response = client.post(reverse("events:recover-code"), {})
    assert response.wsgi_request.sensitive_post_parameters == ALL


def test_searches_that_post_their_term_mark_it(client, make_staff):
    """The admin's search form and its pickers post a term that may be an identifier."""
    client.force_login(make_staff(roles.ADMINISTRATORS))
    response = client.post(
        reverse("personal_data:admin-search"),
        {"q": "冉", "changelist": reverse("admin:members_member_changelist")},
    )
    assert response.status_code == 302
    assert "q" in response.wsgi_request.sensitive_post_parameters
    response = client.post(reverse("admin:autocomplete"), {"term": "冉"})
    assert "term" in response.wsgi_request.sensitive_post_parameters
