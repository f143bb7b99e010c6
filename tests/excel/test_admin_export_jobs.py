"""The admin's exports (every ScopedImportExportMixin changelist) run as jobs: the form's
answer is the job's page; the job writes the changelist's records, as its owner sees them."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.members.factories import EmployerFactory, MemberFactory, UnionFactory
from tests.workbooks import job_of, result_rows
from yuyang_union import roles
from yuyang_union.excel import exporting, resources
from yuyang_union.jobs.models import Job
from yuyang_union.personal_data.access_log import log_identifier_access
from yuyang_union.personal_data.masking import mask_id_number
from yuyang_union.personal_data.models import IdentifierAccessLog

pytestmark = pytest.mark.django_db

EXPORT = "admin:members_member_export"
FIELDS = ["name", "id_number", "phone", "union"]


def post_export(client, url=None, **choices):
    return client.post(
        url or reverse(EXPORT),
        {
            "format": "0",
            "resource": "0",
            **{f"memberresource_{f}": "on" for f in FIELDS},
            **choices,
        },
    )


@pytest.fixture
def organisation(make_staff):
    user = make_staff(roles.ORGANISATION)
    user.user_permissions.add(Permission.objects.get(codename="view_personal_identifiers"))
    return type(user).objects.get(pk=user.pk)


def test_the_form_starts_a_job_and_builds_nothing(client, organisation):
    member = MemberFactory()
    client.force_login(organisation)
    job = job_of(post_export(client, reverse(EXPORT) + f"?q={member.id_number}"))
    assert job.owner == organisation
    assert job.kind == "excel.export"
    assert job.state == "queued"
    assert not job.result_file
    assert job.params["fields"] == FIELDS
    # The search (here an ID number) travels encrypted: the params never hold one in clear.
    assert member.id_number not in str(job.params)
    assert member.id_number[:17] not in str(job.params)


def test_the_job_follows_the_changelists_search_and_filters(client, organisation, run_jobs):
    town = UnionFactory(kind="township")
    wanted = MemberFactory(name="冉一", union=UnionFactory(parent=town))
    MemberFactory(name="冉二")
    client.force_login(organisation)
    job = job_of(post_export(client, reverse(EXPORT) + f"?under={town.path}"))
    run_jobs()
    header, *rows = result_rows(job)
    assert header == ("姓名", "身份证号码", "手机号码", "所属工会")
    assert rows == [
        (wanted.name, mask_id_number(wanted.id_number), wanted.phone_masked, wanted.union.name)
    ]
    job = job_of(post_export(client, reverse(EXPORT) + f"?q={wanted.id_number}"))
    run_jobs()
    assert [row[0] for row in result_rows(job)[1:]] == [wanted.name]


def test_full_numbers_are_logged_in_batches(client, organisation, run_jobs, monkeypatch):
    monkeypatch.setattr(exporting, "CHUNK", 2)
    batches = []

    def log(user, objects, *args, **kwargs):
        objects = list(objects)
        batches.append(len(objects))
        return log_identifier_access(user, objects, *args, **kwargs)

    monkeypatch.setattr(resources, "log_identifier_access", log)
    members = [MemberFactory() for _ in range(5)]
    client.force_login(organisation)
    job = job_of(post_export(client, full_identifiers="on", full_reason="audit"))
    assert job.params["full_reason"] == "audit"
    run_jobs()
    rows = result_rows(job)
    assert {row[1] for row in rows[1:]} == {m.id_number for m in members}
    logged = IdentifierAccessLog.objects.filter(user=organisation, channel="export", reason="audit")
    assert logged.count() == 2 * len(members)  # ID number and phone of each, once
    assert {int(pk) for pk in logged.values_list("object_id", flat=True)} == {m.pk for m in members}
    # Written as the rows go, never all the records at once.
    assert batches == [2, 2, 1]


def test_a_user_without_the_right_is_refused_before_any_job(client, make_staff):
    MemberFactory()
    client.force_login(make_staff(roles.EVENTS))
    assert post_export(client).status_code == 403
    assert not Job.objects.exists()


def test_the_owner_losing_the_right_fails_the_job(client, organisation, run_jobs):
    MemberFactory()
    client.force_login(organisation)
    job = job_of(post_export(client))
    organisation.groups.clear()
    run_jobs()
    job.refresh_from_db()
    assert job.state == "failed"
    assert not job.result_file


def test_an_officer_exports_only_their_subtree_of_another_changelist(client, make_staff, run_jobs):
    town = UnionFactory(kind="township")
    mine = EmployerFactory(name="甲厂", union=UnionFactory(parent=town))
    EmployerFactory(name="乙厂")
    officer = make_staff(roles.GRASSROOTS_OFFICERS, union=town)
    client.force_login(officer)
    response = client.post(
        reverse("admin:members_employer_export"), {"format": "0", "resource": "0"}
    )
    if response.status_code == 200:  # the form wants a column chosen
        fields = [name for name in response.context["form"].fields if name.startswith("employer")]
        response = client.post(
            reverse("admin:members_employer_export"),
            {"format": "0", "resource": "0", **dict.fromkeys(fields, "on")},
        )
    job = job_of(response)
    run_jobs()
    cells = {cell for row in result_rows(job)[1:] for cell in row}
    assert mine.name in cells
    assert "乙厂" not in cells
