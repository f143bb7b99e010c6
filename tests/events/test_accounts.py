"""Member accounts: activation by a code texted to the phone on the roster, the limits, the
same answer for everyone, staff-created accounts."""

import datetime
import re

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.urls import reverse
from django.utils import timezone

from events import services, verbs
from events.models import AccountAttempt, AttemptKind, CodePurpose, PhoneCode
from members.models import Member
from tests.members.factories import MemberFactory, UnionFactory, UserFactory, make_id_number
from yuyang_union import roles
from yuyang_union.history.models import ActionEntry

pytestmark = pytest.mark.django_db

PASSWORD = "Youyang-2022-tujia"
PHONE = "13912345678"
WRONG_CODE = "验证码不正确或已过期"
TOO_MANY = "尝试次数过多"
SAME_ANSWER = "如果以上信息与花名册上的会员相符，验证码已发送到该手机"
ACTIVATE = reverse("events:activate")
ACTIVATE_CODE = reverse("events:activate-code")


@pytest.fixture
def member():
    return MemberFactory(name="田小红", phone=PHONE)


def who(member, **changes):
    data = {"name": member.name, "id_number": member.id_number, "phone": member.phone}
    data.update(changes)
    return data


def choice(code, **changes):
    data = {
        "code": code,
        "username": "张晓梅",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(changes)
    return data


def code_in(message):
    return re.search(r"\b(\d{6})\b", message.message)[1]


def test_activation_texts_a_code_that_makes_a_chinese_login_and_signs_in(
    client, member, sms_outbox
):
    response = client.post(ACTIVATE, who(member))
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE_CODE
    assert len(sms_outbox) == 1
    assert sms_outbox[0].phone == PHONE
    assert SAME_ANSWER in client.get(ACTIVATE_CODE).content.decode()

    response = client.post(ACTIVATE_CODE, choice(code_in(sms_outbox[0])), follow=True)
    assert response.redirect_chain[-1][0] == reverse("events:mine")
    member.refresh_from_db()
    assert member.user.username == "张晓梅"
    assert member.user.check_password(PASSWORD)
    assert client.session[SESSION_KEY] == str(member.user.pk)
    entry = ActionEntry.objects.get(verb=verbs.ACCOUNT_ACTIVATED.code)
    assert entry.actor == member.user
    # Nothing but a keyed hash of the code is stored.
    assert code_in(sms_outbox[0]) not in PhoneCode.objects.get().code_hash


def test_lowercase_x_and_spaces_in_the_id_number_still_match(client, sms_outbox):
    number = next(
        n
        for serial in range(1000)
        if (n := make_id_number(birth=datetime.date(1990, 3, 8), serial=serial)).endswith("X")
    )
    member = MemberFactory(id_number=number, phone="13912345670")
    typed = f"{number[:6]} {number[6:14]} {number[14:].lower()}"
    client.post(ACTIVATE, who(member, id_number=typed, phone="139 1234 5670"))
    assert len(sms_outbox) == 1


def request_code(member, now, **changes):
    data = who(member, **changes)
    return services.request_activation_code(ip_address="10.0.0.1", now=now, **data)


def activate(code_id, code, now, username="张晓梅"):
    return services.activate_account(
        code_id=code_id,
        code=code,
        username=username,
        password=PASSWORD,
        ip_address="10.0.0.1",
        now=now,
    )


def test_a_code_works_once(member, sms_outbox):
    now = timezone.now()
    code_id = request_code(member, now)
    code = code_in(sms_outbox[0])
    activate(code_id, code, now)
    with pytest.raises(services.AccountRefused):
        activate(code_id, code, now, username="another")
    assert get_user_model().objects.filter(username="another").count() == 0


@pytest.mark.parametrize(("minutes", "works"), [(9, True), (10, False), (11, False)])
def test_a_code_expires_after_ten_minutes(member, sms_outbox, minutes, works):
    sent_at = timezone.now()
    code_id = request_code(member, sent_at)
    later = sent_at + datetime.timedelta(minutes=minutes)
    if works:
        assert activate(code_id, code_in(sms_outbox[0]), later).member == member
    else:
        with pytest.raises(services.AccountRefused):
            activate(code_id, code_in(sms_outbox[0]), later)
        member.refresh_from_db()
        assert member.user is None


def test_a_code_dies_after_five_wrong_tries(member, sms_outbox):
    now = timezone.now()
    code_id = request_code(member, now)
    code = code_in(sms_outbox[0])
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _try in range(services.CODE_WRONG_TRIES):
        with pytest.raises(services.AccountRefused):
            activate(code_id, wrong, now)
    with pytest.raises(services.AccountRefused):
        activate(code_id, code, now)
    member.refresh_from_db()
    assert member.user is None


def test_a_new_code_replaces_the_last(member, sms_outbox):
    now = timezone.now()
    first_id = request_code(member, now)
    second_id = request_code(member, now)
    with pytest.raises(services.AccountRefused):
        activate(first_id, code_in(sms_outbox[0]), now)
    activate(second_id, code_in(sms_outbox[1]), now)


def test_a_wrong_code_and_an_unknown_person_get_the_same_error(client, member, sms_outbox):
    client.post(ACTIVATE, who(member))
    code = code_in(sms_outbox[0])
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    known = client.post(ACTIVATE_CODE, choice(wrong))

    stranger = type(client)()
    stranger.post(ACTIVATE, who(member, name="田小兰"))
    unknown = stranger.post(ACTIVATE_CODE, choice(code))
    for response in (known, unknown):
        assert response.status_code == 200
        assert (
            response.context["form"].errors["code"]
            == [str(services.WRONG_CODE_MESSAGE).replace("", "")]
            or WRONG_CODE in response.content.decode()
        )
        assert WRONG_CODE in response.content.decode()
    assert len(sms_outbox) == 1
    member.refresh_from_db()
    assert member.user is None


def without_csrf(content):
    content = content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content)


HEADERS = ["Content-Type", "Location", "Cache-Control", "Vary", "Content-Language"]


def answer(response):
    return (
        response.status_code,
        without_csrf(response.content),
        {name: response.headers.get(name) for name in HEADERS},
        "Expires" in response.headers,  # its value is the time of the answer
        sorted(response.cookies),
    )


def test_the_first_step_answers_the_same_whoever_asks(member, sms_outbox):
    """A member on the roster, a stranger, and a member who already has an account."""
    from django.test import Client

    has_account = MemberFactory(name="冉有号", phone="13912345601", user=UserFactory())
    stranger = {"name": "陌生人", "id_number": make_id_number(), "phone": "13912345602"}
    answers = []
    for data in (who(member), stranger, who(has_account)):
        visitor = Client()
        visitor.get(ACTIVATE)  # a CSRF cookie, as a browser would have
        posted = visitor.post(ACTIVATE, data)
        second = visitor.get(ACTIVATE_CODE)
        answers.append((answer(posted), answer(second)))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0][0] == 302
    # What differs is the texts: a code, nothing, a reminder of the login name.
    assert [m.phone for m in sms_outbox] == [PHONE, "13912345601"]
    assert has_account.user.username in sms_outbox[1].message
    assert not re.search(r"\d{6}", sms_outbox[1].message.replace(has_account.user.username, ""))


def test_a_member_with_an_account_cannot_activate_again(client, sms_outbox, member):
    member.user = UserFactory(username="tian")
    member.save()
    client.post(ACTIVATE, who(member))
    assert "tian" in sms_outbox[0].message
    response = client.post(ACTIVATE_CODE, choice("123456"))
    assert WRONG_CODE in response.content.decode()
    assert Member.objects.get(pk=member.pk).user.username == "tian"


def test_inactive_members_get_no_text(client, sms_outbox):
    retired = MemberFactory(status="retired", phone="13912345679")
    response = client.post(ACTIVATE, who(retired))
    assert response["Location"] == ACTIVATE_CODE
    assert not sms_outbox


def test_malformed_numbers_are_refused_at_their_fields(client, member, sms_outbox):
    response = client.post(ACTIVATE, who(member, id_number="5002421990", phone="1391234"))
    errors = response.context["form"].errors
    assert "身份证号码应为 18 位" in errors["id_number"][0]
    assert "11 位" in errors["phone"][0]
    assert not sms_outbox
    assert not AccountAttempt.objects.exists()


def activated_with(client, member, sms_outbox, **changes):
    client.post(ACTIVATE, who(member))
    return client.post(ACTIVATE_CODE, {**choice(code_in(sms_outbox[-1])), **changes})


def test_weak_password_is_refused_at_the_field_and_the_code_stays_good(client, member, sms_outbox):
    response = activated_with(
        client, member, sms_outbox, password1="12345678", password2="12345678"
    )
    assert response.context["form"].errors["password1"]
    member.refresh_from_db()
    assert member.user is None
    response = client.post(ACTIVATE_CODE, choice(code_in(sms_outbox[-1])))
    assert response.status_code == 302


@pytest.mark.parametrize("taken", ["张晓梅", "ZHANG", "zhang"])
def test_a_taken_login_name_is_refused_in_any_case(client, member, sms_outbox, taken):
    UserFactory(username=taken)
    response = activated_with(
        client, member, sms_outbox, username="Zhang" if taken != "张晓梅" else taken
    )
    assert "该登录名已被使用" in response.context["form"].errors["username"][0]


def test_a_mobile_number_is_no_login_name(client, member, sms_outbox):
    response = activated_with(client, member, sms_outbox, username="13800001111")
    assert "登录名不能是手机号" in response.context["form"].errors["username"][0]


def test_the_code_is_six_digits(client, member, sms_outbox):
    response = activated_with(client, member, sms_outbox, code="12a45")
    assert "6 位数字" in response.context["form"].errors["code"][0]


def test_the_second_step_needs_the_first(client):
    assert client.get(ACTIVATE_CODE)["Location"] == ACTIVATE
    assert client.post(ACTIVATE_CODE, choice("123456"))["Location"] == ACTIVATE


# --- Limits --------------------------------------------------------------------------------


def test_requests_naming_one_phone_are_limited(client, member, sms_outbox):
    for number in range(services.REQUESTS_PER_PHONE):
        client.post(
            ACTIVATE,
            who(member, name=f"别人{number}"),
            REMOTE_ADDR=f"10.0.1.{number}",
        )
    response = client.post(ACTIVATE, who(member), REMOTE_ADDR="10.0.2.1")
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert not sms_outbox


def test_requests_naming_one_id_number_are_limited(client, member, sms_outbox):
    for number in range(services.REQUESTS_PER_ID_NUMBER):
        client.post(
            ACTIVATE, who(member, phone=f"1370000{number:04d}"), REMOTE_ADDR=f"10.0.1.{number}"
        )
    response = client.post(ACTIVATE, who(member), REMOTE_ADDR="10.0.2.1")
    assert TOO_MANY in response.content.decode()
    assert not sms_outbox


def test_requests_from_one_address_are_limited(client, member, sms_outbox):
    for number in range(services.REQUESTS_PER_ADDRESS):
        other = MemberFactory(phone=f"1370000{number:04d}")
        client.post(ACTIVATE, who(other, name="错名"))
    response = client.post(ACTIVATE, who(member))
    assert TOO_MANY in response.content.decode()
    assert not sms_outbox
    # Another address is not blocked: the count is kept per address in the database.
    response = client.post(ACTIVATE, who(member), REMOTE_ADDR="10.0.0.9")
    assert response["Location"] == ACTIVATE_CODE
    assert len(sms_outbox) == 1


def test_texts_to_one_member_are_limited_silently(client, member, sms_outbox):
    answers = set()
    for number in range(services.MESSAGES_PER_MEMBER + 1):
        response = client.post(ACTIVATE, who(member), REMOTE_ADDR=f"10.0.1.{number}")
        answers.add((response.status_code, response["Location"]))
    assert answers == {(302, ACTIVATE_CODE)}
    assert len(sms_outbox) == services.MESSAGES_PER_MEMBER


def test_limits_last_an_hour(member, sms_outbox):
    start = timezone.now()
    for _number in range(services.REQUESTS_PER_PHONE):
        request_code(member, start, name="别人")
    with pytest.raises(services.AccountRefused):
        request_code(member, start)
    request_code(member, start + datetime.timedelta(minutes=services.LIMIT_WINDOW_MINUTES + 1))
    assert len(sms_outbox) == 1


def test_wrong_codes_from_one_address_are_limited(member, sms_outbox):
    now = timezone.now()
    for _try in range(services.WRONG_CODES_PER_ADDRESS):
        with pytest.raises(services.AccountRefused):
            activate(None, "000000", now)
    code_id = request_code(member, now)
    with pytest.raises(services.AccountRefused, match=r"尝试次数过多|Too many"):
        activate(code_id, code_in(sms_outbox[0]), now)


def test_old_attempts_and_codes_are_purged(member, sms_outbox):
    long_ago = timezone.now() - datetime.timedelta(days=services.ATTEMPTS_KEPT_DAYS + 1)
    request_code(member, long_ago)
    assert AccountAttempt.objects.filter(kind=AttemptKind.SENT).exists()
    request_code(member, timezone.now(), name="错名")
    assert not AccountAttempt.objects.filter(
        created_at__lt=timezone.now() - datetime.timedelta(days=1)
    ).exists()
    assert not PhoneCode.objects.exists()
    assert AccountAttempt.objects.get().purpose == CodePurpose.ACTIVATION


# --- Staff-created accounts ----------------------------------------------------------------


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


def test_the_attempts_admin_shows_no_digest(client, make_staff, member, sms_outbox):
    request_code(member, timezone.now())
    client.force_login(make_staff(roles.ADMINISTRATORS))
    content = client.get(reverse("admin:events_accountattempt_changelist")).content.decode()
    assert "10.0.0.1" in content
    attempt = AccountAttempt.objects.filter(kind=AttemptKind.SENT).get()
    assert attempt.phone_digest not in content
    assert attempt.id_number_digest not in content
