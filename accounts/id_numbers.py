"""Made-up resident ID numbers with a valid GB 11643-1999 check digit, for the demo, the benchmark
and the tests (the real ones belong to people)."""

import datetime as dt

from accounts.validators import check_digit

REGION = "140105"  # 太原市小店区
FIRST_BIRTH_DATE = dt.date(1950, 1, 1)
BIRTH_DATES = 20_000  # consecutive birth dates `serial_id_number` uses, about 55 years


def make_id_number(birth: dt.date, serial: int = 0, sex: str = "M", region: str = REGION) -> str:
    """The number of someone born on `birth`; `serial` (0-499) picks the order code, whose last
    digit is odd for men and even for women."""
    order = serial % 500 * 2 + (1 if sex == "M" else 0)
    first17 = f"{region}{birth:%Y%m%d}{order:03d}"
    return first17 + check_digit(first17)


def serial_id_number(serial: int, sex: str = "M", region: str = REGION) -> str:
    """A different number for every serial below ten million: the birth date and the order code
    both come from the serial."""
    birth = FIRST_BIRTH_DATE + dt.timedelta(days=serial % BIRTH_DATES)
    return make_id_number(birth, serial // BIRTH_DATES, sex, region)
