"""An import through a real browser, with a real job worker: the progress follows the job by
itself (the polling script), the officer confirms, the rows are written."""

import asyncio
import contextlib
import datetime
import threading

import pytest
from playwright.sync_api import expect
from procrastinate.contrib.django import app

from members.models import Member
from tests.members.factories import UnionFactory, make_id_number
from tests.workbooks import xlsx_bytes
from yuyang_union import roles

HEADERS = ["姓名", "身份证号码", "民族", "手机号码", "所属工会", "入会日期"]


@pytest.fixture
def job_worker():
    """A Procrastinate worker in a thread of its own, as `manage.py procrastinate worker`
    runs one (its own connector), until the test ends."""
    worker = app.with_connector(app.connector.get_worker_connector())  # type: ignore[attr-defined]
    stop = threading.Event()

    async def run() -> None:
        async with worker.open_async():
            task = asyncio.ensure_future(
                worker.run_worker_async(
                    queues=["jobs"],
                    wait=True,
                    install_signal_handlers=False,
                    listen_notify=False,
                    fetch_job_polling_interval=0.2,
                )
            )
            while not stop.is_set():
                await asyncio.sleep(0.1)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    thread = threading.Thread(target=asyncio.run, args=(run(),))
    thread.start()
    yield
    stop.set()
    thread.join(timeout=30)


def test_a_roster_imports_with_a_live_progress_bar(page, make_staff, log_in, job_worker):
    UnionFactory(name="龙潭镇工会", kind="township", code="LT")
    # Distinct ID numbers: 900 serials a birth date.
    first = datetime.date(1980, 1, 1)
    rows = [
        [
            f"会员{n}",
            make_id_number(birth=first + datetime.timedelta(days=n // 900), serial=100 + n % 900),
            "苗族",
            "",
            "LT",
            "2021-03-01",
        ]
        for n in range(1500)
    ]
    staff = make_staff(roles.ORGANISATION, username="zuzhi_import")
    log_in(page, staff.username, next_path="/admin/members/member/import/")
    page.set_input_files(
        "input[name=import_file]",
        files=[
            {
                "name": "members.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": xlsx_bytes(HEADERS, rows),
            }
        ],
    )
    with page.expect_response(lambda response: "/jobs/status/" in response.url, timeout=30_000):
        page.locator("input[type=submit]").click()
    # The job's page follows the check by itself, and reloads when it ends.
    expect(page.locator(".job-state")).to_have_text("已检查，待确认", timeout=60_000)
    expect(page.locator(".job-message")).to_contain_text("1500")
    # The site answers meanwhile.
    assert page.request.get("/jobs/").ok
    page.get_by_role("button", name="确认导入").click()
    expect(page.locator(".job-state")).to_have_text("已完成", timeout=60_000)
    expect(page.get_by_role("link", name="查看记录")).to_be_visible()
    assert Member.objects.count() == 1500
