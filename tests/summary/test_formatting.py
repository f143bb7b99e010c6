from decimal import Decimal

import pytest
from django.utils import translation

from yuyang_union.figures import Unit
from yuyang_union.summary.formatting import format_change, format_value, json_number
from yuyang_union.summary.registry import FIGURES_BY_KEY


def shown(key, value):
    spec = FIGURES_BY_KEY[key]
    with translation.override("zh-hans"):
        return format_value(value, spec.unit, str(spec.measure))


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("welfare.warmth_funds", Decimal("5290000"), "529万元"),
        ("legal.mediation_recovered", Decimal("353000.00"), "35.3万元"),
        ("legal.aid_recovered", Decimal("2540000"), "254万元"),
        ("welfare.warmth_funds", Decimal("5291234.56"), "529.12万元"),
        ("welfare.warmth_funds", Decimal("8500.50"), "8500.5元"),
        ("competitions.participations", 2763, "2763人次"),
        ("competitions.held", 36, "36场次"),
        ("competitions.enterprises", 127, "127家"),
        ("honors.national_model_workers", 1, "1名"),
        ("honors.municipal_collectives", 24, "24个"),
        ("legal.consultations", 137, "137次"),
        ("legal.mediations", 11, "11件"),
        ("legal.mediation_workers", 29, "29人"),
        ("rights.collective_contracts", 312, "312份"),
        ("welfare.hardship_households", 489, "489户"),
        ("welfare.warmth_visits", 615, "615户次"),
        ("welfare.jobs_offered", 4187, "4187个"),
        ("members.new_union_members", 11310, "11310人"),
        ("members.new_union_members", 1131000, "113.1万人"),
    ],
)
def test_values_read_as_a_chinese_report_writes_them(key, value, expected):
    assert shown(key, value) == expected


def test_change_has_a_sign_and_nothing_for_no_change():
    with translation.override("zh-hans"):
        assert format_change(3, Unit.ORGANISATIONS, "家") == "+3家"
        assert format_change(Decimal("-15000"), Unit.YUAN, "元") == "-1.5万元"
        assert format_change(0, Unit.CASES, "件") == ""


def test_json_numbers_are_numbers():
    assert json_number(Decimal("353000.00")) == 353000
    assert isinstance(json_number(Decimal("353000.00")), int)
    assert json_number(Decimal("10.50")) == 10.5
