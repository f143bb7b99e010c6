"""Past applications at volume, to measure the inbox and the figures at a municipality's size.

Only for `load_demo --scale N` with N > 1 (a thousand applications per scale step: 100,000
at scale 100, two status steps each), written with COPY. The apps' own demo modules make the
few applications in each state that `make run` shows, with their kinds' details; these rows
have none (their pages show the shared part only), and are closed but for one in ten.
"""

import datetime
import random
from typing import Any

from django.conf import settings
from django.utils import timezone

from members.models import Member
from yuyang_union.demo.kit import mobile
from yuyang_union.demo.loading import copy_rows

from .consent import CONSENT_VERSION
from .models import (
    Application,
    ApplicationCounter,
    ApplicationKind,
    ApplicationStatus,
    ApplicationStep,
    DeclineReason,
)
from .workdays import answer_due

PER_SCALE = 1_000


def backdate(application: Application, *, days: int) -> None:
    """For the apps' demos: an application that came in `days` ago and was never answered
    (past 7 working days, its first answer is overdue). Its consent, deadline and first step
    move with it."""
    submitted = application.submitted_at - datetime.timedelta(days=days)
    Application.objects.filter(pk=application.pk).update(
        submitted_at=submitted,
        consented_at=submitted,
        due_at=answer_due(submitted, settings.APPLICATION_ANSWER_WORKING_DAYS),
    )
    ApplicationStep.objects.filter(application=application).update(at=submitted)
    application.refresh_from_db()


HELP_KINDS = [
    ApplicationKind.LEGAL_HELP,
    ApplicationKind.HARDSHIP_HELP,
    ApplicationKind.EDUCATION_AID,
]


def load(*, scale: int, rng: random.Random) -> None:
    if scale <= 1:
        return
    count = PER_SCALE * scale
    # A random sample of members (one sort of the table's ids, once).
    people = list(Member.objects.order_by("?").values_list("pk", "union_id", "name")[:count])
    now = timezone.now()
    sequences: dict[tuple[str, int], int] = {
        (kind, year): number
        for kind, year, number in ApplicationCounter.objects.values_list(
            "kind", "year", "last_number"
        )
    }
    applications: list[dict[str, Any]] = []
    final_steps: list[tuple[str, datetime.datetime, str]] = []
    for member_id, union_id, name in people:
        kind = ApplicationKind.JOIN if rng.random() < 0.3 else rng.choice(HELP_KINDS)
        submitted = now - datetime.timedelta(days=rng.randint(1, 730), minutes=rng.randint(0, 600))
        year = timezone.localdate(submitted).year
        sequences[(kind, year)] = sequences.get((kind, year), 0) + 1
        due = submitted + datetime.timedelta(days=9)
        answered = submitted + datetime.timedelta(days=rng.randint(0, 12))
        fate = rng.random()
        row: dict[str, Any] = {
            "kind": kind,
            "year": year,
            "sequence": sequences[(kind, year)],
            "number": Application.format_number(kind, year, sequences[(kind, year)]),
            "union_id": union_id,
            "applicant_id": member_id,
            "applicant_name": name,
            "contact_phone": mobile(rng),
            "submitted_at": submitted,
            "due_at": due,
            "consent_version": CONSENT_VERSION,
            "consented_at": submitted,
            "sensitive_consent": True,
            "version": 1,
        }
        if fate < 0.1 and submitted > now - datetime.timedelta(days=30):
            row["status"] = ApplicationStatus.SUBMITTED
            final = ("", submitted, "")
        elif fate < 0.3:
            row.update(
                status=ApplicationStatus.DECLINED,
                answered_at=answered,
                closed_at=answered,
                decline_reason=rng.choice(DeclineReason.values),
                decline_note="经核实不符合条件。",
            )
            final = (ApplicationStatus.DECLINED, answered, "经核实不符合条件。")
        else:
            row.update(
                status=ApplicationStatus.CONCLUDED,
                answered_at=answered,
                accepted_at=answered,
                closed_at=answered + datetime.timedelta(days=rng.randint(0, 30)),
                outcome="已办结。",
            )
            final = (ApplicationStatus.CONCLUDED, row["closed_at"], "已办结。")
        applications.append(row)
        final_steps.append(final)
    copy_rows(Application, applications, with_ids=True)
    steps = []
    for row, (status, at, note) in zip(applications, final_steps, strict=True):
        steps.append(
            {"application_id": row["id"], "status": ApplicationStatus.SUBMITTED,
             "at": row["submitted_at"], "note": ""}
        )  # fmt: skip
        if status:
            steps.append({"application_id": row["id"], "status": status, "at": at, "note": note})
    copy_rows(ApplicationStep, steps)
    # Later numbers follow on from the ones written here.
    for (counted_kind, counted_year), number in sequences.items():
        ApplicationCounter.objects.update_or_create(
            kind=counted_kind, year=counted_year, defaults={"last_number": number}
        )
