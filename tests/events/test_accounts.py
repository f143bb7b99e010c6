"""Member accounts: activation against the roster, rate limit, staff-created accounts."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from events import services
from events.models import ActivationAttempt
from members.models import Member
from tests.members.factories import MemberFactory, UnionFactory, UserFactory, make_id_number
from yuyang_union import roles

pytestmark = pytest.mark.django_db

NO_MATCH = "没有找到与该姓名、身份证号码和手机号码相符的在册会员"
PASSWORD = "Youyang-2022-tujia"


@pytest.fixture
def member():
    return MemberFactory(name="田小红", phone="13912345678")


def form(member, **changes):
    data = {
        "name": member.name,
        "id_number": member.id_number,
        "phone": member.phone,
        "username": "tianxiaohong",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(changes)
    return data


def test_activation_that_matches_creates_a_linked_login_and_signs_in(client, member):
    response = client.post(reverse("events:activate"), form(member), follow=True)
    assert response.redirect_chain[-1][0] == reverse("events:mine")
    member.refresh_from_db()
    assert member.user.username == "tianxiaohong"
    assert member.user.check_password(PASSWORD)
    assert response.context["user"] == member.user
    assert ActivationAttempt.objects.get().succeeded


def test_lowercase_x_and_spaces_in_the_id_number_still_match(client):
    number = next(
        n
        for serial in range(1000)
        if (n := make_id_number(birth=datetime.date(1990, 3, 8), serial=serial)).endswith("X")
    )
    member = MemberFactory(id_number=number, phone="13912345670")
    typed = f"{number[:6]} {number[6:14]} {number[14:].lower()}"
    response = client.post(reverse("events:activate"), form(member, id_number=typed))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.user is not None


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "田小兰"},
        {"phone": "13900000000"},
        {"id_number": "500242199001011234"},
        {"id_number": "not a number"},
    ],
    ids=["wrong-name", "wrong-phone", "wrong-id", "malformed-id"],
)
def test_activation_that_does_not_match_says_the_same_thing(client, member, changes):
    response = client.post(reverse("events:activate"), form(member, **changes))
    content = response.content.decode()
    assert response.status_code == 200
    assert NO_MATCH in content
    # The form does not say which part was wrong: no field-level error.
    assert 'class="error"' not in content
    member.refresh_from_db()
    assert member.user is None
    assert not get_user_model().objects.filter(username="tianxiaohong").exists()


def test_inactive_members_cannot_activate(client):
    retired = MemberFactory(status="retired", phone="13912345679")
    response = client.post(reverse("events:activate"), form(retired))
    assert NO_MATCH in response.content.decode()


def test_weak_password_is_refused_at_the_field(client, member):
    response = client.post(
        reverse("events:activate"), form(member, password1="12345678", password2="12345678")
    )
    assert response.context["form"].errors["password1"]
    member.refresh_from_db()
    assert member.user is None
    assert not ActivationAttempt.objects.exists()  # not a guess at someone's identity


def test_rate_limited_per_id_number(client, member):
    for _ in range(services.ACTIVATION_FAILURES_PER_ID):
        client.post(reverse("events:activate"), form(member, phone="13900000000"))
    # Now even the right answer is refused until the window passes.
    response = client.post(reverse("events:activate"), form(member))
    assert "尝试次数过多" in response.content.decode()
    member.refresh_from_db()
    assert member.user is None


def test_rate_limited_per_address(client):
    for number in range(services.ACTIVATION_FAILURES_PER_IP):
        other = MemberFactory(phone=f"1370000{number:04d}")
        client.post(reverse("events:activate"), form(other, name="错名", username=f"u{number}"))
    member = MemberFactory(phone="13912340000")
    response = client.post(reverse("events:activate"), form(member))
    assert "尝试次数过多" in response.content.decode()
    # Another address is not blocked: the count is kept per address in the database.
    response = client.post(reverse("events:activate"), form(member), REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 302


def test_a_member_with_an_account_cannot_activate_again(client, member):
    member.user = UserFactory()
    member.save()
    response = client.post(reverse("events:activate"), form(member))
    assert "该会员已有账号" in response.content.decode()
    assert Member.objects.get(pk=member.pk).user.username != "tianxiaohong"


def test_taken_login_name_is_refused(client, member):
    UserFactory(username="tianxiaohong")
    response = client.post(reverse("events:activate"), form(member))
    assert "该登录名已被使用" in response.content.decode()


def test_staff_create_accounts_with_the_admin_action(client, make_staff, member):
    staff = make_staff(roles.EVENTS)
    client.force_login(staff)
    response = client.post(
        reverse("admin:events_memberaccount_changelist"),
        {"action": "create_accounts", "_selected_action": [member.pk]},
        follow=True,
    )
    member.refresh_from_db()
    assert member.user is not None
    assert member.user.username in response.content.decode()
    assert member.user.has_usable_password()


def test_leaders_cannot_create_accounts(client, make_staff, member):
    leader = make_staff(roles.LEADERS)
    client.force_login(leader)
    response = client.post(
        reverse("admin:events_memberaccount_changelist"),
        {"action": "create_accounts", "_selected_action": [member.pk]},
    )
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.user is None


def test_officers_create_accounts_only_in_their_subtree(client, make_staff):
    own = UnionFactory()
    officer = make_staff(roles.GRASSROOTS_OFFICERS, union=own)
    insider = MemberFactory(union=own)
    outsider = MemberFactory()
    client.force_login(officer)
    client.post(
        reverse("admin:events_memberaccount_changelist"),
        {"action": "create_accounts", "_selected_action": [insider.pk, outsider.pk]},
    )
    insider.refresh_from_db()
    outsider.refresh_from_db()
    assert insider.user is not None
    assert outsider.user is None


def test_old_attempts_are_purged(client, member):
    import datetime as dt

    from django.utils import timezone

    old = ActivationAttempt.objects.create(ip_address="10.1.1.1", id_number_digest="x")
    ActivationAttempt.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=services.ATTEMPTS_KEPT_DAYS + 1)
    )
    client.post(reverse("events:activate"), form(member, name="错名"))
    assert not ActivationAttempt.objects.filter(pk=old.pk).exists()
    assert ActivationAttempt.objects.count() == 1
