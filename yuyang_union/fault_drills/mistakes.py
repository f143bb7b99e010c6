"""Drills of the faults people and races cause: a stale import, two officers on one record,
money approved by mistake, a typo in an amount or a date, a double click.

Each drill works in a transaction that is rolled back at its end (nothing it makes stays),
signs in a throwaway administrator with both factors, drives the real pages through Django's
test client (a 500 is counted, not raised) and counts what went wrong: a record lost or
wrongly reported, a page that answered 500.
"""

import datetime
import io
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import openpyxl
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import Member, UnionOrganisation
from welfare import services as welfare_services
from welfare.models import Grant, GrantState, HardshipHousehold, ReliefCampaign
from yuyang_union.accounts.reauth import CHECKED_AT
from yuyang_union.jobs import runner
from yuyang_union.jobs.models import Job, JobState
from yuyang_union.validators import id_check_char

from .pages import form_data
from .registry import DrillResult

MEMBER_HEADERS = ["姓名", "身份证号码", "民族", "手机号码", "所属工会", "入会日期"]


class Rehearsal:
    """An administrator signed in with both factors, and helpers to make records."""

    def __init__(self) -> None:
        self.serial = 0
        self.user = User.objects.create_superuser(
            username=f"drill-{uuid.uuid4().hex[:8]}", email="", password=None
        )
        self.client = self.signed_in(self.user)
        self.union = UnionOrganisation.objects.get_first_root_node()

    def signed_in(self, user: User) -> Client:
        device = TOTPDevice.objects.create(user=user, name="drill", confirmed=True)
        client = Client(raise_request_exception=False)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[CHECKED_AT] = int(time.time())
        session.save()
        return client

    def colleague(self) -> Client:
        """A second administrator, signed in on a client of their own."""
        return self.signed_in(
            User.objects.create_superuser(f"drill-{uuid.uuid4().hex[:8]}", password=None)
        )

    def id_number(self) -> str:
        self.serial += 1
        first17 = f"500242198001{self.serial % 28 + 1:02d}{900 + self.serial % 100:03d}"
        return first17 + id_check_char(first17)

    def member(self) -> Member:
        return Member.objects.create(
            name="演练会员",
            id_number=self.id_number(),
            union=self.union,
            joined_on=datetime.date(2020, 1, 1),
        )

    def household(self) -> HardshipHousehold:
        return welfare_services.register_household(
            actor=self.user,
            head=self.member(),
            union=self.union,
            tier="deep",
            registered_on=datetime.date(2026, 1, 5),
            situation="原来的情况",
        )

    def grants(self, count: int) -> list[Grant]:
        year = timezone.localdate().year
        campaign = ReliefCampaign.objects.create(
            kind="warmth", year=year, name=f"演练送温暖{uuid.uuid4().hex[:6]}", budget=100000
        )
        return [
            welfare_services.propose_grant(
                actor=self.user,
                household=self.household(),
                campaign=campaign,
                amount=Decimal("1000.00"),
                form="cash",
                granted_on=datetime.date(year, 1, 20),
            )
            for _n in range(count)
        ]


@contextmanager
def rehearsal() -> Iterator[Rehearsal]:
    with override_settings(ALLOWED_HOSTS=["testserver"]), transaction.atomic():
        try:
            yield Rehearsal()
        finally:
            transaction.set_rollback(True)


def _approved(grants: list[Grant]) -> int:
    return Grant.objects.filter(pk__in=[g.pk for g in grants], state=GrantState.APPROVED).count()


def _admin_form(client: Client, url: str, form_id: str) -> dict[str, object]:
    return form_data(client.get(url).content.decode(), form_id)


def import_truth_drill() -> DrillResult:
    """A member import whose second row's person is registered between preview and confirm."""
    with rehearsal() as r:
        code = f"D{uuid.uuid4().hex[:6]}"
        union = UnionOrganisation.objects.add_child(
            r.union, {"name": "演练工会", "kind": "grassroots", "code": code}
        )
        numbers = [r.id_number() for _n in range(3)]
        book = openpyxl.Workbook()
        sheet = book.worksheets[0]
        sheet.append(MEMBER_HEADERS)
        for n, number in enumerate(numbers):
            sheet.append([f"演练{n}", number, "苗族", "", code, "2021-03-01"])
        content = io.BytesIO()
        book.save(content)
        upload = SimpleUploadedFile("members.xlsx", content.getvalue())
        started = r.client.post("/admin/members/member/import/", {"import_file": upload})
        job = Job.objects.filter(owner=r.user).order_by("-created_at").first()
        checked = runner.execute(job.pk) if job else None
        Member.objects.create(
            name="另一位干部先登记的",
            id_number=numbers[1],
            union=union,
            joined_on=datetime.date(2021, 3, 1),
        )
        # Confirmed twice (a double click): the write runs once.
        confirms = [
            r.client.post(f"/jobs/{job.pk}/confirm/").status_code if job else 0 for _n in range(2)
        ]
        written = runner.execute(job.pk) if job else None
        again = runner.execute(job.pk) if job else None
        imported = Member.objects.filter(union=union).count() - 1
        said_success = written == JobState.SUCCEEDED
        statuses = [started.status_code, *confirms]
        lost = (
            imported
            + int(said_success)
            + int(checked != JobState.AWAITING_CONFIRMATION)
            + int(again is not None)
            + sum(status >= 500 for status in statuses)
        )
    return DrillResult(
        "import-truth",
        f"checked 3 members, registered the second meanwhile, confirmed twice: statuses "
        f"{statuses}, write {written}, {imported} written, success "
        f"{'told' if said_success else 'not told'}",
        lost,
    )


def lost_update_drill() -> DrillResult:
    """Two officers open one household in the admin; both save their text."""
    with rehearsal() as r:
        household = r.household()
        url = f"/admin/welfare/hardshiphousehold/{household.pk}/change/"
        colleague = r.colleague()
        first = _admin_form(r.client, url, "hardshiphousehold_form")
        second = _admin_form(colleague, url, "hardshiphousehold_form")
        first["situation"] = "第一位干部写的情况"
        second["situation"] = "第二位干部写的情况"
        saved_first = r.client.post(url, first)
        saved_second = colleague.post(url, second)
        household.refresh_from_db()
        lost = int(household.situation != "第一位干部写的情况")
        lost += sum(answer.status_code >= 500 for answer in (saved_first, saved_second))
    return DrillResult(
        "lost-update",
        f"two officers saved one household's text from the same version: statuses "
        f"{saved_first.status_code} and {saved_second.status_code}; the file keeps "
        f"“{household.situation}”",
        lost,
    )


def money_by_mistake_drill() -> DrillResult:
    """The approval page: what starts ticked, and what one click on 审批 does at once."""
    with rehearsal() as r:
        grants = r.grants(3)
        page = r.client.get("/staff/welfare/grants/approval/").content.decode()
        ticked = page.count(" checked")
        one = {"action": "approve", "grant": [grants[0].pk]}
        r.client.post("/staff/welfare/grants/approval/", one)
        unasked = _approved(grants)
        confirmed = r.client.post("/staff/welfare/grants/approval/", {**one, "confirmed": "1"})
        approved = _approved(grants)
        lost = ticked + unasked + abs(approved - 1) + int(confirmed.status_code >= 500)
    return DrillResult(
        "money-by-mistake",
        f"3 proposed grants: {ticked} ticked on the page, {unasked} approved without a "
        f"confirmation, {approved} approved after confirming one",
        lost,
    )


def typos_drill() -> DrillResult:
    """A negative, zero or eleven-digit grant amount, and an event in year 0001, in the admin."""
    with rehearsal() as r:
        [grant] = r.grants(1)
        url = f"/admin/welfare/grant/{grant.pk}/change/"
        statuses = []
        for amount in ("-5", "0", "99999999999.99"):
            data = _admin_form(r.client, url, "grant_form")
            data["amount"] = amount
            statuses.append(r.client.post(url, data).status_code)
        grant.refresh_from_db()
        saved = int(grant.amount != Decimal("1000.00"))
        add = _admin_form(r.client, "/admin/events/event/add/", "event_form")
        add.update(
            title="演练活动",
            starts_at_0="0001-01-01",
            starts_at_1="09:00:00",
            ends_at_0="0001-01-01",
            ends_at_1="11:00:00",
            place="演练",
        )
        statuses.append(r.client.post("/admin/events/event/add/", add).status_code)
        from events.models import Event

        saved += Event.objects.filter(title="演练活动").count()
        lost = saved + sum(status >= 500 for status in statuses)
    return DrillResult(
        "typos",
        f"grant amounts -5, 0, 99,999,999,999.99 and an event in year 0001 posted: statuses "
        f"{statuses}, {saved} saved",
        lost,
    )


def double_submit_drill() -> DrillResult:
    """Two officers reverse the same paid grants; one confirms an approval twice."""
    with rehearsal() as r:
        grants = r.grants(2)
        ids = [g.pk for g in grants]
        welfare_services.approve_entries(actor=r.user, entries=Grant.objects.filter(pk__in=ids))
        welfare_services.pay_entries(
            actor=r.user, entries=Grant.objects.filter(pk__in=ids), paid_on=timezone.localdate()
        )
        colleague = r.colleague()
        reverse = {
            "action": "reverse_selected",
            "_selected_action": ids,
            "post": "yes",
        }
        statuses = [
            client.post("/admin/welfare/grant/", reverse).status_code
            for client in (r.client, colleague)
        ]
        reversals = Grant.objects.filter(reverses__in=ids).count()
        again = {"action": "approve", "grant": ids, "confirmed": "1"}
        statuses += [
            r.client.post("/staff/welfare/grants/approval/", again).status_code for _n in range(2)
        ]
        lost = abs(reversals - len(ids)) + sum(status >= 500 for status in statuses)
    return DrillResult(
        "double-submit",
        f"2 paid grants reversed by two officers, an approval confirmed twice: statuses "
        f"{statuses}, {reversals} reversals written",
        lost,
    )
