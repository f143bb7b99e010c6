"""Writes of the competitions app: status moves, ranks, entries and honours.

Each function is keyword-only, takes the acting user as `actor`, validates, runs in one
transaction and writes one action entry per change (ranks are derived, not acts).
"""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import cast

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from members.models import Employer, Honour, HonourTitle, Member
from yuyang_union.history.actions import log_action
from yuyang_union.history.bulk import log_bulk_update
from yuyang_union.users import Actor

from . import verbs
from .models import (
    STATUS_TRANSITIONS,
    Award,
    Competition,
    CompetitionEvent,
    CompetitionStatus,
    CompetitionTitle,
    Entry,
    Participation,
    TitleKind,
)

# Honour titles are Chinese records whatever the reader's language.
TITLE_NAMES = {
    TitleKind.SKILL_STAR: "技能之星",
    TitleKind.INNOVATION_STAR: "创新之星",
    TitleKind.LABOUR_STAR: "劳动之星",
    TitleKind.SERVICE_STAR: "服务之星",
}
AWARD_NAMES = {
    Award.FIRST: "一等奖",
    Award.SECOND: "二等奖",
    Award.THIRD: "三等奖",
    Award.EXCELLENCE: "优秀奖",
}
KIND_NAMES = {
    "labour": "劳动竞赛",
    "skill": "技能竞赛",
    "ankang_cup": "“安康杯”竞赛",
    "safety_art": "安全文艺创作比赛",
    "bargaining": "集体协商竞赛",
    "online": "网上劳动和技能竞赛",
    "other": "竞赛",
}
LEVEL_PREFIXES = {"county": "县级", "municipal": "市级", "national": "全国"}


@transaction.atomic
def change_status(*, actor: Actor, competition: Competition, to: str) -> Competition:
    """Move a competition to `to` if that is an allowed move; publishing computes ranks."""
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    current = CompetitionStatus(competition.status)
    target = CompetitionStatus(to)
    if target not in STATUS_TRANSITIONS[current]:
        raise ValidationError(
            _("A competition cannot move from “%(current)s” to “%(target)s”."),
            params={"current": current.label, "target": target.label},
            code="bad_transition",
        )
    if target in (CompetitionStatus.FINISHED, CompetitionStatus.PUBLISHED):
        compute_ranks(competition=competition)
    competition.status = target
    with set_actor(actor):
        competition.save(update_fields=["status", "updated_at"])
    log_action(
        actor=actor,
        verb=verbs.STATUS_CHANGED,
        obj=competition,
        data={"from_status": current, "to_status": target},
    )
    return competition


# Entries of one event, or of every event of some competitions, ranked by score. The
# parameters are bound client-side (psycopg's default), so PostgreSQL sees literals and folds
# the unused condition away: one event, one competition and the demo's thousands of
# competitions each get their own plan.
RANK_SQL = """
    WITH ranked AS MATERIALIZED (
        SELECT e.id,
               CASE WHEN e.score IS NULL THEN NULL
                    ELSE RANK() OVER (PARTITION BY e.event_id ORDER BY e.score DESC NULLS LAST)
               END AS rank
        FROM competitions_entry AS e
        JOIN competitions_competitionevent AS ev ON ev.id = e.event_id
        WHERE (%(event)s::bigint IS NULL OR ev.id = %(event)s::bigint)
          AND (%(competitions)s::bigint[] IS NULL
               OR ev.competition_id = ANY(%(competitions)s::bigint[]))
    )
    UPDATE competitions_entry AS t
    SET rank = ranked.rank
    FROM ranked
    WHERE t.id = ranked.id AND t.rank IS DISTINCT FROM ranked.rank
"""


def compute_ranks(
    *,
    competition: Competition | None = None,
    event: CompetitionEvent | None = None,
    competition_ids: Iterable[int] | None = None,
) -> None:
    """Store each entry's rank within its event: standard competition ranking (1, 1, 3).

    Give one of: an event, a competition, or the ids of many competitions (the demo load
    ranks all of them in one statement; one call per competition took over ten minutes at
    scale 100). One UPDATE with RANK() OVER (PARTITION BY event ORDER BY score DESC);
    entries without a score have no rank.
    """
    if [competition, event, competition_ids].count(None) != 2:
        raise ValueError("Give a competition, an event or competition ids.")
    if competition is not None:
        competition_ids = [competition.pk]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            RANK_SQL,
            {
                "event": event.pk if event is not None else None,
                "competitions": list(competition_ids) if competition_ids is not None else None,
            },
        )


@transaction.atomic
def save_scores(
    *,
    actor: Actor,
    event: CompetitionEvent,
    scores: Mapping[Entry, tuple[Decimal | None, str]],
) -> int:
    """Save the grid of one event: {entry: (score, award)}; one bulk UPDATE, then ranks.

    A bulk UPDATE sends no model signals, so the history entries are written here, in one
    INSERT for all changed entries.
    """
    changed, history = [], []
    for entry, (score, award) in scores.items():
        if entry.event_id != event.pk:
            raise ValidationError(_("An entry of another event was submitted."))
        if score is not None and (score < 0 or score > event.max_score):
            raise ValidationError(
                _("Score %(score)s is outside 0 to %(max)s."),
                params={"score": score, "max": event.max_score},
            )
        changes = {}
        if entry.score != score:
            changes["score"] = [_text(entry.score), _text(score)]
        if entry.award != award:
            changes["award"] = [entry.award, award]
        if changes:
            entry.score, entry.award = score, award
            entry.event = event  # the same row: its history text needs no query per entry
            changed.append(entry)
            history.append((entry, changes))
    if changed:
        Entry.objects.bulk_update(changed, ["score", "award"], batch_size=500)
        # bulk_update sends no signals: write the history auditlog would have written.
        with set_actor(actor):
            log_bulk_update(history)
        log_action(actor=actor, verb=verbs.SCORES_SAVED, obj=event, data={"entries": len(changed)})
    compute_ranks(event=event)
    return len(changed)


def _text(value: Decimal | None) -> str:
    return "None" if value is None else str(value)


def _employer_takes_part(*, competition_id: int, employer_id: int, team_name: str = "") -> None:
    Participation.objects.get_or_create(
        competition_id=competition_id, employer_id=employer_id, defaults={"team_name": team_name}
    )


@transaction.atomic
def entry_saved(*, entry: Entry, score_changed: bool) -> None:
    """What follows an entry saved by a form (the admin's): its employer takes part in the
    competition, and a changed score re-ranks the event."""
    _employer_takes_part(competition_id=entry.event.competition_id, employer_id=entry.employer_id)
    if score_changed:
        compute_ranks(event=entry.event)


@transaction.atomic
def add_entry(
    *,
    actor: Actor,
    event: CompetitionEvent,
    member: Member,
    employer: Employer,
    score: Decimal | None = None,
    award: str = Award.NONE,
    team_name: str = "",
) -> Entry:
    """Enter a member in an event for an employer; the employer joins the competition."""
    _employer_takes_part(
        competition_id=event.competition_id, employer_id=employer.pk, team_name=team_name
    )
    entry = Entry(event=event, member=member, employer=employer, score=score, award=award)
    entry.full_clean()
    with set_actor(actor):
        entry.save()
    log_action(
        actor=actor, verb=verbs.ENTRY_ADDED, obj=entry, data={"event": event, "award": award}
    )
    if score is not None:
        compute_ranks(event=event)
    return entry


@transaction.atomic
def award_title(
    *,
    actor: Actor,
    competition: Competition,
    member: Member,
    kind: str,
    name: str = "",
    employer: Employer | None = None,
    awarded_on: datetime.date | None = None,
) -> CompetitionTitle:
    """Award a title (技能之星, ... or a named other title) to a member in a competition."""
    title = CompetitionTitle(
        competition=competition,
        member=member,
        employer=employer if employer is not None else member.employer,
        kind=kind,
        name=name.strip(),
        awarded_on=awarded_on or competition.ends_on,
    )
    title.full_clean()
    with set_actor(actor):
        title.save()
    log_action(
        actor=actor,
        verb=verbs.TITLE_AWARDED,
        obj=title,
        data={"kind": kind, "name": title.name},
    )
    return title


@transaction.atomic
def promote_to_honour(*, actor: Actor, record: CompetitionTitle | Entry) -> Honour:
    """Make the title or prize an honour of the member (members.Honour), keeping the link.

    Idempotent: a second call returns the honour already linked (or the member's existing
    honour of the same title and year).
    """
    record = type(record).objects.select_for_update().get(pk=record.pk)
    if record.honour_id:
        return cast(Honour, record.honour)  # it has one: honour_id is set
    if isinstance(record, CompetitionTitle):
        competition = record.competition
        title_name = record.name or TITLE_NAMES[TitleKind(record.kind)]
        employer = record.employer
        citation = _("%(title)s in %(competition)s") % {
            "title": title_name,
            "competition": competition.name,
        }
    elif isinstance(record, Entry):
        if not record.is_prize:
            raise ValidationError(_("Only an entry with a prize can become an honour."))
        competition = record.event.competition
        title_name = (
            f"{LEVEL_PREFIXES[competition.level]}{KIND_NAMES[competition.kind]}"
            + (AWARD_NAMES[Award(record.award)])
        )
        employer = record.employer
        citation = _("%(award)s in %(event)s, %(competition)s") % {
            "award": AWARD_NAMES[Award(record.award)],
            "event": record.event.name,
            "competition": competition.name,
        }
    else:
        raise TypeError("promote_to_honour takes a CompetitionTitle or an Entry.")
    with set_actor(actor):
        title, _created = HonourTitle.objects.get_or_create(
            name=title_name[:60], defaults={"level": competition.level}
        )
        honour, _created = Honour.objects.get_or_create(
            title=title,
            year=competition.ends_on.year,
            member=record.member,
            defaults={
                "awarded_by": competition.name[:100],
                "employer": employer,
                "union": record.member.union,
                "citation": citation,
            },
        )
    if (
        CompetitionTitle.objects.filter(honour=honour).exclude(pk=record.pk).exists()
        or Entry.objects.filter(honour=honour).exclude(pk=record.pk).exists()
    ):
        raise ValidationError(
            _("%(name)s already holds this honour for %(year)d from another record.")
            % {"name": record.member.name, "year": honour.year}
        )
    record.honour = honour
    with set_actor(actor):
        record.save(update_fields=["honour"])
    log_action(actor=actor, verb=verbs.HONOUR_RECORDED, obj=record, data={"honour": honour})
    return honour


def parse_score(raw: object, *, max_score: Decimal) -> Decimal | None:
    """A score typed in a grid or a file: Decimal with two places, 0..max, or None if empty."""
    if raw is None or str(raw).strip() == "":
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation as exc:
        raise ValidationError(_("“%(value)s” is not a number."), params={"value": raw}) from exc
    if not value.is_finite():
        raise ValidationError(_("“%(value)s” is not a number."), params={"value": raw})
    if value < 0 or value > max_score:
        raise ValidationError(
            _("The score must be between 0 and %(max)s."), params={"max": max_score}
        )
    # A finite number's exponent is an int ("n", "N", "F" are for NaN and infinity).
    if cast(int, value.as_tuple().exponent) < -2:
        raise ValidationError(_("Give the score with at most two decimal places."))
    return value.quantize(Decimal("0.01"))
