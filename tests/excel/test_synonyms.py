"""What staff type in a choice or yes/no cell is read as what they mean."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import translation

from competitions.importing import AWARDS_BY_NAME
from competitions.models import Award
from members.models.members import MemberStatus
from welfare.models import HardshipCause
from yuyang_union.excel.synonyms import normalise
from yuyang_union.excel.widgets import (
    ChoiceWidget,
    DateCellWidget,
    IDNumberWidget,
    IntegerCellWidget,
    MoneyWidget,
    MultiChoiceWidget,
    PhoneWidget,
    YesNoWidget,
)

status = ChoiceWidget(MemberStatus.choices)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("在册", MemberStatus.ACTIVE),
        ("在会", MemberStatus.ACTIVE),
        (" 在 会 ", MemberStatus.ACTIVE),
        ("正常", MemberStatus.ACTIVE),
        ("active", MemberStatus.ACTIVE),  # the stored value
        ("Active", MemberStatus.ACTIVE),  # the English label
        ("退休", MemberStatus.RETIRED),
        ("已退休", MemberStatus.RETIRED),
        ("转出", MemberStatus.TRANSFERRED_OUT),
        ("退会", MemberStatus.LEFT),
        ("去世", MemberStatus.DECEASED),
    ],
)
def test_member_status_synonyms(typed, stored):
    assert status.clean(typed) == stored


def test_a_chinese_label_is_read_whatever_the_language():
    with translation.override("en"):
        assert status.clean("在册") == MemberStatus.ACTIVE


def test_an_unknown_status_lists_the_chinese_choices():
    with pytest.raises(ValueError, match="在册、已转出、已退休、已退会、已故"):
        status.clean("在岗待定")


@pytest.mark.parametrize(
    "typed", ["是", "Y", "y", "yes", "YES", "√", "✓", "true", "TRUE", "1", 1, 1.0, True, "Ｙ"]
)
def test_yes(typed):
    assert YesNoWidget().clean(typed) is True


@pytest.mark.parametrize(
    "typed", ["否", "N", "n", "no", "×", "✗", "false", "FALSE", "0", 0, 0.0, False, "", None, " "]
)
def test_no(typed):
    assert YesNoWidget().clean(typed) is False


@pytest.mark.parametrize("typed", ["也许", "x", "X"])
def test_neither_yes_nor_no_is_refused(typed):
    with pytest.raises(ValueError, match="是"):
        YesNoWidget().clean(typed)


def test_full_width_letters_and_digits_are_ordinary_ones():
    assert normalise("ＬＴ　１２") == "lt12"
    assert normalise(3.0) == "3"


@pytest.mark.parametrize(
    "typed",
    ["患病、子女就学", "患病,子女就学", "患病，子女就学", "患病；子女就学", " 患病 / 子女就学 "],
)
def test_several_choices_in_one_cell(typed):
    causes = MultiChoiceWidget(HardshipCause.choices)
    assert causes.clean(typed) == [HardshipCause.ILLNESS, HardshipCause.SCHOOLING]


def test_an_unknown_cause_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="患病"):
        MultiChoiceWidget(HardshipCause.choices).clean("患病、失恋")


@pytest.mark.parametrize(
    ("typed", "award"),
    [("", Award.NONE), ("无", Award.NONE), ("一等奖", Award.FIRST), (" 优秀奖 ", Award.EXCELLENCE)],
)
def test_competition_awards(typed, award):
    assert AWARDS_BY_NAME[normalise(typed)] == award


@pytest.mark.parametrize(
    "typed",
    ["2024-03-01", "2024/3/1", "2024.3.1", "2024年3月1日", "20240301", "２０２４－０３－０１"],
)
def test_dates_as_staff_write_them(typed):
    assert DateCellWidget().clean(typed) == datetime.date(2024, 3, 1)


def test_an_excel_date_cell():
    assert DateCellWidget().clean(datetime.datetime(2024, 3, 1)) == datetime.date(2024, 3, 1)  # noqa: DTZ001


def test_numbers_and_amounts():
    assert IntegerCellWidget().clean("１２") == 12
    assert IntegerCellWidget().clean(3.0) == 3
    assert MoneyWidget().clean("1,000.50元") == Decimal("1000.50")
    assert MoneyWidget().clean(1000.5) == Decimal("1000.5")


@pytest.mark.parametrize(
    ("widget", "typed"),
    [(DateCellWidget(), "三月一日"), (IntegerCellWidget(), "3.5"), (MoneyWidget(), "一千")],
)
def test_what_is_not_a_date_or_number_is_refused_in_chinese(widget, typed):
    with translation.override("zh-hans"), pytest.raises(ValueError, match=typed) as refusal:
        widget.clean(typed)
    assert re.search(r"[\u4e00-\u9fff]{2}", str(refusal.value).replace(typed, ""))


def test_full_width_identifiers_are_read_as_ordinary_digits():
    from tests.members.factories import make_id_number

    number = make_id_number()
    typed = number.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})
    assert IDNumberWidget().clean(typed) == number
    assert PhoneWidget().clean("１３８１２３４５６７８") == "13812345678"
