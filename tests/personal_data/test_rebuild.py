"""An auditor's attempt to rebuild ID numbers and phones from what each role is shown.

The mask 500242********0506 hides exactly the birth date: a page that shows it beside the
masked number (or an exact age, or the number itself) gives the number back. For every role,
the test walks every page it can reach from the staff home and the admin (following links,
GET only), plus the record pages, JSON answers and exports about one person, and tries: the
full number, the phone, and the birth date in any usual form must appear on none of them.
"""

import datetime
import re
from io import BytesIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from legal_aid.models import CaseApplicant
from tests.competitions.factories import CompetitionEventFactory, CompetitionFactory, EntryFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.legal_aid.factories import AppraisalFactory, make_case
from tests.members.factories import (
    EmployerFactory,
    MemberFactory,
    UnionFactory,
    UserFactory,
    make_id_number,
)
from tests.welfare.factories import EducationAidFactory, GrantFactory, HouseholdFactory
from yuyang_union import roles

pytestmark = pytest.mark.django_db

BIRTH = datetime.date(1983, 7, 19)
PHONE = "13907651234"
# Enough to reach every list, record and history page of a small world.
PAGES_PER_ROLE = 400
SKIPPED = re.compile(r"/(logout|delete|i18n|password)/|/static/|/media/|\.ics$|/feed")


def birth_date_forms(day):
    return {
        day.isoformat(),
        day.strftime("%Y%m%d"),
        day.strftime("%Y/%m/%d"),
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}年{day.month:02d}月{day.day:02d}日",
        f"{day.year}.{day.month}.{day.day}",
    }


def exact_age(day, today):
    return today.year - day.year - ((today.month, today.day) < (day.month, day.day))


@pytest.fixture
def world(make_staff):
    town = UnionFactory(name="重建测试镇工会", kind="township")
    factory = UnionFactory(name="重建测试厂工会", parent=town)
    employer = EmployerFactory(union=factory)
    person = MemberFactory(
        name="冉重建",
        id_number=make_id_number(birth=BIRTH),
        phone=PHONE,
        union=factory,
        employer=employer,
        user=UserFactory(username="chongjian"),
    )
    household = HouseholdFactory(head=person, union=factory)
    GrantFactory(household=household, union=factory)
    EducationAidFactory(parent=person, union=factory)
    RegistrationFactory(event=EventFactory(organiser=factory), member=person)
    competition = CompetitionFactory(organiser=factory)
    EntryFactory(
        event=CompetitionEventFactory(competition=competition), member=person, employer=employer
    )
    make_case(respondent=employer, applicants=[CaseApplicant(member=person)])
    AppraisalFactory(member=person, name=person.name, id_number=person.id_number, employer=employer)
    users = {role: make_staff(role) for role in roles.ALL_ROLES}
    users[roles.GRASSROOTS_OFFICERS] = make_staff(roles.GRASSROOTS_OFFICERS, union=town)
    users["member"] = person.user
    return person, users


def text_of(response):
    kind = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in kind:
        book = load_workbook(BytesIO(content), read_only=True)
        return "\n".join(
            " ".join(str(cell) for cell in row if cell is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    if kind.startswith(("text/", "application/json")):
        return content.decode("utf-8", "replace")
    return ""


def links(page_url, html):
    for href in re.findall(r'href="([^"#]+)"', html):
        url = urljoin(page_url, href.replace("&amp;", "&"))
        parts = urlsplit(url)
        # Sorted, filtered and paged versions of a list show the same rows: not followed.
        local = parts.netloc in ("", "testserver") and not SKIPPED.search(parts.path)
        if local and not parts.query:
            yield parts.path


def pages_about(person):
    """Pages that concern the person directly, whether or not a link leads there."""
    pk = person.pk
    household = person.hardship_files.get()
    case = person.legal_cases.get().case
    event = person.registrations.get().event
    competition = person.competition_entries.get().event.competition
    return [
        "/staff/",
        "/admin/",
        reverse("admin:members_member_change", args=[pk]),
        reverse("admin:members_member_history", args=[pk]),
        f"/admin/members/member/?q={person.name}",
        reverse("welfare:household-detail", args=[household.pk]),
        reverse("legal_aid:case-detail", args=[case.pk]),
        reverse("events:registrations", args=[event.pk]),
        reverse("events:registrations", args=[event.pk]) + "?format=xlsx",
        reverse("events:check-in", args=[event.pk]),
        reverse("competitions:staff-detail", args=[competition.pk]),
        reverse("competitions:export-results", args=[competition.pk]),
        reverse("personal_data:my-data"),
        reverse("personal_data:reveal", args=["members", "member", pk, "id_number"]),
    ]


def crawl(client, start):
    seen, queue, shown = set(), list(start), {}
    while queue and len(seen) < PAGES_PER_ROLE:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            response = client.get(url)
        except Exception as exc:
            raise AssertionError(f"{url} failed") from exc
        if response.status_code != 200:
            continue
        text = text_of(response)
        shown[url] = text
        if "html" in response.get("Content-Type", ""):
            queue.extend(link for link in links(url, text) if link not in seen)
    return shown


def posted_answers(client, person):
    """The JSON and exports that answer a POST: the member picker, the member export."""
    picker = client.post(
        reverse("admin:autocomplete"),
        {
            "app_label": "members",
            "model_name": "membershiptransfer",
            "field_name": "member",
            "term": person.name,
        },
    )
    export = client.post(
        reverse("admin:members_member_export"),
        {
            "format": "0",
            "resource": "0",
            **{f"memberresource_{f}": "on" for f in ("name", "id_number", "phone")},
        },
    )
    return {
        "picker": text_of(picker) if picker.status_code == 200 else "",
        "export": text_of(export) if export.status_code == 200 else "",
    }


@pytest.mark.parametrize("role", [*roles.ALL_ROLES, "member"])
def test_no_page_gives_a_number_back(client, world, role):
    person, users = world
    client.force_login(users[role])
    shown = crawl(client, pages_about(person))
    shown.update(posted_answers(client, person))
    assert len(shown) > 3, "the walk reached almost nothing: the test would prove nothing"
    today = timezone.localdate()
    forbidden = {
        person.id_number: "the ID number",
        person.id_number.lower(): "the ID number",
        PHONE: "the phone",
        f"{exact_age(BIRTH, today)}岁": "the exact age",
        **dict.fromkeys(birth_date_forms(BIRTH), "the birth date"),
    }
    leaks = [
        f"{url}: {what}"
        for url, text in shown.items()
        for value, what in forbidden.items()
        if value in text
    ]
    assert leaks == []
    # The mask itself is shown where the person is: staff still tell people apart.
    if role in (roles.ORGANISATION, roles.ADMINISTRATORS):
        assert any(person.id_number_masked in text for text in shown.values())


def test_the_walk_would_see_a_leak(client, world, monkeypatch):
    """The check can fail: shown the birth date again, the member page is caught."""
    from members.admin import MemberAdmin

    person, users = world
    monkeypatch.setattr(MemberAdmin, "readonly_fields", ["age_band", "birth_date"])
    monkeypatch.setattr(
        MemberAdmin,
        "fieldsets",
        [(None, {"fields": ["name", "id_number", "age_band", "birth_date", "phone"]})],
    )
    client.force_login(users[roles.ORGANISATION])
    page = client.get(reverse("admin:members_member_change", args=[person.pk])).content.decode()
    assert any(form in page for form in birth_date_forms(BIRTH))
