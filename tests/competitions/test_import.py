import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from competitions import importing
from competitions.models import Entry, Participation
from tests.competitions.factories import CompetitionEventFactory, EntryFactory
from tests.members.factories import EmployerFactory, MemberFactory, UnionFactory, make_id_number
from tests.workbooks import xlsx_bytes
from yuyang_union import roles
from yuyang_union.validators import validate_id_number

pytestmark = pytest.mark.django_db

HEADER = ["项目", "身份证号码", "姓名", "单位", "成绩", "奖项"]


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


def test_a_file_with_a_bad_row_writes_nothing(client, setting, make_staff):
    event, employers, members = setting
    client.force_login(make_staff(roles.COMPETITIONS))
    url = reverse("competitions:import-entries", args=[event.competition.pk])
    rows = [
        ["维修电工", members[0].id_number, members[0].name, employers[0].name, 90, ""],
        ["维修电工", members[1].id_number, members[1].name, "不存在的公司", 80, ""],
    ]
    response = client.post(url, {"file": _xlsx(rows)})
    assert response.status_code == 400
    assert "未知单位“不存在的公司”" in response.content.decode()
    # Even a confirmation attempt finds nothing to import.
    client.post(url, {"confirm": "1"})
    assert Entry.objects.count() == 0
    assert Participation.objects.count() == 0


def test_a_not_excel_file_is_refused(client, setting, make_staff):
    event, _employers, _members = setting
    client.force_login(make_staff(roles.COMPETITIONS))
    url = reverse("competitions:import-entries", args=[event.competition.pk])
    upload = io.BytesIO(b"not a workbook")
    upload.name = "entries.xlsx"
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert Entry.objects.count() == 0


def test_500_rows_preview_then_import(client, make_staff, django_assert_max_num_queries):
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
    with django_assert_max_num_queries(25):
        response = client.post(url, {"file": _xlsx(rows)})
    assert response.status_code == 200
    assert "500 行可以导入" in response.content.decode()
    assert Entry.objects.count() == 0  # the preview writes nothing

    with django_assert_max_num_queries(40):
        response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    assert Entry.objects.filter(event__competition=event.competition).count() == 500
    assert Participation.objects.filter(competition=event.competition).count() == 10
    assert Entry.objects.filter(rank=1).count() >= 2  # ranks computed per event


def test_imported_entries_have_a_history(client, setting, make_staff):
    from auditlog.models import LogEntry

    event, employers, members = setting
    staff = make_staff(roles.COMPETITIONS)
    client.force_login(staff)
    url = reverse("competitions:import-entries", args=[event.competition.pk])
    rows = [["维修电工", members[0].id_number, members[0].name, employers[0].name, 90, "一等奖"]]
    client.post(url, {"file": _xlsx(rows)})
    client.post(url, {"confirm": "1"})
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


def test_the_preview_masks_id_numbers_for_everyone(client, setting, make_staff):
    from django.contrib.auth.models import Permission

    from yuyang_union.personal_data.models import IdentifierAccessLog

    event, _employers, members = setting
    member = members[0]
    rows = [[event.name, member.id_number, member.name, "", 80, ""]]
    url = reverse("competitions:import-entries", args=[event.competition.pk])
    staff = make_staff(roles.COMPETITIONS)
    client.force_login(staff)
    content = client.post(url, {"file": _xlsx(rows)}).content.decode()
    assert member.id_number not in content
    assert member.id_number_masked in content
    assert not IdentifierAccessLog.objects.exists()

    # Masked by default for everyone: holding the right to reveal changes nothing here.
    staff.user_permissions.add(Permission.objects.get(codename="view_personal_identifiers"))
    client.force_login(type(staff).objects.get(pk=staff.pk))
    content = client.post(url, {"file": _xlsx(rows)}).content.decode()
    assert member.id_number not in content
    assert member.id_number_masked in content


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


def test_the_workbook_waits_outside_the_session_and_goes_after_the_import(
    client, setting, make_staff
):
    from competitions.views import IMPORT_SESSION_KEY
    from yuyang_union.excel import pending

    event, employers, members = setting
    client.force_login(make_staff(roles.COMPETITIONS))
    url = reverse("competitions:import-entries", args=[event.competition.pk])
    upload = _xlsx([["维修电工", members[0].id_number, members[0].name, employers[0].name, 90, ""]])
    workbook = upload.getvalue()
    client.post(url, {"file": upload})
    stored = client.session[IMPORT_SESSION_KEY]
    assert set(stored) == {"competition", "file"}  # a reference, not the workbook
    assert members[0].id_number not in str(dict(client.session))
    assert pending.fetch(stored["file"]) == workbook

    client.post(url, {"confirm": "1"})
    assert Entry.objects.filter(member=members[0]).exists()
    assert IMPORT_SESSION_KEY not in client.session
    assert pending.fetch(stored["file"]) is None  # the parked file is gone


def test_a_new_upload_drops_the_file_waiting_before_it(client, setting, make_staff):
    from competitions.views import IMPORT_SESSION_KEY
    from yuyang_union.excel import pending

    event, employers, members = setting
    client.force_login(make_staff(roles.COMPETITIONS))
    url = reverse("competitions:import-entries", args=[event.competition.pk])
    row = ["维修电工", members[0].id_number, members[0].name, employers[0].name, 90, ""]
    client.post(url, {"file": _xlsx([row])})
    first = client.session[IMPORT_SESSION_KEY]["file"]
    client.post(url, {"file": _xlsx([row])})
    assert pending.fetch(first) is None
    assert client.session[IMPORT_SESSION_KEY]["file"] != first
