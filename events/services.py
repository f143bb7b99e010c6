"""Writes of the events app: sign-up, cancellation with waiting-list promotion, check-in,
attendance, and member accounts. Keyword-only, atomic, with the acting user as `actor` and
one action entry per change; views and admin only call these."""

import datetime
import logging
import secrets
import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn, cast

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from members.auth import accounts_with_phone, typed_phone
from members.models import Member, UnionOrganisation
from members.models.members import MemberStatus, Sex
from yuyang_union.accounts.verification import is_staff_account
from yuyang_union.history.actions import log_action, log_actions
from yuyang_union.history.actors import require_permission
from yuyang_union.history.verbs import Verb
from yuyang_union.personal_data.crypto import digest_id_number, digest_phone
from yuyang_union.sms import SmsError, send_sms
from yuyang_union.users import Actor
from yuyang_union.versions.conflicts import require_version

from . import verbs
from .models import (
    AccountAttempt,
    AttemptKind,
    Audience,
    CodePurpose,
    Event,
    EventStatus,
    PhoneCode,
    Registration,
    RegistrationStatus,
)
from .models.registrations import RegistrationQuerySet
from .selectors import places_taken

# ---------------------------------------------------------------------------- publishing


def _set_status(actor: Actor, events: QuerySet[Event], status: str, verb: Verb) -> int:
    """One save per event (not a bulk update) so that each change enters the history."""
    changed = []
    with transaction.atomic(), set_actor(actor):
        for event in events.select_for_update(of=("self",)):
            event.status = status
            event.save(update_fields=["status", "updated_at"])
            changed.append(event)
        log_actions(actor=actor, verb=verb, objects=changed)
    return len(changed)


def publish_events(*, actor: Actor, events: QuerySet[Event]) -> int:
    """Publish the drafts among `events` (a queryset); returns how many were published."""
    return _set_status(
        actor, events.filter(status=EventStatus.DRAFT), EventStatus.PUBLISHED, verbs.EVENT_PUBLISHED
    )


def cancel_events(*, actor: Actor, events: QuerySet[Event]) -> int:
    """Cancel `events` (a queryset) not cancelled yet; returns how many were cancelled."""
    return _set_status(
        actor,
        events.exclude(status=EventStatus.CANCELLED),
        EventStatus.CANCELLED,
        verbs.EVENT_CANCELLED,
    )


@transaction.atomic
def publish_event(*, actor: Actor, event: Event, read_version: int | None = None) -> bool:
    """Publish one draft from its own page, refused if the event changed since the page was
    read at `read_version`; False when it was not a draft (published or cancelled)."""
    locked = _locked_event(event.pk)
    require_version(locked, read_version)
    return publish_events(actor=actor, events=Event.objects.filter(pk=locked.pk)) == 1


@transaction.atomic
def cancel_event(*, actor: Actor, event: Event, read_version: int | None = None) -> bool:
    """Cancel one event from its own page (refused on a stale `read_version` as above);
    False when it was cancelled already."""
    locked = _locked_event(event.pk)
    require_version(locked, read_version)
    return cancel_events(actor=actor, events=Event.objects.filter(pk=locked.pk)) == 1


# ---------------------------------------------------------------------------- sign-up


def check_audience(*, event: Event, member: Member) -> None:
    """Raise ValidationError when the member is not someone the event is for."""
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(_("Only active members can sign up."), code="inactive_member")
    if event.audience == Audience.WOMEN and member.sex != Sex.FEMALE:
        raise ValidationError(_("This event is for women members."), code="audience_women")
    if event.audience == Audience.UNION and not member.union.path.startswith(
        cast(UnionOrganisation, event.audience_union).path  # a union audience names its union
    ):
        raise ValidationError(
            _("This event is for members of %(union)s."),
            code="audience_union",
            params={"union": cast(UnionOrganisation, event.audience_union).name},
        )


def check_can_sign_up(
    *, event: Event, member: Member, now: datetime.datetime | None = None
) -> None:
    """Raise ValidationError when the member may not sign up for the event now."""
    if not event.signup_is_open(now or timezone.now()):
        raise ValidationError(_("Sign-up for this event is not open."), code="signup_closed")
    check_audience(event=event, member=member)
    if (
        Registration.objects.filter(event=event, member=member)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exists()
    ):
        raise ValidationError(_("You have already signed up."), code="already_signed_up")


def _locked_event(event_id: int) -> Event:
    # The event row is the lock every sign-up and cancellation of that event takes first:
    # two members racing for the last place are served one after the other.
    return (
        Event.objects.select_for_update(of=("self",))
        .select_related("audience_union")
        .get(pk=event_id)
    )


def _locked_registrations() -> RegistrationQuerySet:
    """Registrations read with their rows locked, and with the member and event their name in
    the action log needs (one query, not three)."""
    return Registration.objects.select_for_update(of=("self",)).select_related("member", "event")


@transaction.atomic
def sign_up(
    *,
    actor: Actor,
    event: Event,
    member: Member,
    now: datetime.datetime | None = None,
) -> Registration:
    """Register the member, or put them on the waiting list when the places are taken.

    `actor` is the member themselves, or the staff who signs them up.
    """
    now = now or timezone.now()
    event = _locked_event(event.pk)
    check_can_sign_up(event=event, member=member, now=now)
    registration = (
        Registration.objects.select_for_update().filter(event=event, member=member).first()
    )

    full = event.capacity is not None and places_taken(event) >= event.capacity
    if full and not event.waiting_list_enabled:
        raise ValidationError(_("All places are taken."), code="full")
    status = RegistrationStatus.WAITING if full else RegistrationStatus.REGISTERED

    if registration is None:
        registration = Registration(event=event, member=member)
    registration.status = status
    registration.queued_at = now
    registration.cancelled_at = None
    registration.promoted_at = None
    registration.full_clean(validate_unique=False)
    with set_actor(actor):
        registration.save()
    log_action(actor=actor, verb=verbs.SIGNED_UP, obj=registration, data={"status": status})
    return registration


@transaction.atomic
def cancel(
    *,
    actor: Actor,
    registration: Registration,
    now: datetime.datetime | None = None,
) -> Registration | None:
    """Cancel a sign-up; when it held a place, the first on the waiting list moves up.

    Returns the registration that moved up, if any.
    """
    now = now or timezone.now()
    event = _locked_event(registration.event_id)
    registration = _locked_registrations().get(pk=registration.pk)
    if registration.status not in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING):
        raise ValidationError(_("This sign-up cannot be cancelled."), code="not_cancellable")
    if event.starts_at <= now:
        raise ValidationError(
            _("The event has started: it is too late to cancel."), code="too_late"
        )
    held_place = registration.status == RegistrationStatus.REGISTERED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    with set_actor(actor):
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    log_action(actor=actor, verb=verbs.SIGN_UP_CANCELLED, obj=registration)

    promoted = None
    if held_place:
        promoted = promote_from_waiting_list(actor=actor, event=event, now=now)
    return promoted


def promote_from_waiting_list(
    *, actor: Actor, event: Event, now: datetime.datetime
) -> Registration | None:
    """Give free places to the waiting list in order. Call with the event row locked.

    `actor` is whoever freed the place (a cancellation, a larger capacity)."""
    promoted = []
    free = None if event.capacity is None else event.capacity - places_taken(event)
    with set_actor(actor):
        while free is None or free > 0:
            first = _locked_registrations().waiting().filter(event=event).first()
            if first is None:
                break
            first.status = RegistrationStatus.REGISTERED
            first.promoted_at = now
            first.save(update_fields=["status", "promoted_at", "updated_at"])
            promoted.append(first)
            if free is not None:
                free -= 1
    log_actions(actor=actor, verb=verbs.MOVED_UP, objects=promoted)
    return promoted[0] if promoted else None


@transaction.atomic
def check_in(
    *, actor: Actor, registration: Registration, now: datetime.datetime | None = None
) -> Registration:
    """Mark a registered member as present."""
    now = now or timezone.now()
    registration = _locked_registrations().get(pk=registration.pk)
    if registration.status == RegistrationStatus.ATTENDED:
        return registration
    if registration.status != RegistrationStatus.REGISTERED:
        raise ValidationError(
            _("Only registered members can be checked in."), code="not_registered"
        )
    registration.status = RegistrationStatus.ATTENDED
    registration.attended_at = now
    with set_actor(actor):
        registration.save(update_fields=["status", "attended_at", "updated_at"])
    log_action(actor=actor, verb=verbs.CHECKED_IN, obj=registration)
    return registration


@transaction.atomic
def undo_check_in(*, actor: Actor, registration: Registration) -> Registration:
    registration = _locked_registrations().get(pk=registration.pk)
    if registration.status == RegistrationStatus.ATTENDED:
        registration.status = RegistrationStatus.REGISTERED
        registration.attended_at = None
        with set_actor(actor):
            registration.save(update_fields=["status", "attended_at", "updated_at"])
        log_action(actor=actor, verb=verbs.CHECK_IN_UNDONE, obj=registration)
    return registration


@transaction.atomic
def record_attendance(
    *, actor: Actor, event: Event, count: int, read_version: int | None = None
) -> Event:
    """After an event without sign-up: how many came (refused if the event changed since
    the page that asked was read at `read_version`)."""
    event = _locked_event(event.pk)
    require_version(event, read_version)
    if event.signup_enabled:
        raise ValidationError(
            _("With sign-up on, attendance is counted from check-ins."), code="signup_event"
        )
    event.attendance_count = count
    event.full_clean()
    with set_actor(actor):
        event.save(update_fields=["attendance_count", "updated_at"])
    log_action(actor=actor, verb=verbs.ATTENDANCE_RECORDED, obj=event, data={"count": count})
    return event


# ---------------------------------------------------------------------------- accounts
#
# Activation and password recovery go in two steps. Step 1 names a person (activation: name, ID
# number and mobile on the roster; recovery: the mobile or the login name) and, when it matches,
# a code goes by SMS to the phone on the roster; the caller answers the same whatever happened,
# so the page never tells who is on the roster or has an account. Step 2 gives the code back
# (with a login name and a password, or a new password). Limits are counted in the database
# (every worker sees the same counts) under advisory locks:
# - on what was typed, which tells nothing about the roster: requests from one address, naming
#   one phone, naming one ID number; wrong codes from one address. Over a limit the page says so.
# - on the person found: messages sent to one member. Over it nothing is sent, silently (saying
#   so would tell that the person exists).

CODE_MINUTES = 10
CODE_WRONG_TRIES = 5
CODE_DIGITS = 6
LIMIT_WINDOW_MINUTES = 60
REQUESTS_PER_ADDRESS = 10
REQUESTS_PER_PHONE = 5
REQUESTS_PER_ID_NUMBER = 5
MESSAGES_PER_MEMBER = 3
WRONG_CODES_PER_ADDRESS = 20
ATTEMPTS_KEPT_DAYS = 30

TOO_MANY_MESSAGE = _("Too many attempts. Please wait %(minutes)d minutes and try again.")
# One message for a wrong code, an expired or used one, and a person who was never found.
WRONG_CODE_MESSAGE = _(
    "This code is wrong or has expired. Check the text message, or ask for a new code."
)
LOGIN_NAME_TAKEN_MESSAGE = _("This login name is taken: choose another.")

logger = logging.getLogger(__name__)


class AccountRefused(Exception):
    """A step of activation or recovery refused, with the message the page shows (at `field`,
    or above the form when None)."""

    def __init__(self, message: str | Promise, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


@dataclass(frozen=True)
class ActivationResult:
    user: Actor
    member: Member


def _lock_attempts(*keys: str) -> None:
    """Serialise attempts from one address, for one phone, ID number or member, across workers."""
    with connection.cursor() as cursor:
        for key in sorted(k for k in keys if k):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 7))", [key])


def _window_start(now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(minutes=LIMIT_WINDOW_MINUTES)


def _refuse_too_many() -> NoReturn:
    raise AccountRefused(TOO_MANY_MESSAGE % {"minutes": LIMIT_WINDOW_MINUTES})


def _check_request_limits(
    *, ip_address: str, phone_digest: str, id_digest: str, now: datetime.datetime
) -> None:
    """Refuse a step 1 over the limits of what was typed (never of who was found)."""
    requests = AccountAttempt.objects.filter(
        kind=AttemptKind.REQUESTED, created_at__gte=_window_start(now)
    )
    by = Q(ip_address=ip_address)
    counts = {"by_ip": Count("id", filter=Q(ip_address=ip_address))}
    if phone_digest:
        by |= Q(phone_digest=phone_digest)
        counts["by_phone"] = Count("id", filter=Q(phone_digest=phone_digest))
    if id_digest:
        by |= Q(id_number_digest=id_digest)
        counts["by_id"] = Count("id", filter=Q(id_number_digest=id_digest))
    found = requests.filter(by).aggregate(**counts)
    if (
        found["by_ip"] >= REQUESTS_PER_ADDRESS
        or found.get("by_phone", 0) >= REQUESTS_PER_PHONE
        or found.get("by_id", 0) >= REQUESTS_PER_ID_NUMBER
    ):
        _refuse_too_many()


def _may_message(member: Member, now: datetime.datetime) -> bool:
    """Whether the member may get one more text now. Call with the member's lock held."""
    sent = AccountAttempt.objects.filter(
        kind=AttemptKind.SENT, member=member, created_at__gte=_window_start(now)
    ).count()
    return sent < MESSAGES_PER_MEMBER


def _purge_old_attempts(now: datetime.datetime) -> int:
    """Attempts and codes matter only for an hour: rows older than ATTEMPTS_KEPT_DAYS go
    (created_at is indexed on both); returns how many."""
    cutoff = now - datetime.timedelta(days=ATTEMPTS_KEPT_DAYS)
    attempts, _ = AccountAttempt.objects.filter(created_at__lt=cutoff).delete()
    codes, _ = PhoneCode.objects.filter(created_at__lt=cutoff).delete()
    return attempts + codes


def purge_old_account_attempts(*, now: datetime.datetime | None = None) -> int:
    """The hourly purge of the job queue (events/tasks.py): the same as each new request
    does, for the quiet weeks when nobody asks for a code."""
    return _purge_old_attempts(now or timezone.now())


def _hash_code(*, purpose: str, member_id: int, code: str) -> str:
    """A keyed hash (SECRET_KEY) of a code: the code itself is never stored."""
    return salted_hmac(
        "events.services.phone-code", f"{purpose}:{member_id}:{code}", algorithm="sha256"
    ).hexdigest()


def _new_code(*, member: Member, purpose: str, now: datetime.datetime) -> tuple[PhoneCode, str]:
    """A fresh code for the member (their earlier unused codes of that purpose die)."""
    code = "".join(secrets.choice(string.digits) for _digit in range(CODE_DIGITS))
    PhoneCode.objects.filter(member=member, purpose=purpose, used_at__isnull=True).update(
        expires_at=now
    )
    phone_code = PhoneCode.objects.create(
        purpose=purpose,
        member=member,
        code_hash=_hash_code(purpose=purpose, member_id=member.pk, code=code),
        created_at=now,
        expires_at=now + datetime.timedelta(minutes=CODE_MINUTES),
    )
    return phone_code, code


def _send(member: Member, message: str) -> None:
    """Hand a text to the SMS backend; a failure is logged (no phone) and not shown, since the
    page answers the same whether anything was sent."""
    try:
        send_sms(phone=member.phone, message=message)
    except SmsError:
        logger.exception("A text message to member %s could not be sent.", member.pk)


def _code_text(code: str, purpose: str) -> str:
    if purpose == CodePurpose.ACTIVATION:
        text = _(
            "Youyang County Federation of Trade Unions: your code to activate your member "
            "account is %(code)s, valid for %(minutes)d minutes. Never give it to anyone."
        )
    else:
        text = _(
            "Youyang County Federation of Trade Unions: your code to set a new password is "
            "%(code)s, valid for %(minutes)d minutes. Never give it to anyone."
        )
    return str(text) % {"code": code, "minutes": CODE_MINUTES}


def _record(attempt: AccountAttempt, kind: str, *, member: Member | None = None) -> None:
    """Store one attempt like `attempt` (its purpose, address, digests, time) of `kind`."""
    AccountAttempt.objects.create(
        purpose=attempt.purpose,
        kind=kind,
        ip_address=attempt.ip_address,
        phone_digest=attempt.phone_digest,
        id_number_digest=attempt.id_number_digest,
        member=member,
        created_at=attempt.created_at,
    )


def request_activation_code(
    *,
    name: str,
    id_number: str,
    phone: str,
    ip_address: str,
    now: datetime.datetime | None = None,
) -> int | None:
    """Step 1 of activation: when name, ID number and mobile match one active member, text a
    code to that phone; when that member already has an account, text their login name and
    how to recover it instead.

    Returns the code's id for the session (None when no code was sent); the caller answers the
    same either way. Raises AccountRefused over the limits of what was typed.
    """

    def text_for(member: Member, now: datetime.datetime) -> tuple[int | None, str]:
        if member.user is not None:
            reminder = _(
                "Youyang County Federation of Trade Unions: you already have a member "
                "account; your login name is %(username)s. Forgot the password? Choose "
                '"Forgot your password?" on the login page and get a code on this phone.'
            )
            return None, str(reminder) % {"username": member.user.get_username()}
        return _code_for(member, CodePurpose.ACTIVATION, now)

    return _request_code(
        purpose=CodePurpose.ACTIVATION,
        ip_address=ip_address,
        phone_digest=digest_phone(phone) or "",
        id_digest=digest_id_number(id_number) or "",
        find_member=lambda: _matching_member(name=name, id_number=id_number, phone=phone),
        text_for=text_for,
        now=now or timezone.now(),
    )


def _matching_member(*, name: str, id_number: str, phone: str) -> Member | None:
    if not id_number.strip() or not phone.strip():
        return None
    candidates = list(
        Member.objects.active()
        .with_id_number(id_number)
        .with_phone(phone)
        .filter(name=name.strip())
        .select_related("user")
        .select_for_update(of=("self",))[:2]
    )
    return candidates[0] if len(candidates) == 1 else None


def _recoverable_member(login: str) -> Member | None:
    """The member whose own active, non-staff account `login` (their mobile on the roster or
    their login name, in any case) names; None when none, several or a staff account."""
    User = get_user_model()
    phone = typed_phone(login)
    if phone is not None:
        users = accounts_with_phone(phone)
    else:
        users = list(User.objects.filter(username__iexact=login.strip(), is_active=True)[:2])
    if len(users) != 1 or is_staff_account(users[0]):
        return None
    member = Member.objects.filter(user=users[0]).select_related("user").first()
    if member is None or not member.phone:
        return None
    return member


def request_recovery_code(
    *, login: str, ip_address: str, now: datetime.datetime | None = None
) -> int | None:
    """Step 1 of password recovery: when `login` (a mobile number or a login name) names one
    active member account that is not a staff account, text a code to the member's phone on
    the roster.

    Returns the code's id for the session (None when nothing was sent); the caller answers the
    same either way. Raises AccountRefused over the limits of what was typed.
    """
    phone = typed_phone(login)
    return _request_code(
        purpose=CodePurpose.RECOVERY,
        ip_address=ip_address,
        phone_digest=(digest_phone(phone) if phone else None) or "",
        id_digest="",
        find_member=lambda: _recoverable_member(login),
        text_for=lambda member, now: _code_for(member, CodePurpose.RECOVERY, now),
        now=now or timezone.now(),
    )


def _code_for(member: Member, purpose: str, now: datetime.datetime) -> tuple[int, str]:
    """A new code for the member: its id, and the text that carries it."""
    phone_code, code = _new_code(member=member, purpose=purpose, now=now)
    return phone_code.pk, _code_text(code, purpose)


def _request_code(
    *,
    purpose: str,
    ip_address: str,
    phone_digest: str,
    id_digest: str,
    find_member: Callable[[], Member | None],
    text_for: Callable[[Member, datetime.datetime], tuple[int | None, str]],
    now: datetime.datetime,
) -> int | None:
    """Step 1 of both: the limits of what was typed, the attempt recorded, then, when a member
    is found and may get one more text, the text `text_for` composes (sent after the commit).
    Returns the id of the code sent, if any."""
    code_id = None
    message = None
    with transaction.atomic():
        _lock_attempts(f"ip:{ip_address}", f"phone:{phone_digest}", f"id:{id_digest}")
        _check_request_limits(
            ip_address=ip_address, phone_digest=phone_digest, id_digest=id_digest, now=now
        )
        attempt = AccountAttempt(
            purpose=purpose,
            ip_address=ip_address,
            phone_digest=phone_digest,
            id_number_digest=id_digest,
            created_at=now,
        )
        _record(attempt, AttemptKind.REQUESTED)
        _purge_old_attempts(now)
        member = find_member()
        if member is not None:
            _lock_attempts(f"member:{member.pk}")
        if member is not None and _may_message(member, now):
            code_id, message = text_for(member, now)
            _record(attempt, AttemptKind.SENT, member=member)
    if member is not None and message is not None:
        _send(member, message)
    return code_id


def _verify_code(
    *, code_id: int | None, code: str, purpose: str, ip_address: str, now: datetime.datetime
) -> PhoneCode:
    """The code row when `code` is its code, unused and unexpired; otherwise count the wrong
    try (on the code and the address, committed) and raise AccountRefused."""
    with transaction.atomic():
        _lock_attempts(f"ip:{ip_address}")
        wrong = AccountAttempt.objects.filter(
            kind=AttemptKind.WRONG_CODE,
            ip_address=ip_address,
            created_at__gte=_window_start(now),
        ).count()
        if wrong >= WRONG_CODES_PER_ADDRESS:
            _refuse_too_many()
        phone_code = (
            PhoneCode.objects.select_for_update().filter(pk=code_id, purpose=purpose).first()
            if code_id
            else None
        )
        matches = (
            phone_code is not None
            and phone_code.used_at is None
            and phone_code.expires_at > now
            and phone_code.wrong_tries < CODE_WRONG_TRIES
            and constant_time_compare(
                phone_code.code_hash,
                _hash_code(purpose=purpose, member_id=phone_code.member_id, code=code.strip()),
            )
        )
        if not matches:
            if phone_code is not None:
                PhoneCode.objects.filter(pk=phone_code.pk).update(wrong_tries=F("wrong_tries") + 1)
            AccountAttempt.objects.create(
                purpose=purpose,
                kind=AttemptKind.WRONG_CODE,
                ip_address=ip_address,
                member_id=phone_code.member_id if phone_code else None,
                created_at=now,
            )
    # The wrong try is committed above, outside the block that raises.
    if not matches or phone_code is None:
        raise AccountRefused(WRONG_CODE_MESSAGE, field="code")
    return phone_code


def _claim_code(phone_code: PhoneCode, now: datetime.datetime) -> PhoneCode:
    """Lock the code again inside the caller's transaction and mark it used; a code another
    request used meanwhile is refused like a wrong one."""
    locked = PhoneCode.objects.select_for_update().get(pk=phone_code.pk)
    if locked.used_at is not None or locked.expires_at <= now:
        raise AccountRefused(WRONG_CODE_MESSAGE, field="code")
    locked.used_at = now
    locked.save(update_fields=["used_at"])
    return locked


def activate_account(
    *,
    code_id: int | None,
    code: str,
    username: str,
    password: str,
    ip_address: str,
    now: datetime.datetime | None = None,
) -> ActivationResult:
    """Step 2 of activation: with the code texted in step 1, give the member a login.

    Raises AccountRefused (a wrong or expired code, the rate limit) or ValidationError (the
    login name or the password, by field); the code stays good after a ValidationError.
    """
    now = now or timezone.now()
    phone_code = _verify_code(
        code_id=code_id,
        code=code,
        purpose=CodePurpose.ACTIVATION,
        ip_address=ip_address,
        now=now,
    )
    with transaction.atomic():
        _claim_code(phone_code, now)
        member = Member.objects.select_for_update().get(pk=phone_code.member_id)
        if member.status != MemberStatus.ACTIVE:
            raise AccountRefused(WRONG_CODE_MESSAGE, field="code")
        user = _create_user(member=member, username=username, password=password)
        # The visitor was nobody until now: the account they made is who acted.
        log_action(
            actor=user,
            verb=verbs.ACCOUNT_ACTIVATED,
            obj=member,
            data={"username": user.get_username()},
        )
    return ActivationResult(user=user, member=member)


def reset_password(
    *,
    code_id: int | None,
    code: str,
    password: str,
    ip_address: str,
    now: datetime.datetime | None = None,
) -> Actor:
    """Step 2 of recovery: with the code texted in step 1, set the account's new password.

    Every session of the account ends (its session hash changes with the password, as on
    Django's password change); the member then signs in. Raises AccountRefused or
    ValidationError (the password, at `password1`).
    """
    now = now or timezone.now()
    phone_code = _verify_code(
        code_id=code_id, code=code, purpose=CodePurpose.RECOVERY, ip_address=ip_address, now=now
    )
    User = get_user_model()
    with transaction.atomic():
        _claim_code(phone_code, now)
        user = User.objects.select_for_update().filter(member__pk=phone_code.member_id).first()
        if user is None or not user.is_active or is_staff_account(user):
            raise AccountRefused(WRONG_CODE_MESSAGE, field="code")
        try:
            validate_password(password, user=user)
        except ValidationError as error:
            raise ValidationError({"password1": error.messages}) from None
        user.set_password(password)
        with set_actor(user):
            user.save(update_fields=["password"])
        log_action(
            actor=user,
            verb=verbs.PASSWORD_RECOVERED,
            obj=Member.objects.get(pk=phone_code.member_id),
            data={"username": user.get_username()},
        )
    return user


def check_login_name(username: str) -> str:
    """A login name a member may choose: Django's rules (letters of any script, Chinese too,
    digits and @/./+/-/_), not taken in any case, and not a mobile number (a mobile typed at
    the login is looked up on the roster). Returns it stripped; raises ValidationError."""
    User = get_user_model()
    username = username.strip()
    try:
        User(username=username).clean_fields(exclude=["password"])
    except ValidationError as error:
        raise ValidationError(error.message_dict.get("username", [])) from None
    if typed_phone(username) is not None:
        raise ValidationError(
            _("A login name cannot be a mobile number: you can log in with your mobile anyway."),
            code="phone_like",
        )
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(LOGIN_NAME_TAKEN_MESSAGE, code="taken")
    return username


def _create_user(*, member: Member, username: str, password: str | None) -> Actor:
    User = get_user_model()
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.user_id is not None:
        raise AccountRefused(_("This member already has an account."))
    try:
        username = check_login_name(username)
    except ValidationError as error:
        raise ValidationError({"username": error.messages}) from None
    user = User(username=username, first_name=member.name[:150])
    user.full_clean(exclude=["password"])
    if password is not None:
        validate_password(password, user=user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    member.user = user
    member.save(update_fields=["user", "updated_at"])
    return user


# At most this many accounts from one admin action: the page then lists their passwords.
ACCOUNTS_PER_ACTION = 50


def create_member_accounts(
    *, actor: Actor, members: QuerySet[Member]
) -> list[tuple[Member, Actor, str]]:
    """Accounts for the active members among `members` who have none (ACCOUNTS_PER_ACTION at
    most); returns [(member, user, temporary password)]."""
    created = []
    for member in members.filter(user__isnull=True, status=MemberStatus.ACTIVE)[
        :ACCOUNTS_PER_ACTION
    ]:
        user, password = create_member_account(actor=actor, member=member)
        created.append((member, user, password))
    return created


@transaction.atomic
def create_member_account(*, actor: Actor, member: Member) -> tuple[Actor, str]:
    """Staff make a login for a member; returns (user, temporary password).

    The member is told the temporary password in person and changes it after logging in.
    """
    require_permission(actor, "events.create_member_account")
    if member.user_id is not None:
        raise ValidationError(_("This member already has an account."), code="has_account")
    base = f"m{member.pk}"
    username = base
    User = get_user_model()
    suffix = 1
    while User.objects.filter(username=username).exists():
        suffix += 1
        username = f"{base}-{suffix}"
    password = get_random_string(12, "abcdefghjkmnpqrstuvwxyz23456789")
    user = _create_user(member=member, username=username, password=None)
    user.set_password(password)
    user.save(update_fields=["password"])
    log_action(actor=actor, verb=verbs.ACCOUNT_CREATED, obj=member, data={"username": username})
    return user, password
