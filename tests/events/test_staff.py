"""Staff pages and admin: access, scope, registration list and export, check-in, uploads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events import services
from events.models import Event, EventPhoto, Registration, RegistrationStatus
from tests.events.factories import EventFactory, PastEventFactory, in_days, png_upload
from tests.members.factories import MemberFactory, UnionFactory, UserFactory, county_union
from tests.workbooks import job_of, result_rows
from yuyang_union import roles
from yuyang_union.history.actors import system_actor
from yuyang_union.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def events_staff(make_staff):
    return make_staff(roles.EVENTS)


def signed_up_event(count=3, **fields):
    event = EventFactory(**fields)
    registrations = [
        services.sign_up(
            actor=system_actor(), event=event, member=MemberFactory(phone=f"1381234{n:04d}")
        )
        for n in range(count)
    ]
    return event, registrations


STAFF_PAGES = ["events:registrations", "events:check-in"]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_send_anonymous_users_to_login(client, name):
    event = EventFactory()
    response = client.get(reverse(name, args=[event.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_refuse_members(client, name):
    event = EventFactory()
    client.force_login(UserFactory())
    assert client.get(reverse(name, args=[event.pk])).status_code == 403


def test_staff_list_refuses_roles_without_event_rights(client, make_staff):
    client.force_login(make_staff(roles.WELFARE))
    assert client.get(reverse("events:staff-list")).status_code == 403


def test_leaders_may_read_but_not_check_in(client, make_staff):
    event, (registration, *_rest) = signed_up_event()
    client.force_login(make_staff(roles.LEADERS))
    assert client.get(reverse("events:registrations", args=[event.pk])).status_code == 200
    response = client.post(
        reverse("events:check-in", args=[event.pk]), {"registration": registration.pk}
    )
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_officer_sees_only_events_of_their_subtree(client, make_staff):
    own = UnionFactory()
    officer = make_staff(roles.GRASSROOTS_OFFICERS, union=own)
    mine = EventFactory(organiser=own, title="本单位活动")
    theirs = EventFactory(organiser=county_union(), title="县总工会活动")
    client.force_login(officer)
    content = client.get(reverse("events:staff-list")).content.decode()
    assert mine.title in content
    assert theirs.title not in content
    assert client.get(reverse("events:registrations", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("events:check-in", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("events:registrations", args=[mine.pk])).status_code == 200


def test_registration_list_masks_phones_without_permission(client, events_staff):
    event, _registrations = signed_up_event()
    client.force_login(events_staff)
    content = client.get(reverse("events:registrations", args=[event.pk])).content.decode()
    assert "138****0000" in content
    assert "13812340000" not in content


def exported_rows(client, url, run_jobs, data=None):
    """Post the export; it answers with the job's page; the rows of the job's file."""
    response = client.post(url, data or {})
    job = job_of(response)
    run_jobs()
    return result_rows(job)


def test_excel_export_masks_phones_unless_asked_for_in_full_on_purpose(
    client, events_staff, make_staff, run_jobs
):
    event, _registrations = signed_up_event()
    client.force_login(events_staff)
    url = reverse("events:registrations", args=[event.pk])
    rows = exported_rows(client, url, run_jobs)
    assert rows[0][0] == event.title
    assert rows[1] == ("姓名", "身份证号码", "手机号码", "所在工会", "状态", "报名时间", "签到时间")
    phones = {row[2] for row in rows[2:]}
    assert phones == {"138****0000", "138****0001", "138****0002"}

    from django.contrib.auth.models import Permission

    permitted = make_staff(roles.EVENTS)
    permitted.user_permissions.add(Permission.objects.get(codename="view_personal_identifiers"))
    client.force_login(permitted)
    # Masked by default, for the permitted user too.
    rows = exported_rows(client, url, run_jobs)
    assert "13812340000" not in {row[2] for row in rows[2:]}
    rows = exported_rows(
        client, url, run_jobs, {"full-full_identifiers": "on", "full-reason": "contact"}
    )
    assert "13812340000" in {row[2] for row in rows[2:]}
    # Every full showing is on record, with its purpose.
    from yuyang_union.personal_data.models import IdentifierAccessLog

    logged = IdentifierAccessLog.objects.filter(user=permitted, channel="export")
    assert logged.count() == 6
    assert set(logged.values_list("reason", flat=True)) == {"contact"}
    # The officer without the right gets no numbers by asking, and no job.
    client.force_login(events_staff)
    response = client.post(url, {"full-full_identifiers": "on", "full-reason": "contact"})
    assert response.status_code == 302
    assert response["Location"] == url
    assert not Job.objects.filter(owner=events_staff, params__full_reason="contact").exists()


def test_excel_export_is_a_job_and_holds_only_the_event(client, events_staff, run_jobs):
    event, _registrations = signed_up_event(count=2)
    signed_up_event(count=1)  # another event's sign-ups stay out
    client.force_login(events_staff)
    url = reverse("events:registrations", args=[event.pk])
    response = client.post(url)
    job = job_of(response)
    # Nothing heavy in the request: the job waits for a worker.
    assert job.state == "queued"
    assert not job.result_file
    run_jobs()
    job.refresh_from_db()
    assert job.result_personal  # phones, even masked: encrypted at rest
    assert len(result_rows(job)) == 2 + 2


def test_excel_export_refuses_roles_without_event_rights(client, make_staff):
    event, _registrations = signed_up_event()
    client.force_login(make_staff(roles.LEGAL))
    response = client.post(reverse("events:registrations", args=[event.pk]))
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_excel_export_of_another_subtree_is_refused(client, make_staff):
    event, _registrations = signed_up_event(organiser=UnionFactory())
    officer = make_staff(roles.GRASSROOTS_OFFICERS, union=UnionFactory())
    client.force_login(officer)
    response = client.post(reverse("events:registrations", args=[event.pk]))
    assert response.status_code == 404
    assert not Job.objects.exists()


def test_admin_action_exports_the_selected_as_a_job(admin_client, run_jobs):
    _event, registrations = signed_up_event(count=3)
    response = admin_client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "export_xlsx", "_selected_action": [r.pk for r in registrations[:2]]},
    )
    job = job_of(response)
    run_jobs()
    rows = result_rows(job)
    assert rows[0][0] == "姓名"
    assert len(rows) == 1 + 2


def test_excel_export_escapes_formulae(client, events_staff, run_jobs):
    event = EventFactory()
    services.sign_up(actor=system_actor(), event=event, member=MemberFactory(name="=HYPERLINK(1)"))
    client.force_login(events_staff)
    rows = exported_rows(client, reverse("events:registrations", args=[event.pk]), run_jobs)
    assert rows[2][0] == "'=HYPERLINK(1)"


def test_check_in_from_the_phone_page(client, events_staff):
    event, (first, *_rest) = signed_up_event()
    client.force_login(events_staff)
    url = reverse("events:check-in", args=[event.pk])
    response = client.post(url, {"registration": first.pk}, follow=True)
    assert "已签到 1 人，共 3 人报名" in response.content.decode()
    first.refresh_from_db()
    assert first.status == RegistrationStatus.ATTENDED
    client.post(url, {"registration": first.pk, "action": "undo"})
    first.refresh_from_db()
    assert first.status == RegistrationStatus.REGISTERED


def test_check_in_cannot_touch_another_events_registration(client, events_staff):
    event = EventFactory()
    _other, (registration, *_rest) = signed_up_event()
    client.force_login(events_staff)
    response = client.post(
        reverse("events:check-in", args=[event.pk]), {"registration": registration.pk}
    )
    assert response.status_code == 404


def test_attendance_is_recorded_for_events_without_sign_up(client, events_staff):
    event = PastEventFactory(attendance_count=None)
    client.force_login(events_staff)
    url = reverse("events:check-in", args=[event.pk])
    read = {"attendance_count": "126", "version": event.version}
    client.post(url, read)
    event.refresh_from_db()
    assert event.attendance_count == 126
    # The same form posted from a page read before that save: refused, nothing changes.
    answer = client.post(url, {**read, "attendance_count": "130"})
    assert "您的修改未保存" in answer.content.decode()
    event.refresh_from_db()
    assert event.attendance_count == 126
    # A typo's extra digits are refused at the field, not a 500.
    answer = client.post(url, {"attendance_count": "12600000", "version": event.version})
    assert answer.status_code == 200
    assert "大得不合常理" in answer.content.decode()


def test_staff_home_shows_this_weeks_events_and_sign_ups(client, events_staff):
    event, _registrations = signed_up_event(count=2, starts_at=in_days(0, hour=23))
    client.force_login(events_staff)
    content = client.get("/staff/").content.decode()
    assert "本周活动" in content
    assert event.title in content
    assert "2 人报名" in content


@pytest.mark.parametrize("rows", [5, 30])
def test_staff_list_query_count_is_the_same_at_two_sizes(
    client, events_staff, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        signed_up_event(count=2)
    client.force_login(events_staff)
    with django_assert_max_num_queries(11):
        assert client.get(reverse("events:staff-list")).status_code == 200


@pytest.mark.parametrize("rows", [5, 30])
def test_registration_page_query_count_is_the_same_at_two_sizes(
    client, events_staff, django_assert_max_num_queries, rows
):
    event, _registrations = signed_up_event(count=rows)
    client.force_login(events_staff)
    with django_assert_max_num_queries(12):  # with the count of its pages
        assert client.get(reverse("events:registrations", args=[event.pk])).status_code == 200
    with django_assert_max_num_queries(11):
        assert client.get(reverse("events:check-in", args=[event.pk])).status_code == 200


@pytest.mark.parametrize("rows", [5, 30])
def test_admin_changelists_query_count_is_the_same_at_two_sizes(
    client, events_staff, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        signed_up_event(count=1)
    client.force_login(events_staff)
    for name in ["admin:events_event_changelist", "admin:events_registration_changelist"]:
        with django_assert_max_num_queries(15):
            assert client.get(reverse(name)).status_code == 200


def admin_event_form(**changes):
    union = county_union()
    data = {
        "title": "新活动",
        "category": "health",
        "status": "published",
        "summary": "简介",
        "body": "",
        "starts_at_0": "2030-06-07",
        "starts_at_1": "09:00",
        "ends_at_0": "2030-06-07",
        "ends_at_1": "12:00",
        "place": "县职工活动中心",
        "township": "",
        "organiser": union.pk,
        "co_organisers": "",
        "audience": "all",
        "audience_union": "",
        "signup_opens_at_0": "",
        "signup_opens_at_1": "",
        "signup_closes_at_0": "",
        "signup_closes_at_1": "",
        "capacity": "",
        "waiting_list_enabled": "on",
        "attendance_count": "",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-caption": "",
        "photos-0-credit": "",
        "photos-0-ordering": "0",
    }
    data.update(changes)
    return data


def test_admin_upload_makes_thumbnails(client, events_staff):
    client.force_login(events_staff)
    response = client.post(
        reverse("admin:events_event_add"),
        admin_event_form(
            cover=png_upload("cover.png", size=(2000, 1500)),
            **{
                "photos-0-image": png_upload("photo.png"),
                "photos-0-caption": "2022年6月7日，县总工会组织人员到花田乡开展公益体检。",
                "photos-0-credit": "县总工会",
            },
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get()
    assert event.created_by == events_staff
    from PIL import Image

    with Image.open(event.cover_thumbnail.open()) as thumbnail:
        assert max(thumbnail.size) <= 640
    photo = EventPhoto.objects.get()
    assert photo.thumbnail.name.endswith(".jpg")
    content = client.get(event.get_absolute_url()).content.decode()
    assert "（图片由县总工会提供）" in content
    assert photo.thumbnail.url in content


def test_admin_upload_rejects_a_file_that_is_not_an_image(client, events_staff):
    client.force_login(events_staff)
    fake = SimpleUploadedFile("cover.jpg", b"MZ\x90\x00 not a picture", content_type="image/jpeg")
    response = client.post(reverse("admin:events_event_add"), admin_event_form(cover=fake))
    assert response.status_code == 200
    assert not Event.objects.exists()
    errors = response.context["adminform"].form.errors
    assert "cover" in errors


def test_image_validator_rejects_non_images_and_oversized_files(settings):
    from django.core.exceptions import ValidationError

    from events import images

    with pytest.raises(ValidationError) as error:
        images.validate_image_upload(SimpleUploadedFile("x.png", b"<html>hello</html>"))
    assert error.value.code == "not_an_image"
    big = png_upload()
    big.size = images.MAX_UPLOAD_BYTES + 1
    with pytest.raises(ValidationError) as error:
        images.validate_image_upload(big)
    assert error.value.code == "image_too_big"
    images.validate_image_upload(png_upload())  # a real picture passes


def test_officer_cannot_publish_for_a_union_outside_their_subtree(client, make_staff):
    own = UnionFactory()
    officer = make_staff(roles.GRASSROOTS_OFFICERS, union=own)
    client.force_login(officer)
    response = client.post(reverse("admin:events_event_add"), admin_event_form())
    assert response.status_code in (200, 403)
    assert not Event.objects.exists()


def test_admin_registration_added_by_staff_follows_the_sign_up_rules(client, events_staff):
    event = EventFactory(capacity=1)
    services.sign_up(actor=system_actor(), event=event, member=MemberFactory())
    member = MemberFactory()
    client.force_login(events_staff)
    client.post(reverse("admin:events_registration_add"), {"event": event.pk, "member": member.pk})
    assert Registration.objects.get(member=member).status == RegistrationStatus.WAITING


def test_admin_registration_refused_by_the_rules_shows_why(client, events_staff):
    event = EventFactory(audience="women")
    man = MemberFactory(id_number="500242198805041117")
    client.force_login(events_staff)
    response = client.post(
        reverse("admin:events_registration_add"), {"event": event.pk, "member": man.pk}
    )
    assert response.status_code == 200
    assert "本活动仅限女会员参加" in response.content.decode()
    assert not Registration.objects.exists()


def test_publish_action_publishes_drafts_and_keeps_history(client, events_staff):
    from auditlog.models import LogEntry

    draft = EventFactory(status="draft")
    client.force_login(events_staff)
    client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == "published"
    assert LogEntry.objects.get_for_object(draft).filter(changes__has_key="status").exists()
