"""Writes of the events app: sign-up, cancellation with waiting-list promotion, check-in,
attendance, and member accounts. Keyword-only, atomic, with the acting user as `actor` and
one action entry per change; views and admin only call these."""

import datetime
from dataclasses import dataclass
from typing import cast

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from members.models import Member, UnionOrganisation
from members.models.members import MemberStatus, Sex
from yuyang_union.history.actions import log_action, log_actions
from yuyang_union.history.actors import require_permission
from yuyang_union.history.verbs import Verb
from yuyang_union.personal_data.crypto import digest_id_number
from yuyang_union.users import Actor

from . import verbs
from .models import (
    ActivationAttempt,
    Audience,
    Event,
    EventStatus,
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
def record_attendance(*, actor: Actor, event: Event, count: int) -> Event:
    """After an event without sign-up: how many came."""
    event = _locked_event(event.pk)
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

ACTIVATION_WINDOW_MINUTES = 15
ACTIVATION_FAILURES_PER_IP = 10
ACTIVATION_FAILURES_PER_ID = 5
ATTEMPTS_KEPT_DAYS = 30

# One message for every mismatch: the page never says which of name, ID number and phone was
# wrong, or whether the ID number is on the roster at all.
NO_MATCH_MESSAGE = _(
    "We could not find an active member with this name, ID number and mobile phone. "
    "Check what you typed, or ask your union."
)
TOO_MANY_MESSAGE = _("Too many attempts. Please wait %(minutes)d minutes and try again.")


class ActivationRefused(Exception):
    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class ActivationResult:
    user: Actor
    member: Member


def _recent_failures(*, ip_address: str, id_digest: str, now: datetime.datetime) -> dict[str, int]:
    since = now - datetime.timedelta(minutes=ACTIVATION_WINDOW_MINUTES)
    recent = ActivationAttempt.objects.filter(created_at__gte=since, succeeded=False)
    return recent.filter(Q(ip_address=ip_address) | Q(id_number_digest=id_digest)).aggregate(
        by_ip=Count("id", filter=Q(ip_address=ip_address)),
        by_id=Count("id", filter=Q(id_number_digest=id_digest)),
    )


def _lock_attempts(*keys: str) -> None:
    """Serialise attempts from one address or for one ID number across workers."""
    with connection.cursor() as cursor:
        for key in sorted(k for k in keys if k):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 7))", [key])


def activate_account(
    *,
    name: str,
    id_number: str,
    phone: str,
    username: str,
    password: str,
    ip_address: str,
    now: datetime.datetime | None = None,
) -> ActivationResult:
    """Give a member a login after they prove who they are against the roster.

    Raises ActivationRefused (rate limit, no match) or ValidationError (username, password).
    """
    now = now or timezone.now()
    id_digest = digest_id_number(id_number) or ""
    with transaction.atomic():
        _lock_attempts(f"ip:{ip_address}", f"id:{id_digest}")
        failures = _recent_failures(ip_address=ip_address, id_digest=id_digest, now=now)
        if (
            failures["by_ip"] >= ACTIVATION_FAILURES_PER_IP
            or failures["by_id"] >= ACTIVATION_FAILURES_PER_ID
        ):
            raise ActivationRefused(TOO_MANY_MESSAGE % {"minutes": ACTIVATION_WINDOW_MINUTES})
        member = _matching_member(name=name, id_number=id_number, phone=phone)
        if member is None:
            ActivationAttempt.objects.create(ip_address=ip_address, id_number_digest=id_digest)
            # Attempts matter only inside the window: old rows go (created_at is indexed).
            ActivationAttempt.objects.filter(
                created_at__lt=now - datetime.timedelta(days=ATTEMPTS_KEPT_DAYS)
            ).delete()
    # The failed attempt is committed above, outside the block that raises.
    if member is None:
        raise ActivationRefused(NO_MATCH_MESSAGE)
    if member.user_id is not None:
        raise ActivationRefused(
            _("This member already has an account: log in, or ask your union to reset it.")
        )
    with transaction.atomic():
        user = _create_user(member=member, username=username, password=password)
        ActivationAttempt.objects.create(
            ip_address=ip_address, id_number_digest=id_digest, succeeded=True
        )
        # The visitor was nobody until now: the account they made is who acted.
        log_action(
            actor=user,
            verb=verbs.ACCOUNT_ACTIVATED,
            obj=member,
            data={"username": user.get_username()},
        )
    return ActivationResult(user=user, member=member)


def _matching_member(*, name: str, id_number: str, phone: str) -> Member | None:
    if not id_number.strip():
        return None
    candidates = list(
        Member.objects.active()
        .with_id_number(id_number)
        .with_phone(phone)
        .filter(name=name.strip())
        .select_for_update()[:2]
    )
    return candidates[0] if len(candidates) == 1 else None


def _create_user(*, member: Member, username: str, password: str | None) -> Actor:
    User = get_user_model()
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.user_id is not None:
        raise ActivationRefused(_("This member already has an account."))
    username = username.strip()
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
