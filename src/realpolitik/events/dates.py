"""Resolve relative date expressions against the document date into a day or a range."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


DURATION = re.compile(r"^(?:the\s+)?(?:past\s+|last\s+|next\s+)?(?:\d+|a|an|one|two|three|four|five|six|seven|eight|"
                      r"nine|ten|eleven|twelve|several|few|many|some|\w+teen|\w+ty)[\s-]+(?:day|week|month|year|decade)s?$")


def resolve_date(expression: str, anchor: str | None) -> tuple[str, str] | None:
    """(start, end) ISO dates for ``expression`` relative to ``anchor`` (YYYY-MM-DD), or None.

    Durations ("24 years", "nine months") are not points in time and give None.
    """
    text = expression.lower().strip()
    if DURATION.match(text) or text.endswith(("years", "months", "weeks", "days")) and "ago" not in text:
        return None
    year_match = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    if anchor is None:
        if year_match:
            y = int(year_match.group(1))
            return f"{y}-01-01", f"{y}-12-31"
        return None
    today = date.fromisoformat(anchor)
    span = _relative(text, today, year_match)
    if span is None:
        return None
    return span[0].isoformat(), span[1].isoformat()


NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
AGO = re.compile(r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(day|week|month|year)s?\s+ago")


def _ago(match, today: date) -> tuple[date, date]:
    count = int(match.group(1)) if match.group(1).isdigit() else NUMBER_WORDS[match.group(1)]
    unit = match.group(2)
    if unit == "day":
        d = today - timedelta(days=count)
        return d, d
    if unit == "week":
        d = today - timedelta(weeks=count)
        return d - timedelta(days=d.weekday()), d - timedelta(days=d.weekday()) + timedelta(days=6)
    if unit == "month":
        month = today.month - count
        year = today.year + (month - 1) // 12
        return _month_range(year, (month - 1) % 12 + 1)
    return date(today.year - count, 1, 1), date(today.year - count, 12, 31)


def _relative(text: str, today: date, year_match) -> tuple[date, date] | None:
    ago = AGO.search(text)
    if ago:
        return _ago(ago, today)
    if text in {"today", "tonight", "this morning", "this afternoon", "this evening"}:
        return today, today
    if text in {"yesterday", "last night"}:
        d = today - timedelta(days=1)
        return d, d
    if text == "tomorrow":
        d = today + timedelta(days=1)
        return d, d
    for name, number in WEEKDAYS.items():
        if name in text:
            back = (today.weekday() - number) % 7
            if "next" in text:
                forward = (number - today.weekday()) % 7 or 7
                d = today + timedelta(days=forward)
            else:
                d = today - timedelta(days=back)
            return d, d
    for name, number in MONTHS.items():
        if re.search(rf"\b{name}\b", text):
            if year_match:
                year = int(year_match.group(1))
            else:
                year = today.year if number <= today.month else today.year - 1
            day = re.search(r"\b(\d{1,2})\b", text.replace(str(year), ""))
            if day and 1 <= int(day.group(1)) <= calendar.monthrange(year, number)[1]:
                d = date(year, number, int(day.group(1)))
                return d, d
            return _month_range(year, number)
    for name, (first, last) in SEASONS.items():
        if name in text:
            year = today.year - 1 if "last" in text else today.year
            if year_match:
                year = int(year_match.group(1))
            end_year = year + 1 if first > last else year
            return date(year, first, 1), _month_range(end_year, last)[1]
    if "week" in text:
        monday = today - timedelta(days=today.weekday())
        if "last" in text or "previous" in text:
            return monday - timedelta(days=7), monday - timedelta(days=1)
        if "next" in text:
            return monday + timedelta(days=7), monday + timedelta(days=13)
        return monday, today
    if "month" in text:
        start, end = _month_range(today.year, today.month)
        if "last" in text or "previous" in text:
            prev = start - timedelta(days=1)
            return _month_range(prev.year, prev.month)
        if "next" in text:
            nxt = end + timedelta(days=1)
            return _month_range(nxt.year, nxt.month)
        return start, today
    if "year" in text and not year_match:
        if "last" in text or "previous" in text:
            return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
        if "next" in text:
            return date(today.year + 1, 1, 1), date(today.year + 1, 12, 31)
        return date(today.year, 1, 1), today
    if year_match:
        y = int(year_match.group(1))
        return date(y, 1, 1), date(y, 12, 31)
    return None
