"""Dates: resolve relative date expressions against the document date into a day or a range, and
choose which date in a sentence belongs to an event (``event_date``)."""
from __future__ import annotations

import calendar
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span, Token

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


# -- the date an event means ---------------------------------------------------------------------
#
# A sentence can carry several dates, and most of them belong to something else: a treaty named by
# its year, a target year, an earlier war in a side clause. An event's date is therefore looked for
# only among the words that modify the trigger itself (and, for an event noun carried by a light
# verb such as "held talks", among that verb's own modifiers). Nothing is taken from inside another
# noun phrase or from a nested clause with a verb of its own.

# Dependencies by which a date word hangs directly off a verb trigger.
VERB_TIME_DEPS = {"npadvmod", "tmod", "advmod", "obl", "nmod:tmod"}
# Dependencies by which a date word hangs directly off an event noun ("the 1998 bombing",
# "Monday's attack", "last year's invasion").
NOUN_TIME_DEPS = {"compound", "nummod", "amod", "npadvmod", "nmod", "poss"}
# Prepositions that introduce a time ("on Monday", "since 2014", "by 2050").
TIME_PREPS = {"on", "in", "at", "during", "since", "until", "till", "by", "before", "after", "from",
              "through", "throughout", "over", "for", "between", "within", "as", "of", "around"}
# How an event noun can belong to a light verb's clause ("held talks", "in Pyongyang for a summit").
CARRIED_NOUN_DEPS = {"dobj", "attr", "nsubjpass", "oprd"}
CARRIED_NOUN_PREPS = {"for", "at", "during", "under", "on"}


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened: ISO ``start`` and ``end`` (None for a single day), where that came
    from (``text``: the event's own words; ``document``: the document's date; None: neither), and
    whether the event's own date lies after the document's date (a target, not a fact)."""

    start: str | None
    end: str | None = None
    source: str | None = None
    future: bool = False


def event_date(trigger: Token, doc_date: str | None, light_verbs: Collection[str] = ()) -> EventDate:
    """The date of the event whose trigger is ``trigger``, anchored at ``doc_date`` (YYYY-MM-DD).

    ``light_verbs`` are lemmas of verbs whose object noun is the event ("held talks on Monday"): a
    noun trigger carried by one of them also takes that verb's own time modifiers.
    """
    for ent in _own_date_entities(trigger, light_verbs):
        resolved = resolve_date(ent.text, doc_date)
        if resolved is None:
            continue  # a duration ("for 24 years") or something unreadable: keep looking
        start, end = resolved
        future = doc_date is not None and start > doc_date
        return EventDate(start, end if end != start else None, "text", future)
    if doc_date is None:
        return EventDate(None)
    return EventDate(doc_date, None, "document")


def _own_date_entities(trigger: Token, light_verbs: Collection[str]) -> list[Span]:
    """DATE entities attached to the trigger's own clause, nearest attachment first."""
    anchors = [(trigger, _is_noun(trigger))]
    if _is_noun(trigger):
        carrier = _carrier_verb(trigger, light_verbs)
        if carrier is not None:
            anchors.append((carrier, False))
    elif trigger.dep_ == "conj" and not _has_subject(trigger) and _is_verb(trigger.head):
        # "shelled and seized the town on Tuesday": a conjoined verb sharing its subject shares the clause
        anchors.append((trigger.head, False))
    found: list[Span] = []
    for anchor, as_noun in anchors:
        for tok in _time_words(anchor, as_noun):
            span = _date_phrase(tok)
            if span is not None and all((span.start, span.end) != (f.start, f.end) for f in found):
                found.append(span)
        if found:
            break  # the trigger's own date wins over its carrier's
    return found


def _time_words(anchor: Token, as_noun: bool) -> list[Token]:
    deps = NOUN_TIME_DEPS if as_noun else VERB_TIME_DEPS
    out: list[Token] = []
    for child in anchor.children:
        if child.dep_ in deps and _is_date(child):
            out.append(child)
        elif child.dep_ == "prep" and child.lower_ in TIME_PREPS:
            # "on Monday", "by the end of 2025": the preposition's object is (in) a date
            out.extend(p for p in child.children if p.dep_ == "pobj" and _is_date(p))
        elif child.dep_ == "advmod" and child.lower_ == "ago" and any(_is_date(c) for c in child.children):
            out.append(child)  # "two days ago"
    return out


def _carrier_verb(noun: Token, light_verbs: Collection[str]) -> Token | None:
    """The light verb whose clause the event noun belongs to, if any."""
    head = noun.head
    if noun.dep_ in CARRIED_NOUN_DEPS and _is_verb(head) and head.lemma_.lower() in light_verbs:
        return head
    if noun.dep_ == "pobj" and head.lower_ in CARRIED_NOUN_PREPS and _is_verb(head.head):
        if head.lower_ in {"for", "at", "during"} or head.head.lemma_.lower() in light_verbs:
            return head.head  # "is in Pyongyang for a summit", "placed him under house arrest"
    return None


def _date_phrase(tok: Token) -> Span | None:
    """The part of the DATE entity at ``tok`` that lies in ``tok``'s own phrase. The recogniser
    sometimes runs one entity across a clause boundary ("on Friday, decades after ..."); only the
    words under the attached time word belong to this event."""
    probe = tok if _is_date(tok) else next((c for c in tok.children if _is_date(c)), None)
    if probe is None:
        return None
    ent_start, ent_end = _entity_bounds(probe)
    start, end = max(ent_start, tok.left_edge.i), min(ent_end, tok.right_edge.i + 1)
    if tok.i >= ent_end:
        end = tok.i + 1  # "ago" outside the entity still belongs to the expression
    return tok.doc[start:end] if start < end else None


def _entity_bounds(tok: Token) -> tuple[int, int]:
    """The token range of the entity ``tok`` is in, walking its IOB tags (never the whole document's
    entity list, which would make coding a long document quadratic)."""
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _is_date(tok: Token) -> bool:
    return tok.ent_type_ == "DATE"


def _is_noun(tok: Token) -> bool:
    return tok.pos_ in {"NOUN", "PROPN"}


def _is_verb(tok: Token) -> bool:
    return tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB")


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"} for c in verb.children)
