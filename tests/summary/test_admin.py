from django.urls import reverse

from yuyang_union import roles
from yuyang_union.summary.models import YearlyTally


def test_an_administrator_enters_a_tally_and_is_recorded_as_its_author(client, make_staff):
    administrator = make_staff(roles.ADMINISTRATORS)
    client.force_login(administrator)
    response = client.post(
        reverse("admin:summary_yearlytally_add"),
        {"key": "welfare.jobs_offered", "year": 2014, "value": "250", "note": "2014年台账"},
    )
    assert response.status_code == 302
    tally = YearlyTally.objects.get()
    assert (tally.key, tally.year, tally.value, tally.entered_by) == (
        "welfare.jobs_offered",
        2014,
        250,
        administrator,
    )
    assert client.get(reverse("admin:summary_yearlytally_changelist")).status_code == 200


def test_a_tally_for_an_impossible_year_is_refused_at_the_field(client, make_staff):
    client.force_login(make_staff(roles.ADMINISTRATORS))
    response = client.post(
        reverse("admin:summary_yearlytally_add"),
        {"key": "welfare.jobs_offered", "year": 1800, "value": "250"},
    )
    assert response.status_code == 200
    assert not YearlyTally.objects.exists()


def test_leaders_read_tallies_but_do_not_enter_them(client, make_staff):
    client.force_login(make_staff(roles.LEADERS))
    assert client.get(reverse("admin:summary_yearlytally_changelist")).status_code == 200
    assert client.get(reverse("admin:summary_yearlytally_add")).status_code == 403


def test_departments_cannot_open_tallies_in_the_admin(client, make_staff):
    client.force_login(make_staff(roles.WELFARE))
    response = client.get(reverse("admin:summary_yearlytally_changelist"))
    assert response.status_code in (302, 403)
