"""Plausible people, dates and amounts for the demo county, from a seeded random generator.

Every helper takes the loader's `random.Random`, so a load is repeatable. Totals are split
exactly (`split_exact`, `split_money`): the demo's figures must equal the work summary's.
"""

import datetime
import random
from collections.abc import Callable
from decimal import Decimal

from yuyang_union.validators import CREDIT_CODE_CHARS, credit_code_check_char, id_check_char

COUNTY_CODE = "500242"  # 酉阳土家族苗族自治县
TUJIA_SURNAMES = "冉田彭向白何杨陈石黄"
MIAO_SURNAMES = "龙吴石麻杨滕"
HAN_SURNAMES = "张王李刘赵周徐孙马胡郭罗"
GIVEN_CHARACTERS = "明华红军平建国英秀兰芳丽勇强伟敏静磊洋艳娟涛超斌玉凤桂林波春梅海燕"


def random_date(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    """A day from `first` to `last`, both included."""
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def split_exact(total: int, parts: int, rng: random.Random, minimum: int = 1) -> list[int]:
    """`parts` random integers, each at least `minimum`, summing exactly to `total`."""
    spare = total - parts * minimum
    if spare < 0:
        raise ValueError("The total is too small for that many parts.")
    cuts = sorted(rng.randint(0, spare) for _ in range(parts - 1))
    return [b - a + minimum for a, b in zip([0, *cuts], [*cuts, spare], strict=True)]


def split_money(
    total: Decimal, parts: int, rng: random.Random, minimum: Decimal = Decimal("1000")
) -> list[Decimal]:
    """`parts` amounts in yuan with fen, each at least `minimum`, summing exactly to `total`."""
    fen = split_exact(int(total * 100), parts, rng, minimum=int(minimum * 100))
    return [Decimal(amount) / 100 for amount in fen]


def person_name(rng: random.Random) -> str:
    """A name as the county's people have them: Tujia and Miao surnames first."""
    roll = rng.random()
    surnames = TUJIA_SURNAMES if roll < 0.6 else MIAO_SURNAMES if roll < 0.75 else HAN_SURNAMES
    given = "".join(rng.choice(GIVEN_CHARACTERS) for _ in range(rng.choice([1, 2, 2])))
    return rng.choice(surnames) + given


def ethnicity_for(name: str, rng: random.Random) -> str:
    """An ethnic group likely for the surname."""
    if name[0] in MIAO_SURNAMES and rng.random() < 0.7:
        return "苗族"
    if name[0] in HAN_SURNAMES and rng.random() < 0.6:
        return "汉族"
    return "土家族"


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"


def credit_code(serial: int, *, series: str = "00", kind: str = "91") -> str:
    """A valid unified social credit code (GB 32100), distinct for each serial and series:
    registration kind, the county's division code, a two-character series, the serial."""
    digits = []
    for _ in range(7):
        serial, rest = divmod(serial, len(CREDIT_CODE_CHARS))
        digits.append(CREDIT_CODE_CHARS[rest])
    body = kind + COUNTY_CODE + series + "".join(reversed(digits))
    return body + credit_code_check_char(body)


class IDNumbers:
    """Valid resident ID numbers of the county (GB 11643), none given twice.

    `taken(number)` may say a number is already held elsewhere (e.g. by a member in the
    database); it is asked once per new number.
    """

    def __init__(self, rng: random.Random, *, taken: Callable[[str], bool] | None = None) -> None:
        self.rng = rng
        self.taken = taken
        self.used: set[str] = set()

    def new(self, birth: datetime.date) -> str:
        """A number of someone born on `birth` (or a day later when that day is full)."""
        while True:
            first17 = f"{COUNTY_CODE}{birth:%Y%m%d}{self.rng.randrange(1000):03d}"
            if first17 in self.used:
                birth += datetime.timedelta(days=self.rng.randrange(2))
                continue
            self.used.add(first17)
            number = first17 + id_check_char(first17)
            if self.taken is None or not self.taken(number):
                return number

    def born_between(self, first: datetime.date, last: datetime.date) -> str:
        return self.new(random_date(self.rng, first, last))
