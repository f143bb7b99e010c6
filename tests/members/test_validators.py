import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.members.factories import make_credit_code, make_id_number
from yuyang_union.validators import (
    credit_code_check_char,
    id_check_char,
    normalize_id_number,
    validate_credit_code,
    validate_id_number,
    validate_mobile,
)


def _with_check(first17):
    return first17 + id_check_char(first17)


def test_valid_youyang_id_number():
    number = make_id_number(birth=datetime.date(1985, 6, 15), serial=123)
    validate_id_number(number)
    assert number.startswith("500242")


def test_known_real_format_id_number_with_x():
    # GB 11643's worked example: 11010519491231002X.
    validate_id_number("11010519491231002X")


def test_lower_case_x_is_normalised_and_accepted():
    assert normalize_id_number("11010519491231002x") == "11010519491231002X"
    validate_id_number("11010519491231002x")


def test_bad_check_digit_is_refused():
    number = make_id_number()
    wrong = "0" if number[-1] != "0" else "1"
    with pytest.raises(ValidationError) as exc:
        validate_id_number(number[:-1] + wrong)
    assert exc.value.code == "id_checksum"


def test_impossible_birth_date_is_refused():
    with pytest.raises(ValidationError) as exc:
        validate_id_number(_with_check("50024219850231123"))  # 31 February
    assert exc.value.code == "id_birth_date"


def test_future_birth_date_is_refused():
    with pytest.raises(ValidationError) as exc:
        validate_id_number(_with_check("50024221990101123"))
    assert exc.value.code == "id_future"


def test_wrong_length_is_refused():
    with pytest.raises(ValidationError):
        validate_id_number("50024219850615123")


@pytest.mark.parametrize("region", ["810000", "820000", "830000"])
def test_hong_kong_macao_taiwan_residence_permits_are_accepted(region):
    validate_id_number(_with_check(f"{region}19900101001"))


def test_valid_credit_codes():
    validate_credit_code(make_credit_code())
    validate_credit_code("91350100M000100Y43")  # a published example


def test_credit_code_bad_check_character():
    code = make_credit_code()
    body = code[:17]
    wrong = "0" if credit_code_check_char(body) != "0" else "1"
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(body + wrong)
    assert exc.value.code == "credit_code_checksum"


def test_credit_code_forbidden_letters():
    with pytest.raises(ValidationError):
        validate_credit_code("91500242OOOOOOOOOO")


def test_mobile():
    validate_mobile("138 0000 1234")
    with pytest.raises(ValidationError):
        validate_mobile("12800001234")
