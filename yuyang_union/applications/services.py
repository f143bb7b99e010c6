"""Writes of applications: submit, then each move (受理, 办理中, 已办结, 未通过).

Every move locks the application's row, refuses a page read at an older version, checks the
actor's department permission and union subtree, writes one status step and one action entry,
and, once the transaction commits, tells the applicant: a text message to the contact phone
and a mark on their page. The apps call `begin_handling` and `conclude` from their own
services when an application becomes the record it asks for.
"""

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from auditlog.context import set_actor
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from yuyang_union.history.actions import log_action
from yuyang_union.history.actors import require_permission, system_actor
from yuyang_union.numbering import next_number
from yuyang_union.scoping import check_union_in_scope, union_in_scope
from yuyang_union.sms import SmsError, send_sms
from yuyang_union.users import Actor
from yuyang_union.versions.conflicts import require_version

from . import limits, verbs
from .consent import CONSENT_VERSION
from .documents import CheckedDocument
from .kinds import handler_for
from .models import (
    Application,
    ApplicationCounter,
    ApplicationDocument,
    ApplicationStatus,
    ApplicationStep,
)
from .workdays import answer_due

if TYPE_CHECKING:
    from members.models import Member

logger = logging.getLogger(__name__)

# Which status may move to which.
MOVES = {
    ApplicationStatus.SUBMITTED: {
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.IN_PROGRESS,
        ApplicationStatus.CONCLUDED,
        ApplicationStatus.DECLINED,
    },
    ApplicationStatus.ACCEPTED: {
        ApplicationStatus.IN_PROGRESS,
        ApplicationStatus.CONCLUDED,
        ApplicationStatus.DECLINED,
    },
    ApplicationStatus.IN_PROGRESS: {ApplicationStatus.CONCLUDED, ApplicationStatus.DECLINED},
    ApplicationStatus.CONCLUDED: set(),
    ApplicationStatus.DECLINED: set(),
}


def next_sequence(*, kind: str, year: int) -> int:
    """The next number of `kind` in `year` (numbers restart every year; a rolled-back
    submission gives its number back: yuyang_union.numbering)."""
    return next_number(ApplicationCounter, kind=kind, year=year)


def submit_application(
    *,
    actor: Actor,
    application: Application,
    details: models.Model,
    documents: Sequence[CheckedDocument] = (),
    ip_address: str,
    person_key: str,
    sensitive_consent: bool,
) -> Application:
    """Save a new application (its kind, union, applicant and contact phone filled in) with the
    kind's own `details` (unsaved, one-to-one with it), its documents, its number and deadline.

    The rate limits are counted first, in a transaction of their own (limits.check_and_count:
    raises TooManyApplications). `actor` is the member who applies, or the system for a visitor
    asking to join. `person_key` names the person for the limits (a digest or "member:<id>").
    """
    if application.pk:
        raise ValueError("submit_application takes a new application")
    if not sensitive_consent:
        raise ValidationError(_("The application cannot be handled without this consent."))
    limits.check_and_count(
        kind=application.kind,
        ip_address=ip_address,
        phone_digest=_phone_digest(application),
        person_digest=person_key,
    )
    now = timezone.now()
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = now
    application.due_at = answer_due(now, settings.APPLICATION_ANSWER_WORKING_DAYS)
    application.consent_version = CONSENT_VERSION
    application.consented_at = now
    application.sensitive_consent = True
    application.year = timezone.localdate(now).year
    application.full_clean(exclude=["number", "year", "sequence"])
    with transaction.atomic(), set_actor(actor):
        application.sequence = next_sequence(kind=application.kind, year=application.year)
        application.number = Application.format_number(
            application.kind, application.year, application.sequence
        )
        application.save()
        details.application = application  # type: ignore[attr-defined]
        details.full_clean()
        details.save()
        for document in documents:
            ApplicationDocument.objects.create(
                application=application,
                file=document.content,
                original_name=document.original_name[:200],
                content_type=document.content_type,
                size=document.size,
            )
        ApplicationStep.objects.create(
            application=application, status=ApplicationStatus.SUBMITTED, at=now
        )
        log_action(
            actor=actor,
            verb=verbs.SUBMITTED,
            obj=application,
            data={
                "kind": application.kind,
                "number": application.number,
                "documents": len(documents),
            },
        )
        transaction.on_commit(lambda: _notify(application, ApplicationStatus.SUBMITTED))
    return application


def submit_member_request(
    *,
    actor: Actor,
    kind: str,
    member: "Member",
    details: models.Model,
    contact_phone: str,
    documents: Sequence[CheckedDocument] = (),
    ip_address: str,
    sensitive_consent: bool,
) -> Application:
    """A signed-in member's request for help (legal, hardship, 金秋助学): routed to their own
    union, whose officers know them first; limited per member."""
    application = Application(
        kind=kind,
        union=member.union,
        applicant=member,
        applicant_name=member.name,
        contact_phone=contact_phone,
    )
    return submit_application(
        actor=actor,
        application=application,
        details=details,
        documents=documents,
        ip_address=ip_address,
        person_key=f"member:{member.pk}",
        sensitive_consent=sensitive_consent,
    )


def _phone_digest(application: Application) -> str:
    from yuyang_union.personal_data.crypto import digest_phone

    return digest_phone(application.contact_phone) or ""


def _locked(application: Application, read_version: int | None) -> Application:
    locked = Application.objects.select_for_update().get(pk=application.pk)
    require_version(locked, read_version)
    return locked


def _check_may_handle(actor: Actor, application: Application) -> None:
    require_permission(actor, handler_for(application.kind).permission)
    check_union_in_scope(actor, application.union)


def _move(
    *,
    actor: Actor,
    application: Application,
    to: str,
    read_version: int | None,
    note: str = "",
    fields: dict[str, Any] | None = None,
    notice: str = "",
) -> Application:
    _check_may_handle(actor, application)
    with transaction.atomic(), set_actor(actor):
        locked = _locked(application, read_version)
        if to not in MOVES[ApplicationStatus(locked.status)]:
            raise ValidationError(
                _("This application is already %(status)s.")
                % {"status": locked.get_status_display()},
                code="application_moved",
            )
        now = timezone.now()
        locked.status = to
        locked.handled_by = actor
        locked.unseen_update = True
        if locked.answered_at is None:
            locked.answered_at = now
        if to != ApplicationStatus.DECLINED and locked.accepted_at is None:
            locked.accepted_at = now
        if to in (ApplicationStatus.CONCLUDED, ApplicationStatus.DECLINED):
            locked.closed_at = now
        for name, value in (fields or {}).items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        ApplicationStep.objects.create(
            application=locked, status=to, at=now, actor=actor, note=note[:300]
        )
        log_action(
            actor=actor,
            verb=verbs.MOVED,
            obj=locked,
            data={"status": to, "reason": locked.decline_reason, "note": note[:300]},
        )
        transaction.on_commit(lambda: _notify(locked, to, notice))
    application.refresh_from_db()
    return application


def accept_application(
    *, actor: Actor, application: Application, read_version: int | None = None, note: str = ""
) -> Application:
    """受理: the union takes the application up (the first answer, within the deadline)."""
    return _move(
        actor=actor,
        application=application,
        to=ApplicationStatus.ACCEPTED,
        read_version=read_version,
        note=note,
    )


def _record_fields(record: models.Model | None) -> dict[str, Any]:
    if record is None:
        return {}
    return {
        "record_type": ContentType.objects.get_for_model(record),
        "record_id": str(record.pk),
    }


def begin_handling(
    *,
    actor: Actor,
    application: Application,
    record: models.Model,
    outcome: str,
    read_version: int | None = None,
) -> Application:
    """办理中: the application became `record` (a case, a household file, an aid proposal),
    which is still being handled. Called by the app's service in its own transaction."""
    return _move(
        actor=actor,
        application=application,
        to=ApplicationStatus.IN_PROGRESS,
        read_version=read_version,
        note=outcome,
        fields={"outcome": outcome[:300], **_record_fields(record)},
    )


def conclude_application(
    *,
    actor: Actor,
    application: Application,
    outcome: str,
    record: models.Model | None = None,
    applicant: models.Model | None = None,
    read_version: int | None = None,
    notice: str = "",
) -> Application:
    """已办结: what came of it (`outcome`, as the applicant reads it), and the record it
    became; for a join application, the member now made (`applicant`). `notice` replaces
    the usual text message when the kind has more to say (a new member: how to activate)."""
    fields: dict[str, Any] = {"outcome": outcome[:300], **_record_fields(record)}
    if applicant is not None:
        fields["applicant"] = applicant
    return _move(
        actor=actor,
        application=application,
        to=ApplicationStatus.CONCLUDED,
        read_version=read_version,
        note=outcome,
        fields=fields,
        notice=notice,
    )


def decline_application(
    *,
    actor: Actor,
    application: Application,
    reason: str,
    note: str = "",
    read_version: int | None = None,
) -> Application:
    """未通过: the reason from the list, and a note the applicant reads."""
    return _move(
        actor=actor,
        application=application,
        to=ApplicationStatus.DECLINED,
        read_version=read_version,
        note=note,
        fields={"decline_reason": reason, "decline_note": note[:300]},
    )


def may_handle(actor: Actor, application: Application) -> bool:
    """Whether `actor` may answer `application` (its kind's permission, in its subtree)."""
    return actor.has_perm(handler_for(application.kind).permission) and union_in_scope(
        actor, application.union
    )


def consequent_actor(actor: Actor, application: Application) -> Actor:
    """Who moves an application as a consequence of work on its record (a case closed, an
    aid approved or withdrawn): the one who did it when they may handle the application,
    else the system on their behalf. That work must never fail for the application's sake."""
    return actor if may_handle(actor, application) else system_actor()


def conclude_for_record(*, actor: Actor, record: models.Model, outcome: str) -> int:
    """Conclude the open applications that became `record` (a case closed, an aid approved):
    the apps call it when their record reaches its end. Returns how many."""
    applications = (
        Application.objects.open()
        .select_related("union")
        .filter(record_type=ContentType.objects.get_for_model(record), record_id=str(record.pk))
    )
    count = 0
    for application in applications:
        conclude_application(
            actor=consequent_actor(actor, application), application=application, outcome=outcome
        )
        count += 1
    return count


def mark_seen(*, application: Application) -> None:
    """The applicant opened their application: the mark of news goes."""
    if application.unseen_update:
        Application.objects.filter(pk=application.pk).update(unseen_update=False)
        application.unseen_update = False


def _notice_text(application: Application, status: str) -> str:
    with override(settings.LANGUAGE_CODE):
        said = ApplicationStatus(status).label
        if status == ApplicationStatus.DECLINED:
            return _(
                "Youyang County Federation of Trade Unions: your application %(number)s was not "
                "approved (%(reason)s). Sign in to your member page, or ask your union, for "
                "the details."
            ) % {"number": application.number, "reason": application.get_decline_reason_display()}
        if status == ApplicationStatus.SUBMITTED:
            return _(
                "Youyang County Federation of Trade Unions: we received your application "
                "%(number)s. You will hear from us within %(days)d working days."
            ) % {"number": application.number, "days": settings.APPLICATION_ANSWER_WORKING_DAYS}
        return _(
            "Youyang County Federation of Trade Unions: your application %(number)s is now "
            "“%(status)s”. Sign in to your member page for the details."
        ) % {"number": application.number, "status": said}


def _notify(application: Application, status: str, text: str = "") -> None:
    """A text to the contact phone; a failure is logged (no phone) and the page still tells."""
    try:
        send_sms(phone=application.contact_phone, message=text or _notice_text(application, status))
    except SmsError:
        logger.exception("A notice of application %s could not be sent.", application.pk)


def log_document_opened(*, actor: Actor, document: ApplicationDocument) -> None:
    """Every opening of an applicant's document is kept, as the case files' are."""
    log_action(
        actor=actor,
        verb=verbs.DOCUMENT_OPENED,
        obj=document.application,
        data={"document": document.original_name},
    )
