"""Excel import of entries and scores: every row checked before anything is written.

A file has one row per entry under Chinese headers (see HEADERS). Members are found by ID
number through the keyed digest, employers by credit code or exact name. The checks take a
fixed number of queries whatever the number of rows.

Why not the shared base (yuyang_union.excel.resources.ScopedResource)? A row here is not
one record: it names an event of this competition by its name, an entrant who must match the
name beside the ID number, and an employer (by code, by name, or the member's own) who joins
the competition with the row's team name; the score is checked against that event's maximum,
and every event is ranked once all rows are in. The checks read each of those once for the
whole file (a few queries), where the base checks and saves record by record (about 1 ms of
CPU a row, and a query per row for the member-and-event pair). What the imports share is
shared: the ID-number rules (yuyang_union.validators), the keyed digests, the scope checks,
bulk history (yuyang_union.history.bulk), the action log, and the pending file between
preview and confirmation (yuyang_union.excel.pending), never in the session.
"""

from contextlib import suppress
from dataclasses import dataclass, field
from decimal import Decimal

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from members.models import Employer, Member
from yuyang_union.excel.limits import WorkbookRefused
from yuyang_union.excel.reading import StreamingSheet
from yuyang_union.excel.synonyms import normalise
from yuyang_union.history.actions import log_action
from yuyang_union.history.bulk import log_bulk_creation
from yuyang_union.personal_data.crypto import digest_aliases, digest_id_number
from yuyang_union.scoping import union_in_scope
from yuyang_union.validators import normalize_id_number, validate_id_number

from . import verbs
from .models import Award, CompetitionEvent, Entry, Participation
from .services import AWARD_NAMES, compute_ranks, parse_score

# Chinese header → field; the first four identify the entry.
HEADERS = {
    "项目": "event",
    "身份证号码": "id_number",
    "姓名": "name",
    "单位": "employer",
    "统一社会信用代码": "credit_code",
    "队名": "team_name",
    "成绩": "score",
    "奖项": "award",
}
REQUIRED_HEADERS = ["项目", "身份证号码"]
COLUMN_NAMES = {name: header for header, name in HEADERS.items()}
# Columns whose values an error listing shows masked.
IDENTIFIER_KINDS = {"id_number": "id_number"}
# The prizes by their Chinese names (those honours are recorded under), or none.
NO_AWARD_WORDS = ("", "无", "没有", "否")
AWARDS_BY_NAME = {name: award for award, name in AWARD_NAMES.items()} | dict.fromkeys(
    NO_AWARD_WORDS, Award.NONE
)
MAX_ROWS = 20_000


@dataclass
class CheckedRow:
    line: int
    event: CompetitionEvent
    member: Member
    employer: Employer
    team_name: str
    score: Decimal | None
    award: str


@dataclass
class RowError:
    """A bad row: its problems as (field, message), the field a key of HEADERS' values."""

    line: int
    raw: dict[str, object] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)

    def add(self, field_name: str, *messages: str) -> None:
        self.problems.extend((field_name, str(message)) for message in messages)

    @property
    def messages(self) -> list[str]:
        return [message for _field, message in self.problems]


class FileError(Exception):
    """The file cannot be read as an entries sheet at all."""


def read_rows(upload, example=None):
    """[(line, {field: raw cell value})] from the first sheet of an .xlsx file, read
    streaming, within the toolkit's limits (`yuyang_union.excel.reading`); the template's
    `example` row is skipped, and refused when its cells were changed but it is still
    marked 示例."""
    data = upload if isinstance(upload, bytes) else upload.read()
    try:
        sheet = StreamingSheet(data, example=example)
    except WorkbookRefused as refusal:
        raise FileError(str(refusal)) from None
    missing = [h for h in REQUIRED_HEADERS if h not in sheet.headers]
    if missing:
        sheet.close()
        raise FileError(
            _("The first row must hold the column headers; missing: %(missing)s.")
            % {"missing": "、".join(missing)}
        )
    columns = {index: HEADERS[name] for index, name in enumerate(sheet.headers) if name in HEADERS}
    result = []
    try:
        for row in sheet.rows():
            result.append(
                (row.number, {columns[i]: v for i, v in enumerate(row.values) if i in columns})
            )
            if len(result) > MAX_ROWS:
                raise FileError(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
    except WorkbookRefused as refusal:
        raise FileError(str(refusal)) from None
    if sheet.changed_examples:
        raise FileError(
            _(
                "Row %(row)d is marked as the template's example but its cells were changed: "
                "to import it, clear its 示例 cell; otherwise delete the row."
            )
            % {"row": sheet.changed_examples[0].number}
        )
    return result


def _text(value):
    return "" if value is None else str(value).strip()


def check_rows(*, competition, rows, user):
    """Return (checked rows, errors); rows are only good if errors is empty."""
    events = {e.name: e for e in CompetitionEvent.objects.filter(competition=competition)}

    digests = {}
    for _line, raw in rows:
        value = raw.get("id_number")
        if isinstance(value, str) and value.strip():
            with suppress(ValidationError):
                digests[_line] = digest_id_number(value)
    # Every accepted digest (several while the key is being rotated), to the current one.
    numbers = [normalize_id_number(raw["id_number"]) for line, raw in rows if line in digests]
    aliases = digest_aliases(numbers)
    members = {
        aliases[m.id_number_digest]: m
        for m in Member.objects.filter(id_number_digest__in=list(aliases)).select_related(
            "union", "employer__union"
        )
    }
    codes = {_text(raw.get("credit_code")).upper() for _line, raw in rows} - {""}
    names = {_text(raw.get("employer")) for _line, raw in rows} - {""}
    employers = Employer.objects.select_related("union")
    by_code = {e.credit_code: e for e in employers.filter(credit_code__in=codes)}
    by_name = {}
    for employer in employers.filter(name__in=names):
        by_name.setdefault(employer.name, []).append(employer)
    existing = set(
        Entry.objects.filter(
            event__competition=competition,
            member__in=[m.pk for m in members.values()],
        ).values_list("event_id", "member_id")
    )

    checked, errors, seen = [], [], {}
    for line, raw in rows:
        problems = RowError(line, raw)
        event = events.get(_text(raw.get("event")))
        if event is None:
            problems.add(
                "event", _("Unknown trade or event “%(name)s”.") % {"name": _text(raw.get("event"))}
            )

        member = None
        id_value = raw.get("id_number")
        if isinstance(id_value, int | float):
            problems.add(
                "id_number",
                _(
                    "The ID number is stored as a number and has lost digits: store ID numbers "
                    "as text."
                ),
            )
        elif not _text(id_value):
            problems.add("id_number", _("The ID number is missing."))
        else:
            try:
                validate_id_number(normalize_id_number(_text(id_value)))
            except ValidationError as exc:
                problems.add("id_number", *exc.messages)
            else:
                member = members.get(digests.get(line))
                if member is None:
                    problems.add("id_number", _("No member has this ID number."))
                elif not union_in_scope(user, member.union):
                    problems.add("id_number", _("The member belongs to a union outside yours."))
                    member = None
                elif _text(raw.get("name")) and _text(raw.get("name")) != member.name:
                    problems.add(
                        "name",
                        _("The name “%(name)s” does not match the member with this ID number.")
                        % {"name": _text(raw.get("name"))},
                    )

        employer = None
        code, name = _text(raw.get("credit_code")).upper(), _text(raw.get("employer"))
        if code:
            employer = by_code.get(code)
            if employer is None:
                problems.add(
                    "credit_code", _("No employer has the credit code %(code)s.") % {"code": code}
                )
        elif name:
            candidates = by_name.get(name, [])
            if len(candidates) == 1:
                employer = candidates[0]
            elif not candidates:
                problems.add("employer", _("Unknown employer “%(name)s”.") % {"name": name})
            else:
                problems.add(
                    "employer",
                    _("Several employers are named “%(name)s”: give the credit code.")
                    % {"name": name},
                )
        elif member is not None and member.employer_id:
            employer = member.employer
        elif member is not None:
            problems.add("employer", _("Give the employer: the member has none on record."))

        # County-level users may name any employer; an officer only those under their union
        # (the employers and members above were read with their unions).
        if employer is not None and not union_in_scope(user, employer.union):
            problems.add("employer", _("The employer belongs to a union outside yours."))
            employer = None

        score = None
        if event is not None:
            raw_score = raw.get("score")
            try:
                score = parse_score(raw_score, max_score=event.max_score)
            except ValidationError as exc:
                problems.add(
                    "score",
                    _("Bad score “%(value)s”: %(reason)s")
                    % {"value": _text(raw_score), "reason": " ".join(exc.messages)},
                )

        award = AWARDS_BY_NAME.get(normalise(_text(raw.get("award"))))
        if award is None:
            problems.add(
                "award",
                _("Unknown award “%(value)s” (use 一等奖, 二等奖, 三等奖, 优秀奖 or leave empty).")
                % {"value": _text(raw.get("award"))},
            )

        if event is not None and member is not None:
            key = (event.pk, member.pk)
            if key in existing:
                problems.add(
                    "id_number", _("Duplicate entry: the member is already entered in this event.")
                )
            elif key in seen:
                problems.add(
                    "id_number",
                    _("Duplicate entry: the same member and event are on row %(line)d.")
                    % {"line": seen[key]},
                )
            else:
                seen[key] = line

        if problems.problems:
            errors.append(problems)
        else:
            checked.append(
                CheckedRow(
                    line=line,
                    event=event,
                    member=member,
                    employer=employer,
                    team_name=_text(raw.get("team_name"))[:80],
                    score=score,
                    award=award,
                )
            )
    return checked, errors


@transaction.atomic
def import_entries(*, actor, competition, rows):
    """Write checked rows: employers join the competition, entries are created, ranks set.

    All or nothing: a clash with an entry written meanwhile rolls everything back.
    """
    teams = {}
    for row in rows:
        teams.setdefault(row.employer.pk, row.team_name)
    Participation.objects.bulk_create(
        [
            Participation(competition=competition, employer_id=employer_id, team_name=team)
            for employer_id, team in teams.items()
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    try:
        with transaction.atomic():
            entries = Entry.objects.bulk_create(
                [
                    Entry(
                        event=row.event,
                        member=row.member,
                        employer=row.employer,
                        score=row.score,
                        award=row.award,
                    )
                    for row in rows
                ],
                batch_size=500,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("Another user entered some of these members meanwhile; nothing was imported.")
        ) from exc
    # bulk_create sends no signals: write the history auditlog would have written.
    with set_actor(actor):
        log_bulk_creation(entries)
    log_action(
        actor=actor, verb=verbs.ENTRIES_IMPORTED, obj=competition, data={"entries": len(rows)}
    )
    compute_ranks(competition=competition)
    return len(rows)
