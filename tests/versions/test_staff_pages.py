"""The staff pages' moves of a record carry the version their page showed."""

import pytest
from django.urls import reverse

from tests.legal_aid.factories import make_case, other_worker
from tests.welfare.factories import HouseholdFactory
from welfare import services as welfare_services
from welfare.models import FileStatus, HardshipHousehold
from yuyang_union import roles
from yuyang_union.fault_drills.pages import form_data

pytestmark = pytest.mark.django_db


def _action_form(page, action):
    """The fields of one action form of the household page, as the browser posts them."""
    html = page.content.decode()
    marker = f'/{action}/" class="form"'
    start = html.index(marker)
    form = html[html.rindex("<form", 0, start) : html.index("</form>", start) + 7]
    return form_data(form.replace("<form", '<form id="one"', 1), "one")


def test_a_household_cancelled_on_a_stale_page_is_refused(client, make_staff):
    officer, colleague = make_staff(roles.WELFARE), make_staff(roles.WELFARE)
    household = HouseholdFactory()
    client.force_login(officer)
    page = client.get(reverse("welfare:household-detail", args=[household.pk]))
    data = _action_form(page, "cancel")
    assert data["cancel-version"] == str(household.version)

    # Meanwhile a colleague records a review that changes the tier.
    welfare_services.review_household(
        actor=colleague,
        household=HardshipHousehold.objects.get(pk=household.pk),
        reviewed_on=household.registered_on,
        outcome="retier",
        new_tier="deep" if household.tier != "deep" else "relative",
    )

    data.update({"cancel-cancelled_on": "2026-03-01", "cancel-reason": "迁出本县"})
    answer = client.post(reverse("welfare:household-action", args=[household.pk, "cancel"]), data)
    assert answer.status_code == 200
    text = answer.content.decode()
    assert "您的修改未保存" in text
    assert colleague.username in text
    household.refresh_from_db()
    assert household.status == FileStatus.IN_FILE

    # Read again, the same move goes through.
    page = client.get(reverse("welfare:household-detail", args=[household.pk]))
    data = {**_action_form(page, "cancel"), "cancel-cancelled_on": "2026-03-01"}
    data["cancel-reason"] = "迁出本县"
    answer = client.post(reverse("welfare:household-action", args=[household.pk, "cancel"]), data)
    assert answer.status_code == 302
    household.refresh_from_db()
    assert household.status == FileStatus.CANCELLED


def test_a_case_moved_twice_from_one_page_moves_once_with_a_message(client, make_staff):
    legal = make_staff(roles.LEGAL)
    case = make_case(actor=legal, kind="mediation", applicants=[other_worker()])
    client.force_login(legal)
    changes = case.status_changes.count()
    move = {"to_status": "accepted", "on": "2022-03-02", "version": case.version}
    first = client.post(reverse("legal_aid:case-move", args=[case.pk]), move)
    assert first.status_code == 302
    # The same form posted again (a double click, or a second tab read before the move).
    second = client.post(reverse("legal_aid:case-move", args=[case.pk]), move, follow=True)
    assert second.status_code == 200
    assert "您的修改未保存" in second.content.decode()
    case.refresh_from_db()
    assert case.status == "accepted"
    assert case.status_changes.count() == changes + 1
