"""ID numbers and phones: masked for everyone in pages, history and exports; revealed one
record at a time, on purpose, by those who may, and logged."""

import pytest
from django.urls import reverse

from tests.workbooks import job_of, result_rows
from yuyang_union.personal_data.masking import mask_id_number, mask_phone
from yuyang_union.personal_data.models import IdentifierAccessLog


def test_list_masks_identifiers_without_permission(client, leader, member_a):
    client.force_login(leader)
    response = client.get(reverse("admin:members_member_changelist"))
    content = response.content.decode()
    assert response.status_code == 200
    assert member_a.name in content
    assert member_a.id_number not in content
    assert mask_id_number(member_a.id_number) in content
    assert member_a.phone not in content
    assert mask_phone(member_a.phone) in content
    assert not IdentifierAccessLog.objects.exists()


def test_list_masks_identifiers_for_a_permitted_user_too(client, organisation, member_a):
    client.force_login(organisation)
    response = client.get(reverse("admin:members_member_changelist"))
    content = response.content.decode()
    assert member_a.id_number not in content
    assert member_a.phone not in content
    assert mask_id_number(member_a.id_number) in content
    assert not IdentifierAccessLog.objects.exists()


def test_change_form_masks_without_permission(client, officer_a, member_a):
    client.force_login(officer_a)
    response = client.get(reverse("admin:members_member_change", args=[member_a.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert member_a.id_number not in content  # not even in an input's value
    assert member_a.phone not in content
    assert mask_id_number(member_a.id_number) in content


def test_change_form_offers_the_reveal_to_a_permitted_user(
    client, organisation, officer_a, member_a
):
    reveal = reverse("personal_data:reveal", args=["members", "member", member_a.pk, "phone"])
    client.force_login(officer_a)
    page = client.get(reverse("admin:members_member_change", args=[member_a.pk])).content.decode()
    assert reveal not in page
    client.force_login(organisation)
    page = client.get(reverse("admin:members_member_change", args=[member_a.pk])).content.decode()
    assert member_a.id_number not in page
    assert member_a.phone not in page
    assert reveal in page
    assert not IdentifierAccessLog.objects.exists()
    # Asking is not enough: a purpose must be chosen.
    refused = client.post(reveal, {"reason": ""})
    assert member_a.phone not in refused.content.decode()
    assert not IdentifierAccessLog.objects.exists()
    shown = client.post(reveal, {"reason": "contact"})
    assert member_a.phone in shown.content.decode()
    assert "no-store" in shown["Cache-Control"]
    logged = IdentifierAccessLog.objects.get()
    assert (logged.user, logged.object_id, logged.field) == (
        organisation,
        str(member_a.pk),
        "phone",
    )
    assert (logged.channel, logged.reason) == ("reveal", "contact")
    # The log holds the record masked, never the number.
    assert member_a.id_number not in logged.object_repr


def test_reveal_is_refused_outside_the_subtree_and_without_the_right(
    client, officer_a, organisation, member_a, member_b
):
    from django.contrib.auth.models import Permission

    reveal_b = reverse("personal_data:reveal", args=["members", "member", member_b.pk, "id_number"])
    client.force_login(officer_a)
    assert client.post(reveal_b, {"reason": "verify"}).status_code == 403
    officer_a.user_permissions.add(Permission.objects.get(codename="view_personal_identifiers"))
    client.force_login(type(officer_a).objects.get(pk=officer_a.pk))
    # The right, but member B is in another union's subtree.
    assert client.post(reveal_b, {"reason": "verify"}).status_code == 404
    reveal_a = reverse("personal_data:reveal", args=["members", "member", member_a.pk, "id_number"])
    assert member_a.id_number in client.post(reveal_a, {"reason": "verify"}).content.decode()
    # Unknown fields and models are not revealable.
    bad = reverse("personal_data:reveal", args=["members", "member", member_a.pk, "name"])
    assert client.get(bad).status_code == 404
    bad = reverse("personal_data:reveal", args=["auth", "user", "1", "password"])
    assert client.get(bad).status_code == 404
    bad = reverse("personal_data:reveal", args=["members", "member", "x", "id_number"])
    assert client.get(bad).status_code == 404


def test_autocomplete_masks_identifiers(client, organisation, member_a):
    client.force_login(organisation)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "members",
            "model_name": "membershiptransfer",
            "field_name": "member",
            "term": member_a.name,
        },
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [str(member_a.pk)]
    assert member_a.id_number not in results[0]["text"]
    assert mask_id_number(member_a.id_number) in results[0]["text"]


def test_str_is_masked(member_a):
    assert member_a.id_number not in str(member_a)


def _export(client, user, **choices):
    client.force_login(user)
    return client.post(
        reverse("admin:members_member_export"),
        {
            "format": "0",
            "resource": "0",
            **{f"memberresource_{f}": "on" for f in FIELDS},
            **choices,
        },
    )


FIELDS = ["name", "id_number", "phone", "union", "notes"]


@pytest.fixture
def export_rows(run_jobs):
    """The export starts a job (the response is its page); the rows of the job's file."""

    def rows(response):
        job = job_of(response)
        run_jobs()
        return result_rows(job)

    return rows


@pytest.mark.parametrize("role", ["leader", "organisation"])
def test_export_masks_by_default(request, client, member_a, role, export_rows):
    rows = export_rows(_export(client, request.getfixturevalue(role)))
    headers, *data = rows
    assert "身份证号码" in headers
    cells = [str(c) for row in data for c in row]
    assert member_a.id_number not in cells
    assert mask_id_number(member_a.id_number) in cells
    assert mask_phone(member_a.phone) in cells
    assert not IdentifierAccessLog.objects.exists()


@pytest.mark.parametrize("role", ["leader", "organisation"])
def test_export_in_full_only_for_the_permitted_with_a_purpose(
    request, client, member_a, role, export_rows
):
    response = _export(
        client, request.getfixturevalue(role), full_identifiers="on", full_reason="audit"
    )
    cells = [str(c) for row in export_rows(response)[1:] for c in row]
    if role == "organisation":
        assert member_a.id_number in cells
        logged = IdentifierAccessLog.objects.filter(channel="export", reason="audit")
        assert set(logged.values_list("field", flat=True)) == {"id_number", "phone"}
    else:
        assert member_a.id_number not in cells
        assert not IdentifierAccessLog.objects.exists()


def test_export_in_full_needs_a_purpose(client, organisation, member_a):
    response = _export(client, organisation, full_identifiers="on")
    assert response.status_code == 200
    assert "full_reason" in response.context["form"].errors
    assert not IdentifierAccessLog.objects.exists()


def test_export_escapes_formulae(client, organisation, member_a, export_rows):
    member_a.notes = '=HYPERLINK("http://evil","x")'
    member_a.save()
    rows = export_rows(_export(client, organisation))
    cells = [c for row in rows for c in row if isinstance(c, str)]
    assert not any(c.startswith("=") for c in cells)
    assert "'=HYPERLINK" in "".join(cells)


def test_export_covers_only_the_subtree(client, officer_a, member_a, member_b, export_rows):
    rows = export_rows(_export(client, officer_a))
    names = [row[0] for row in rows[1:]]
    assert names == [member_a.name]


def test_history_records_an_edit_masked(client, organisation, member_a):
    client.force_login(organisation)
    url = reverse("admin:members_member_change", args=[member_a.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        name="冉光亮",
        id_number_replacement="",
        phone_replacement="13700001111",
        union=member_a.union_id,
        joined_on="2018-05-01",
        status="active",
        ethnicity="土家族",
    )
    data.pop("user", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    history = client.get(reverse("admin:members_member_history", args=[member_a.pk]))
    content = history.content.decode()
    assert "冉光亮" in content
    assert organisation.username in content
    assert "13700001111" not in content  # masked in history
    assert mask_phone("13700001111") in content
    assert member_a.phone not in content


def _change_data(member, **changes):
    data = {
        "name": member.name,
        "ethnicity": member.ethnicity,
        "union": member.union_id,
        "joined_on": member.joined_on.isoformat(),
        "status": member.status,
        "id_number_replacement": "",
        "phone_replacement": "",
        "version": type(member).objects.get(pk=member.pk).version,
    }
    data.update(changes)
    return data


def test_officer_replaces_a_phone_without_seeing_the_old_one(client, officer_a, member_a):
    client.force_login(officer_a)
    url = reverse("admin:members_member_change", args=[member_a.pk])
    page = client.get(url).content.decode()
    assert member_a.phone not in page
    response = client.post(url, _change_data(member_a, phone_replacement="13600001234"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    member_a.refresh_from_db()
    assert member_a.phone == "13600001234"
    # Leaving the replacement empty keeps the value.
    client.post(url, _change_data(member_a, name="冉光明"))
    member_a.refresh_from_db()
    assert member_a.phone == "13600001234"


def test_replacing_an_id_with_one_already_registered_is_refused(
    client, officer_a, member_a, member_b
):
    client.force_login(officer_a)
    url = reverse("admin:members_member_change", args=[member_a.pk])
    response = client.post(url, _change_data(member_a, id_number_replacement=member_b.id_number))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "id_number_replacement" in errors
    # The number typed is echoed back for correction; the stored one never is.
    assert member_a.id_number not in response.content.decode()
    member_a.refresh_from_db()
    assert member_a.id_number != member_b.id_number


def test_history_never_holds_identifiers_or_digests(tree):
    import json

    from auditlog.models import LogEntry

    from tests.members.factories import MemberFactory

    member = MemberFactory(union=tree["a1"], phone="13911112222")
    entry = LogEntry.objects.get_for_object(member).get()
    stored = json.dumps(entry.changes, ensure_ascii=False) + entry.object_repr
    assert member.id_number not in stored
    assert "13911112222" not in stored
    assert "id_number_digest" not in stored
    assert "phone_digest" not in stored
    assert mask_id_number(member.id_number) in stored


def test_old_history_entries_lose_the_birth_date_and_sex(member_a):
    """Entries written before the history left them out are scrubbed by a migration."""
    import importlib

    from auditlog.models import LogEntry
    from django.apps import apps
    from django.db import connection

    scrub = importlib.import_module("members.migrations.0006_history_without_birth_dates").scrub
    entry = LogEntry.objects.get_for_object(member_a).first()
    entry.changes = {**entry.changes, "birth_date": ["None", "1960-01-01"], "sex": ["None", "F"]}
    entry.save()
    with connection.schema_editor() as editor:
        scrub(apps, editor)
    entry.refresh_from_db()
    assert "birth_date" not in entry.changes
    assert "sex" not in entry.changes
    assert "name" in entry.changes
