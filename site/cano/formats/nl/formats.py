"""Dutch formats as Flanders writes them; Django uses them for nl and nl-be.

The same words and clock as the templates' filters in `cano.templatetags.cano_format` (2 februari
2027, 14.30 uur). Django's abbreviated months lack the full stop, so short dates here are numeric
(2-2-2027). Date input keeps Django's Dutch input formats.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = r"G.i \u\u\r"
DATETIME_FORMAT = r"j F Y, G.i \u\u\r"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j-n-Y"
SHORT_DATETIME_FORMAT = r"j-n-Y, G.i \u\u\r"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
