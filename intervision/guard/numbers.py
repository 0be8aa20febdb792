"""Identifiers written as numbers or codes: national register and BIS numbers, phone numbers,
IBANs, licence plates, and the company numbers that must not be mistaken for them."""

import re

SEPARATORS = re.compile(r"[\s./()\-]")

# YYMMDD SSS CC in every notation staff use: dots, dashes, spaces, slashes or nothing between groups.
NATIONAL_NUMBER = re.compile(
    r"(?<![\w+.,/-])(\d{2})[ .-]?(\d{2})[ .-]?(\d{2})\s?[ .\-/]?\s?(\d{3})[ .-]?(\d{2})(?![\w]|[.,/-]\d)"
)
PHONE_CANDIDATE = re.compile(
    r"(?<![\w+@/.,-])(?:(?:\+|00)\s?32[\s.\-/]*(?:\(0\)[\s.\-/]*)?|\(0\d{1,3}\)[\s.\-/]*|0)"
    r"\d(?:[ \t.\-/]{0,3}\d){0,15}"
)
# Letters in the account part are capitals; the country code is sometimes typed in lower case.
IBAN = re.compile(
    r"(?<![\w-])(?i:[A-Z]{2}) ?\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\w-])"
)
PLATE = re.compile(
    r"(?<![\w-])(?:[1-9][- ]?[A-Z]{3}[- ]?\d{3}|[A-Z]{3}-\d{3}|\d{3}-[A-Z]{3})(?![\w-])"
    r"|(?<![\w-])[1-9]-[a-z]{3}-\d{3}(?![\w-])"
)
COMPANY_CONTEXT = re.compile(
    r"(?:ondernemings\w*|kbo[\w-]*|btw[\w-]*|vat|ond\.?\s?nr\.?|be)\W{0,4}$", re.I
)
# Public helplines and paid or zonal service numbers: calling them identifies no one.
SERVICE_PREFIXES = ("070", "077", "078", "0800", "0900", "0901", "0902", "0903", "0904", "0905")


def national_number_is_valid(digits: str) -> bool:
    """The Belgian rijksregisternummer checksum, for people born before and after 2000."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    base, check = int(digits[:9]), int(digits[9:])
    return check in (97 - base % 97, 97 - (2_000_000_000 + base) % 97)


def national_number_date_is_plausible(digits: str) -> bool:
    """A birth date as the register writes it: BIS numbers add 20 or 40 to the month, and an
    unknown day or month is 00."""
    month, day = int(digits[2:4]), int(digits[4:6])
    return (month <= 12 or 20 <= month <= 32 or 40 <= month <= 52) and day <= 31


def company_number_is_valid(digits: str) -> bool:
    return len(digits) == 10 and 97 - int(digits[:8]) % 97 == int(digits[8:])


def iban_is_valid(compact: str) -> bool:
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return int(number) % 97 == 1


def phone_digits(raw: str) -> str:
    """The national form (0 + zone + number) of a written phone number."""
    digits = re.sub(r"\D", "", raw.replace("(0)", ""))
    if raw.lstrip().startswith("+"):
        digits = "0" + digits[2:]
    elif digits.startswith("0032"):
        digits = "0" + digits[4:]
    return digits


def is_phone_number(digits: str) -> bool:
    if digits.startswith(SERVICE_PREFIXES) or len(digits) < 9 or digits[1] == "0":
        return False
    if digits.startswith("04") and digits[2] in "56789" and len(digits) == 10:
        return True  # a mobile number; 04 followed by 7 digits is a landline in Liège
    return len(digits) == 9


def find_phone(text: str, match: re.Match) -> tuple[int, int] | None:
    """The longest start of the candidate that is a Belgian number; a following count or year
    written after it is left out."""
    start = match.start()
    value = match.group(0)
    ends = [m.end() for m in re.finditer(r"\d+", value)]
    for end in reversed(ends):
        digits = phone_digits(value[:end])
        if len(digits) > 10:
            continue
        if is_phone_number(digits):
            before = text[max(0, start - 30) : start]
            if company_number_is_valid(digits) and (
                COMPANY_CONTEXT.search(before) or re.fullmatch(r"0\d{3}\.\d{3}\.\d{3}", value[:end])
            ):
                return None
            return start, start + end
        if len(digits) < 9:
            return None
    return None
