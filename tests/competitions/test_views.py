from decimal import Decimal

import pytest
from django.urls import reverse

from competitions.models import Entry
from members.models import Honour
from tests.competitions.factories import (
    CompetitionEventFactory,
    CompetitionFactory,
    CompetitionTitleFactory,
    EntryFactory,
)
from tests.members.factories import MemberFactory, UnionFactory
from tests.workbooks import job_of, result_rows
from yuyang_union import roles
from yuyang_union.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return CompetitionEventFactory()


@pytest.fixture
def competitions_staff(make_staff):
    return make_staff(roles.COMPETITIONS)


def _grid_url(event):
    return reverse("competitions:score-grid", args=[event.competition.pk, event.pk])


def _pages(event):
    pk = event.competition.pk
    return [
        reverse("competitions:staff-list"),
        reverse("competitions:staff-detail", args=[pk]),
        _grid_url(event),
        reverse("competitions:import-entries", args=[pk]),
        reverse("competitions:export-results", args=[pk]),
    ]


def test_anonymous_users_are_sent_to_log_in(client, event):
    for url in _pages(event):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


@pytest.mark.parametrize("role", [roles.ORGANISATION, roles.WELFARE, roles.EVENTS])
def test_other_roles_are_refused(client, make_staff, event, role):
    client.force_login(make_staff(role))
    for url in _pages(event):
        assert client.get(url).status_code == 403, url


def test_members_without_a_staff_role_are_refused(client, member_user, event):
    client.force_login(member_user)
    for url in _pages(event):
        assert client.get(url).status_code == 403


def test_leaders_read_but_do_not_edit(client, make_staff, event):
    entry = EntryFactory(event=event)
    client.force_login(make_staff(roles.LEADERS))
    assert (
        client.get(reverse("competitions:staff-detail", args=[event.competition.pk])).status_code
        == 200
    )
    assert client.get(_grid_url(event)).status_code == 403
    assert client.post(_grid_url(event), {f"score_{entry.pk}": "90"}).status_code == 403
    response = client.post(
        reverse("competitions:change-status", args=[event.competition.pk]), {"to": "finished"}
    )
    assert response.status_code == 403
    assert (
        client.get(reverse("competitions:import-entries", args=[event.competition.pk])).status_code
        == 403
    )
    entry.refresh_from_db()
    assert entry.score is None
    event.competition.refresh_from_db()
    assert event.competition.status == "under_way"


def test_an_officer_outside_the_organising_union_gets_not_found(client, make_staff, event):
    # The competitions role attached to a township union sees only its subtree.
    officer = make_staff(roles.COMPETITIONS, union=UnionFactory())
    client.force_login(officer)
    assert (
        client.get(reverse("competitions:staff-detail", args=[event.competition.pk])).status_code
        == 404
    )
    assert client.get(_grid_url(event)).status_code == 404


def test_the_competitions_role_enters_scores_in_one_grid(client, competitions_staff, event):
    entries = EntryFactory.create_batch(3, event=event)
    client.force_login(competitions_staff)
    data = {}
    for entry, score in zip(entries, ["95", "95", "80.5"], strict=True):
        data[f"score_{entry.pk}"] = score
        data[f"award_{entry.pk}"] = "none"
    data[f"award_{entries[0].pk}"] = "first"
    response = client.post(_grid_url(event), data)
    assert response.status_code == 302
    ranks = dict(Entry.objects.filter(event=event).values_list("pk", "rank"))
    assert [ranks[e.pk] for e in entries] == [1, 1, 3]
    assert Entry.objects.get(pk=entries[0].pk).award == "first"


def test_one_bad_cell_saves_nothing_and_is_marked(client, competitions_staff, event):
    good, bad = EntryFactory(event=event), EntryFactory(event=event)
    client.force_login(competitions_staff)
    response = client.post(
        _grid_url(event),
        {
            f"score_{good.pk}": "90",
            f"award_{good.pk}": "none",
            f"score_{bad.pk}": "abc",
            f"award_{bad.pk}": "none",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "“abc”不是数字。" in content
    assert Entry.objects.filter(event=event, score__isnull=False).count() == 0

    response = client.post(
        _grid_url(event),
        {f"score_{good.pk}": "101", f"award_{good.pk}": "none",
         f"score_{bad.pk}": "1.234", f"award_{bad.pk}": "none"},
    )  # fmt: skip
    content = response.content.decode()
    assert "成绩应在 0 到 100.00 之间。" in content
    assert "成绩最多保留两位小数。" in content


def test_status_change_through_the_page(client, competitions_staff):
    competition = CompetitionFactory(status="planned")
    client.force_login(competitions_staff)
    url = reverse("competitions:change-status", args=[competition.pk])
    client.post(url, {"to": "published"})
    competition.refresh_from_db()
    assert competition.status == "planned"
    client.post(url, {"to": "open"})
    competition.refresh_from_db()
    assert competition.status == "open"


def test_promoting_a_title_from_the_page(client, competitions_staff, make_staff):
    title = CompetitionTitleFactory()
    url = reverse("competitions:promote-title", args=[title.pk])
    client.force_login(make_staff(roles.LEADERS))
    assert client.post(url).status_code == 403
    assert not Honour.objects.exists()
    client.force_login(competitions_staff)
    assert client.post(url).status_code == 302
    title.refresh_from_db()
    assert title.honour.member == title.member


def test_an_officer_outside_the_organising_union_cannot_promote(client, make_staff):
    title = CompetitionTitleFactory()  # organised by the county union
    officer = make_staff(roles.COMPETITIONS, union=UnionFactory())
    client.force_login(officer)
    response = client.post(reverse("competitions:promote-title", args=[title.pk]))
    assert response.status_code == 403
    title.refresh_from_db()
    assert title.honour is None
    assert not Honour.objects.exists()


def test_public_results_show_names_employers_and_prizes_only(client):
    member = MemberFactory(name="田小芳", phone="13812345678")
    entry = EntryFactory(
        member=member, event__name="维修电工", score=Decimal("96.5"), award="first",
        event__competition__status="published",
    )  # fmt: skip
    Entry.objects.filter(pk=entry.pk).update(rank=1)
    response = client.get(reverse("competitions:public-detail", args=[entry.event.competition.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "田小芳" in content
    assert entry.employer.name in content
    assert "一等奖" in content
    assert member.id_number not in content
    assert member.id_number[-4:] not in content
    assert "13812345678" not in content
    assert "5678" not in content


def test_public_results_wait_for_publication(client):
    entry = EntryFactory(member__name="冉小军", event__competition__status="finished")
    response = client.get(reverse("competitions:public-detail", args=[entry.event.competition.pk]))
    assert response.status_code == 200
    assert "冉小军" not in response.content.decode()


def test_public_list(client):
    CompetitionFactory(name="2022年集体协商竞赛")
    response = client.get(reverse("competitions:public-list"))
    assert "2022年集体协商竞赛" in response.content.decode()


def test_export_masks_identifiers(client, competitions_staff, event, run_jobs):
    entry = EntryFactory(event=event, member__name="=HYPERLINK(1)", score=88)
    client.force_login(competitions_staff)
    response = client.post(reverse("competitions:export-results", args=[event.competition.pk]))
    job = job_of(response)
    assert job.state == "queued"  # the request only starts the job
    run_jobs()
    rows = result_rows(job)
    assert rows[0][:4] == ("项目", "名次", "姓名", "身份证号码")
    assert rows[1][3] == entry.member.id_number[:6] + "********" + entry.member.id_number[-4:]
    # A name that looks like a formula stays text.
    assert rows[1][2] == "'=HYPERLINK(1)"
    job.refresh_from_db()
    assert job.result_personal


def test_export_of_another_subtree_is_refused(client, make_staff, event):
    officer = make_staff(roles.COMPETITIONS, union=UnionFactory())
    client.force_login(officer)
    response = client.post(reverse("competitions:export-results", args=[event.competition.pk]))
    assert response.status_code == 404
    assert not Job.objects.exists()


def test_export_refused_to_roles_without_the_right(client, make_staff, event):
    client.force_login(make_staff(roles.LEGAL))
    response = client.post(reverse("competitions:export-results", args=[event.competition.pk]))
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_grid_changes_are_in_the_history(client, competitions_staff, event):
    from auditlog.models import LogEntry

    entry = EntryFactory(event=event)
    client.force_login(competitions_staff)
    client.post(_grid_url(event), {f"score_{entry.pk}": "77.5", f"award_{entry.pk}": "third"})
    log = LogEntry.objects.get_for_object(entry).latest("timestamp")
    assert log.changes["score"] == ["None", "77.50"]
    assert log.changes["award"] == ["none", "third"]
    assert log.actor == competitions_staff


def test_id_numbers_masked_for_everyone_and_exported_in_full_only_on_purpose(
    client, make_staff, event, run_jobs
):
    from django.contrib.auth.models import Permission

    from yuyang_union.personal_data.models import IdentifierAccessLog

    entry = EntryFactory(event=event)
    url = reverse("competitions:staff-detail", args=[event.competition.pk])
    staff = make_staff(roles.COMPETITIONS)
    client.force_login(staff)
    content = client.get(url).content.decode()
    assert entry.member.id_number not in content
    assert entry.member.id_number_masked in content
    assert not IdentifierAccessLog.objects.exists()

    export = reverse("competitions:export-results", args=[event.competition.pk])
    # Without the right, asking for a full export gives no numbers.
    response = client.post(export, {"full-full_identifiers": "on", "full-reason": "audit"})
    assert response.status_code == 302
    assert not IdentifierAccessLog.objects.exists()

    staff.user_permissions.add(Permission.objects.get(codename="view_personal_identifiers"))
    staff = type(staff).objects.get(pk=staff.pk)
    client.force_login(staff)
    page = client.get(url).content.decode()
    assert entry.member.id_number not in page
    assert "full-reason" in page  # the choice is offered
    masked = _exported_values(client.post(export), run_jobs)
    assert entry.member.id_number not in masked
    assert not IdentifierAccessLog.objects.exists()
    # No purpose, no numbers.
    assert client.post(export, {"full-full_identifiers": "on"}).status_code == 302
    full = client.post(export, {"full-full_identifiers": "on", "full-reason": "audit"})
    assert entry.member.id_number in _exported_values(full, run_jobs)
    logged = IdentifierAccessLog.objects.get(user=staff, object_id=str(entry.member.pk))
    assert (logged.channel, logged.reason) == ("export", "audit")


def _exported_values(response, run_jobs):
    job = job_of(response)
    run_jobs()
    return " ".join(str(value) for row in result_rows(job) for value in row)


def test_staff_home_shows_the_competitions_panel(client, competitions_staff, make_staff):
    CompetitionFactory(status="finished")
    client.force_login(competitions_staff)
    content = client.get(reverse("staff-home")).content.decode()
    assert "已结束、结果未公布：1" in content
    client.force_login(make_staff(roles.WELFARE))
    assert "已结束、结果未公布" not in client.get(reverse("staff-home")).content.decode()


def test_the_import_template_has_the_headers(client, competitions_staff, event):
    import io

    from openpyxl import load_workbook

    client.force_login(competitions_staff)
    url = reverse("competitions:import-template", args=[event.competition.pk])
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    assert [cell.value for cell in sheet[1]][:2] == ["项目", "身份证号码"]
    assert sheet.cell(row=2, column=2).number_format == "@"


def test_awarding_a_title_on_the_competition_page(client, competitions_staff, make_staff):
    from competitions.models import CompetitionTitle

    competition = CompetitionFactory(kind="online", level="municipal")
    member = MemberFactory(name="彭小英")
    url = reverse("competitions:award-title", args=[competition.pk])
    data = {"id_number": member.id_number, "member_name": "彭小英", "kind": "service_star"}

    client.force_login(make_staff(roles.LEADERS))
    assert client.post(url, data).status_code == 403

    client.force_login(competitions_staff)
    response = client.post(url, {**data, "member_name": "彭大英"})
    assert response.status_code == 400
    assert "姓名与该身份证号码不符" in response.content.decode()
    response = client.post(url, {**data, "kind": "other"})
    assert "请填写称号名称。" in response.content.decode()
    assert not CompetitionTitle.objects.exists()

    assert client.post(url, data).status_code == 302
    title = CompetitionTitle.objects.get()
    assert (title.member, title.kind, title.awarded_on) == (
        member,
        "service_star",
        competition.ends_on,
    )
    # The same title twice is refused with a message, not a crash.
    client.post(url, data)
    assert CompetitionTitle.objects.count() == 1


def test_staff_list_filters(client, competitions_staff):
    import datetime

    CompetitionFactory(name="甲竞赛", status="planned", starts_on=datetime.date(2020, 3, 1))
    CompetitionFactory(name="乙竞赛", status="published", starts_on=datetime.date(2020, 4, 1))
    CompetitionFactory(name="丙竞赛", status="published", starts_on=datetime.date(2021, 4, 1))
    client.force_login(competitions_staff)
    response = client.get(
        reverse("competitions:staff-list"),
        {"start": "2020-01-01", "end": "2020-12-31", "held": "on"},
    )
    content = response.content.decode()
    assert "乙竞赛" in content
    assert "甲竞赛" not in content
    assert "丙竞赛" not in content


def test_the_staff_home_card_counts_competitions_in_scope(client, competitions_staff, make_staff):
    for status in ["planned", "open", "under_way", "under_way", "finished", "published"]:
        CompetitionFactory(status=status)
    client.force_login(competitions_staff)
    content = client.get("/staff/").content.decode()
    assert "报名中或进行中：3" in content
    assert "已结束、结果未公布：1" in content
    # An officer of another union sees none of the county's competitions.
    client.force_login(make_staff(roles.COMPETITIONS, union=UnionFactory()))
    content = client.get("/staff/").content.decode()
    assert "报名中或进行中：0" in content
    assert "已结束、结果未公布：0" in content


def test_public_page_lists_titles_only_once_results_are_published(client):
    published = CompetitionTitleFactory(
        kind="other", name="岗位能手", member__name="冉小红", competition__status="published"
    )
    pending = CompetitionTitleFactory(
        kind="other", name="岗位能手", member__name="彭大山", competition__status="finished"
    )
    url = reverse("competitions:public-detail", args=[published.competition.pk])
    assert "岗位能手：冉小红" in client.get(url).content.decode()
    url = reverse("competitions:public-detail", args=[pending.competition.pk])
    assert "彭大山" not in client.get(url).content.decode()
