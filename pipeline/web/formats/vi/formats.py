"""Vietnamese dates on the admin's pages as hoso's own pages write them: “09:45 ngày 07/12/2026”
in its lists, “07/12/2026” in its date fields (Django's own: “09:45 Ngày 07 tháng 12 năm 2026”
and “2026-12-07”). What is not named here stays Django's."""

DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = r"H:i \n\gà\y d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
# The first is what a date field shows and what the admin's calendar writes.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]
