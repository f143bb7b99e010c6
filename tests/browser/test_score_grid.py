"""The competition score grid through a real browser, on a phone at the venue: a bad cell
stops the whole save and is shown at its place; corrected, every score is saved at once and
the ranks follow, on the grid and on the competition's page."""

from playwright.sync_api import expect

from competitions.models import Entry
from tests.browser.layout import sideways_overflow
from tests.competitions.factories import CompetitionEventFactory, CompetitionFactory, EntryFactory
from tests.members.factories import EmployerFactory, MemberFactory
from yuyang_union import roles


def test_judges_scores_are_entered_in_the_grid_and_ranked(phone_page, make_staff, log_in):
    competition = CompetitionFactory(name="酉阳县第八届职工技能大赛")
    cooking = CompetitionEventFactory(competition=competition, name="中式烹调")
    employer = EmployerFactory(name="酉阳县桃花源酒店有限公司")
    for name in ["冉小梅", "田大勇", "白秀英"]:
        EntryFactory(event=cooking, member=MemberFactory(name=name), employer=employer)
    officer = make_staff(roles.COMPETITIONS, username="jingsai_pingfen")
    page = phone_page
    log_in(page, officer.username, next_path="/staff/competitions/")

    page.get_by_role("link", name="酉阳县第八届职工技能大赛").first.tap()
    page.get_by_role("link", name="录入成绩").tap()
    expect(page.locator("main h1")).to_have_text("成绩录入：中式烹调")
    # On a phone the grid is a card an entrant, each box named for the screen reader.
    assert sideways_overflow(page) == 0
    grid_row = page.locator(".score-grid tbody tr").first
    assert grid_row.evaluate("row => getComputedStyle(row).display") == "block"

    page.get_by_label("冉小梅的成绩").fill("88.5")
    page.get_by_label("田大勇的成绩").fill("92")
    page.get_by_label("白秀英的成绩").fill("九十")
    page.get_by_label("田大勇的奖项").select_option(label="一等奖")
    page.get_by_role("button", name="保存全部成绩").tap()
    expect(page.locator(".messages")).to_contain_text("未保存任何内容：请更正标出的单元格。")
    bad_row = page.locator(".score-grid tr.has-error")
    expect(bad_row).to_have_count(1)
    expect(bad_row).to_contain_text("白秀英")
    expect(bad_row.get_by_role("alert")).to_have_text("“九十”不是数字。")
    # One bad cell, nothing saved: the good cells keep what was typed, for another try.
    assert not Entry.objects.filter(score__isnull=False).exists()
    expect(page.get_by_label("冉小梅的成绩")).to_have_value("88.5")

    page.get_by_label("白秀英的成绩").fill("79")
    page.get_by_role("button", name="保存全部成绩").tap()
    expect(page.locator(".messages")).to_contain_text("已保存；修改 3 条报名，名次已更新。")
    rows = page.locator(".score-grid tbody tr").all()
    ranks = {
        row.locator("strong").inner_text(): row.locator("td").nth(1).inner_text() for row in rows
    }
    assert ranks == {"田大勇": "1", "冉小梅": "2", "白秀英": "3"}
    expect(page.get_by_label("田大勇的奖项")).to_have_value("first")

    # The competition's page lists the results in rank order, the prize beside its winner.
    page.get_by_role("link", name="酉阳县第八届职工技能大赛").tap()
    first = page.locator("h2:text-is('报名与成绩') + .table-scroll tbody tr").first
    expect(first.locator("td").nth(1)).to_have_text("1")
    expect(first).to_contain_text("田大勇")
    expect(first).to_contain_text("92")
    expect(first).to_contain_text("一等奖")
