import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.workbooks import job_of, result_bytes
from yuyang_union import roles
from yuyang_union.jobs.models import Job
from yuyang_union.summary.models import Snapshot, YearlyTally

D = datetime.date
PERIOD = {"start": "2015-01-01", "end": "2022-12-31"}
SUMMARY_URLS = ["summary:index", "summary:figures-json", "summary:workbook", "summary:report"]


@pytest.mark.parametrize("url_name", SUMMARY_URLS)
def test_anonymous_users_are_sent_to_log_in(client, db, url_name):
    response = client.get(reverse(url_name), PERIOD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url_name", SUMMARY_URLS)
def test_members_are_refused(client, member_user, url_name):
    client.force_login(member_user)
    assert client.get(reverse(url_name), PERIOD).status_code == 403


@pytest.mark.parametrize("url_name", SUMMARY_URLS)
def test_grassroots_officers_are_refused(client, make_staff, url_name):
    client.force_login(make_staff(roles.GRASSROOTS_OFFICERS))
    assert client.get(reverse(url_name), PERIOD).status_code == 403


@pytest.mark.parametrize(
    "role",
    [
        roles.LEADERS,
        roles.ADMINISTRATORS,
        roles.ORGANISATION,
        roles.WELFARE,
        roles.LEGAL,
        roles.COMPETITIONS,
        roles.EVENTS,
    ],
)
def test_leaders_and_departments_read_the_summary(client, make_staff, fake_records, role):
    client.force_login(make_staff(role))
    assert client.get(reverse("summary:index")).status_code == 200


def test_page_shows_the_seed_figures_in_sections_with_links(leader_client, seed_records):
    response = leader_client.get(reverse("summary:index"), PERIOD)
    content = response.content.decode()
    for text in [
        "思想政治引领",
        "服务发展大局",
        "维护职工权益",
        "服务职工",
        "工会改革",
        "529万元",
        "2763人次",
        "36场次",
        "35.3万元",
        "254万元",
        "182家",
        "11310人",
        "615户次",
    ]:
        assert text in content, text
    assert "/records/welfare.warmth_funds/?from=2015-01-01&amp;to=2022-12-31" in content


def test_page_defaults_to_since_the_congress_and_offers_one_click_years(
    leader_client, fake_records
):
    response = leader_client.get(reverse("summary:index"))
    content = response.content.decode()
    assert response.context["summary"].start == D(2015, 1, 1)
    assert "十一大以来" in content
    assert "?start=2019-01-01&amp;end=2019-12-31" in content


def test_charts_are_svg_without_inline_style_or_script(leader_client, seed_records):
    content = leader_client.get(reverse("summary:index"), PERIOD).content.decode()
    assert content.count("<svg viewBox") >= 7
    assert "<rect" in content
    assert "“送温暖”慰问金" in content
    assert "style=" not in content
    # Scripts only from static files (the site-wide identifier guard), never inline.
    assert not re.findall(r"<script(?![^>]*\bsrc=)", content)


def test_tally_warning_is_shown(leader_client, fake_records, make_staff):
    fake_records.add("legal.aid_cases", D(2016, 5, 1), 2)
    YearlyTally.objects.create(
        key="legal.aid_cases", year=2016, value=3, entered_by=make_staff(roles.ADMINISTRATORS)
    )
    content = leader_client.get(reverse("summary:index"), PERIOD).content.decode()
    assert "同一年度既有手工统计又有业务记录" in content
    assert "法律援助，2016年：业务记录2，手工统计3" in content
    assert "记录+手工统计" in content


def test_json_gives_every_figure_as_a_number_in_yuan(leader_client, seed_records, make_staff):
    YearlyTally.objects.create(
        key="welfare.jobs_offered", year=2015, value=13, entered_by=make_staff(roles.ADMINISTRATORS)
    )
    response = leader_client.get(reverse("summary:figures-json"), PERIOD)
    assert response.status_code == 200
    data = response.json()
    assert (data["start"], data["end"]) == ("2015-01-01", "2022-12-31")
    figures = {figure["key"]: figure for figure in data["figures"]}
    assert figures["welfare.warmth_funds"]["value"] == 5290000
    assert figures["welfare.warmth_funds"]["unit"] == "yuan"
    assert figures["legal.mediation_recovered"]["value"] == 353000
    assert figures["competitions.participations"] == {
        "key": "competitions.participations",
        "label": "参赛职工",
        "value": 2763,
        "unit": "person_times",
        "source": "records",
    }
    assert figures["welfare.jobs_offered"]["value"] == 4187 + 13
    assert figures["welfare.jobs_offered"]["source"] == "records+tallies"


@pytest.mark.parametrize(
    "query",
    [
        {"start": "2015-13-01", "end": "2022-12-31"},
        {"start": "yesterday", "end": "2022-12-31"},
        {"start": "2022-12-31", "end": "2015-01-01"},
        {"start": "0001-01-01", "end": "2022-12-31"},
    ],
)
@pytest.mark.parametrize("url_name", ["summary:figures-json", "summary:workbook", "summary:report"])
def test_bad_periods_are_refused_with_400(leader_client, fake_records, query, url_name):
    ask = leader_client.get if url_name == "summary:figures-json" else leader_client.post
    assert ask(reverse(url_name), query).status_code == 400
    assert not Job.objects.exists()


@pytest.mark.parametrize("url_name", ["summary:workbook", "summary:report"])
def test_files_are_jobs_started_by_a_post(leader_client, leader, fake_records, url_name):
    assert leader_client.get(reverse(url_name), PERIOD).status_code == 405
    job = job_of(leader_client.post(reverse(url_name), PERIOD))
    assert job.owner == leader
    assert job.state == "queued"  # nothing computed in the request
    assert job.params == PERIOD


@pytest.mark.parametrize("url_name", ["summary:workbook", "summary:report"])
def test_files_are_refused_to_officers_before_any_job(client, make_staff, url_name):
    client.force_login(make_staff(roles.GRASSROOTS_OFFICERS))
    assert client.post(reverse(url_name), PERIOD).status_code == 403
    assert not Job.objects.exists()


def summary_file(client, url_name, run_jobs):
    job = job_of(client.post(reverse(url_name), PERIOD))
    run_jobs()
    job.refresh_from_db()
    assert not job.result_personal  # figures only
    return job, result_bytes(job)


def test_workbook_holds_figures_by_year_and_the_period_total(leader_client, fake_records, run_jobs):
    from openpyxl import load_workbook

    fake_records.add("welfare.warmth_funds", D(2015, 12, 1), Decimal("1000000"))
    fake_records.add("welfare.warmth_funds", D(2022, 1, 5), Decimal("4290000"))
    fake_records.add("competitions.held", D(2018, 3, 1), 36)
    job, content = summary_file(leader_client, "summary:workbook", run_jobs)
    assert job.result_name.endswith(".xlsx")

    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[2]
    assert header[4:] == (
        "2015",
        "2016",
        "2017",
        "2018",
        "2019",
        "2020",
        "2021",
        "2022",
        "期间合计",
    )
    by_label = {row[1]: row for row in rows[3:]}
    funds = by_label["“送温暖”慰问金"]
    assert funds[0] == "服务职工"
    assert funds[3] == "业务记录"  # the source as a reader names it, not its code
    assert rows[0][1] == "2015年1月1日至2022年12月31日"
    assert funds[4] == 1000000
    assert funds[11] == 4290000
    assert funds[12] == 5290000
    assert by_label["举办竞赛"][7] == 36


def test_word_draft_writes_the_figures_in_the_seed_manner(leader_client, seed_records, run_jobs):
    from docx import Document
    from docx.oxml.ns import qn

    job, content = summary_file(leader_client, "summary:report", run_jobs)
    assert job.result_name.endswith(".docx")
    document = Document(io.BytesIO(content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "2015年至2022年，累计举办各类竞赛36场次，参赛企业127家，参赛职工2763人次。" in text
    assert "共筹集发放慰问金529万元，走访慰问困难职工615户次" in text
    assert "调解劳动争议11件，涉及职工人数29人，追回劳动经济权益35.3万元" in text
    assert "全县共新建基层工会组织182家，覆盖会员11310人" in text
    assert "选树“酉阳工匠”19名" in text
    assert "一、思想政治引领" in text  # numbered headings, as an official document's are
    assert "（2015年1月1日至2022年12月31日）" in text
    for style, face in (("Normal", "仿宋"), ("Heading 1", "黑体"), ("Title", "方正小标宋简体")):
        fonts = document.styles[style].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == face, style
        assert fonts.get(qn("w:eastAsiaTheme")) is None, style


def test_snapshot_freezes_a_period_and_shows_what_changed(leader_client, leader, fake_records):
    fake_records.add("competitions.held", D(2018, 3, 1), 36)
    fake_records.add("welfare.warmth_funds", D(2018, 3, 1), Decimal("5290000"))
    response = leader_client.post(
        reverse("summary:snapshot-create"), {"name": "十二大报告", **PERIOD}
    )
    snapshot = Snapshot.objects.get(name="十二大报告")
    assert snapshot.values["competitions.held"] == "36"
    assert snapshot.created_by == leader
    assert response.status_code == 302
    assert f"snapshot={snapshot.pk}" in response["Location"]

    # A late record for 2018 arrives after the snapshot.
    fake_records.add("competitions.held", D(2018, 9, 1), 2)
    content = leader_client.get(response["Location"]).content.decode()
    row = re.search(r'<tr data-key="competitions.held" class="changed">(.*?)</tr>', content, re.S)
    assert row is not None
    assert "36场次" in row.group(1)
    assert "38场次" in row.group(1)
    assert "+2场次" in row.group(1)
    unchanged = re.search(r'<tr data-key="welfare.warmth_funds">(.*?)</tr>', content, re.S)
    assert "无变化" in unchanged.group(1)


def test_only_those_allowed_may_freeze_a_snapshot(client, make_staff, fake_records):
    client.force_login(make_staff(roles.WELFARE))
    response = client.post(reverse("summary:snapshot-create"), {"name": "x", **PERIOD})
    assert response.status_code == 403
    assert not Snapshot.objects.exists()


def test_staff_home_shows_the_summary_panel_to_readers_only(client, make_staff):
    client.force_login(make_staff(roles.LEADERS))
    assert reverse("summary:index") in client.get(reverse("staff-home")).content.decode()
    client.force_login(make_staff(roles.GRASSROOTS_OFFICERS))
    content = client.get(reverse("staff-home")).content.decode()
    assert reverse("summary:index") not in content


def test_staff_home_summary_panel_links_to_whole_periods(client, make_staff):
    from django.utils import timezone

    today = timezone.localdate()
    client.force_login(make_staff(roles.LEADERS))
    content = client.get(reverse("staff-home")).content.decode()
    index = reverse("summary:index")
    year = today.year
    assert f"{index}?start={year}-01-01&amp;end={today.isoformat()}" in content
    assert f"{index}?start={year - 1}-01-01&amp;end={year - 1}-12-31" in content
    assert f"{index}?start=2015-01-01&amp;end={today.isoformat()}" in content  # since the congress


def test_page_with_a_bad_period_says_so_at_the_field(leader_client, fake_records):
    response = leader_client.get(
        reverse("summary:index"), {"start": "2022-12-31", "end": "2015-01-01"}
    )
    assert response.status_code == 200
    assert "截止日期早于起始日期。" in response.content.decode()
    assert response.context["summary"].start == D(2015, 1, 1)  # falls back to the default


def test_a_snapshot_name_is_used_once(leader_client, fake_records):
    url = reverse("summary:snapshot-create")
    leader_client.post(url, {"name": "十二大报告", **PERIOD})
    response = leader_client.post(url, {"name": "十二大报告", **PERIOD}, follow=True)
    assert Snapshot.objects.count() == 1
    assert "已存在" in response.content.decode()
