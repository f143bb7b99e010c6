import io

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from competitions import importing
from competitions.models import Entry, Participation
from tests.competitions.factories import CompetitionEventFactory, EntryFactory
from tests.members.factories import EmployerFactory, MemberFactory, UnionFactory, make_id_number
from tests.workbooks import xlsx_bytes
from yuyang_union import roles
from yuyang_union.jobs.models import JobState
from yuyang_union.validators import validate_id_number

pytestmark = pytest.mark.django_db

HEADER = ["项目", "身份证号码", "姓名", "单位", "成绩", "奖项"]


def pending_files():
    folder = settings.IMPORT_UPLOAD_DIR
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.exists() else []


def _xlsx(rows, header=HEADER):
    buffer = io.BytesIO(xlsx_bytes(header, rows))
    buffer.name = "entries.xlsx"
    return buffer


@pytest.fixture
def setting():
    event = CompetitionEventFactory(name="维修电工")
    union = UnionFactory()
    employers = EmployerFactory.create_batch(3)
    members = [MemberFactory(union=union, employer=employers[index % 3]) for index in range(5)]
    return event, employers, members


def _check(event, rows, user):
    return importing.check_rows(
        competition=event.competition, rows=importing.read_rows(_xlsx(rows)), user=user
    )


def test_every_bad_row_is_reported_with_its_reason(setting, make_staff):
    event, employers, members = setting
    EntryFactory(event=event, member=members[4], employer=employers[0])
    unknown = make_id_number(serial=999)
    bad_checksum = members[0].id_number[:17] + ("0" if members[0].id_number[17] != "0" else "1")
    rows = [
        ["维修电工", members[0].id_number, members[0].name, employers[0].name, 90, "一等奖"],
        ["维修电工", unknown, "无名", employers[0].name, 80, ""],
        ["维修电工", 500242198001011234, "数字", employers[0].name, 80, ""],
        ["维修电工", members[1].id_number, members[1].name, "不存在的公司", 80, ""],
        ["维修电工", members[0].id_number, members[0].name, employers[0].name, 70, ""],
        ["维修电工", members[2].id_number, members[2].name, employers[2].name, "九十", ""],
        ["维修电工", members[3].id_number, members[3].name, employers[2].name, 120, ""],
        ["焊工", members[3].id_number, members[3].name, employers[2].name, 60, ""],
        ["维修电工", members[4].id_number, members[4].name, employers[0].name, 60, ""],
        ["维修电工", bad_checksum, members[0].name, employers[0].name, 60, ""],
    ]
    checked, errors = _check(event, rows, make_staff(roles.COMPETITIONS))
    reasons = {error.line: " ".join(error.messages) for error in errors}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert "没有会员使用此身份证号码" in reasons[3]
    assert "以文本格式保存身份证号码" in reasons[4]
    assert "未知单位" in reasons[5]
    assert "重复报名" in reasons[6]
    assert "第 2 行" in reasons[6]
    assert "成绩“九十”有误" in reasons[7]
    assert "成绩“120”有误" in reasons[8]
    assert "未知工种/项目" in reasons[9]
    assert "已报名该工种/项目" in reasons[10]
    with pytest.raises(ValidationError) as checksum:
        validate_id_number(bad_checksum)
    assert reasons[11] == " ".join(checksum.value.messages)
    assert [row.line for row in checked] == [2]


def test_a_member_outside_the_importers_union_is_refused(setting, make_staff):
    event, employers, members = setting
    officer = make_staff(roles.COMPETITIONS, union=UnionFactory())
    rows = [["维修电工", members[0].id_number, members[0].name, employers[0].name, 90, ""]]
    _checked, errors = _check(event, rows, officer)
    assert "不属于您所在工会" in " ".join(errors[0].messages)


def test_a_file_with_a_bad_row_writes_nothing(client, setting, make_staff, run_jobs):
    event, employers, members = setting
    client.force_login(make_staff(roles.COMPETITIONS))
    url = reverse("competitions:import-entries", args=[event.competition.pk])
    rows = [
        ["维修电工", members[0].id_number, members[0].name, employers[0].name, 90, ""],
        ["维修电工", members[1].id_number, members[1].name, "不存在的公司", 80, ""],
    ]
    assert client.post(url, {"file": _xlsx(rows)}).status_code == 302
    [job] = run_jobs()
    assert job.state == JobState.FAILED
    assert [error["row"] for error in job.errors] == [3]
    assert "未知单位“不存在的公司”" in job.errors[0]["message"]
    # Nothing awaits a confirmation: a confirmation finds nothing to do.
    client.post(reverse("jobs:confirm", args=[job.pk]))
    assert run_jobs() == []
    assert Entry.objects.count() == 0
    assert Participation.objects.count() == 0
    assert pending_files() == []


def test_a_not_excel_file_is_refused(client, setting, make_staff):
    event, _employers, _members = setting
    client.force_login(make_staff(roles.COMPETITIONS))
    url = reverse("competitions:import-entries", args=[event.competition.pk])
    upload = io.BytesIO(b"not a workbook")
    upload.name = "entries.xlsx"
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert Entry.objects.count() == 0


def test_500_rows_checked_then_imported(
    client, make_staff, django_assert_max_num_queries, run_jobs
):
    event = CompetitionEventFactory(name="维修电工")
    second = CompetitionEventFactory(competition=event.competition, name="电气安装")
    union = UnionFactory()
    employers = EmployerFactory.create_batch(10)
    members = [MemberFactory(union=union, employer=employers[i % 10]) for i in range(250)]
    rows = []
    for index, member in enumerate(members):
        for target in (event, second):
            rows.append([target.name, member.id_number, member.name, "", 60 + index % 40, ""])
    assert len(rows) == 500
    client.force_login(make_staff(roles.COMPETITIONS))
    url = reverse("competitions:import-entries", args=[event.competition.pk])
    response = client.post(url, {"file": _xlsx(rows)})
    assert response.status_code == 302
    with django_assert_max_num_queries(25):
        [checked] = run_jobs()
    assert checked.state == JobState.AWAITING_CONFIRMATION
    assert "500 行可以导入" in checked.message
    assert Entry.objects.count() == 0  # the check writes nothing

    client.post(reverse("jobs:confirm", args=[checked.pk]))
    with django_assert_max_num_queries(45):
        [written] = run_jobs()
    assert written.state == JobState.SUCCEEDED, written.message
    assert Entry.objects.filter(event__competition=event.competition).count() == 500
    assert Participation.objects.filter(competition=event.competition).count() == 10
    assert Entry.objects.filter(rank=1).count() >= 2  # ranks computed per event


def test_imported_entries_have_a_history(client, setting, make_staff, run_jobs):
    from auditlog.models import LogEntry

    event, employers, members = setting
    staff = make_staff(roles.COMPETITIONS)
    client.force_login(staff)
    url = reverse("competitions:import-entries", args=[event.competition.pk])
    rows = [["维修电工", members[0].id_number, members[0].name, employers[0].name, 90, "一等奖"]]
    client.post(url, {"file": _xlsx(rows)})
    [checked] = run_jobs()
    client.post(reverse("jobs:confirm", args=[checked.pk]))
    run_jobs()
    entry = Entry.objects.get()
    log = LogEntry.objects.get_for_object(entry).get()
    assert log.actor == staff
    assert log.changes["score"] == ["None", "90.00"]


def test_an_officer_cannot_name_an_employer_outside_the_union(setting, make_staff):
    event, employers, _members = setting
    township = UnionFactory()
    inside = UnionFactory(parent=township)
    member = MemberFactory(union=inside)
    officer = make_staff(roles.COMPETITIONS, union=township)
    rows = [["维修电工", member.id_number, member.name, employers[0].name, 90, ""]]
    _checked, errors = _check(event, rows, officer)
    assert "该单位不属于您所在工会及其下级工会。" in errors[0].messages
    employers[0].union = inside
    employers[0].save()
    checked, errors = _check(event, rows, officer)
    assert errors == []
    assert checked[0].employer == employers[0]


def test_the_job_page_shows_no_id_number(client, setting, make_staff, run_jobs):
    from yuyang_union.personal_data.models import IdentifierAccessLog

    event, _employers, members = setting
    member = members[0]
    rows = [[event.name, member.id_number, "别人的名字", "", 80, ""]]
    url = reverse("competitions:import-entries", args=[event.competition.pk])
    client.force_login(make_staff(roles.COMPETITIONS))
    client.post(url, {"file": _xlsx(rows)})
    [job] = run_jobs()
    assert job.state == JobState.FAILED  # the name does not match the ID number
    content = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert member.id_number not in content
    assert member.id_number not in str(job.errors) + job.message
    assert not IdentifierAccessLog.objects.exists()


def test_prizes_are_read_by_their_chinese_names(setting, make_staff):
    event, employers, members = setting
    names = ["一等奖", "二等奖", "三等奖", "优秀奖", "无"]
    rows = [
        [event.name, member.id_number, member.name, employers[0].name, 80, name]
        for member, name in zip(members, names, strict=True)
    ]
    checked, errors = _check(event, rows, make_staff(roles.COMPETITIONS))
    assert errors == []
    assert [row.award for row in checked] == ["first", "second", "third", "excellence", "none"]


def test_the_workbook_waits_encrypted_outside_the_session_and_goes_after_the_import(
    client, setting, make_staff, run_jobs
):
    event, employers, members = setting
    client.force_login(make_staff(roles.COMPETITIONS))
    url = reverse("competitions:import-entries", args=[event.competition.pk])
    upload = _xlsx([["维修电工", members[0].id_number, members[0].name, employers[0].name, 90, ""]])
    client.post(url, {"file": upload})
    assert members[0].id_number not in str(dict(client.session))
    [waiting] = pending_files()
    assert members[0].id_number.encode() not in waiting.read_bytes()
    [checked] = run_jobs()
    client.post(reverse("jobs:confirm", args=[checked.pk]))
    run_jobs()
    assert Entry.objects.filter(member=members[0]).exists()
    assert pending_files() == []  # the parked file is gone
