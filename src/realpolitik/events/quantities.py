"""Quantities: a number, the noun it counts, a rate ("per day") and whether it is approximate.

A quantity keeps the words that qualify it: "at least 20 civilians" is approximate with a lower bound
(``low`` 20), "up to 3,000 soldiers" with an upper bound (``high``), and a range ("$6 - $8 billion",
"10 to 15 percent", "between 5 and 7 ships") keeps both ends (``low``, ``high``; ``value`` is the low
end). "a month", "a day", "per liter" set ``per``. Numbers that name a thing rather than count it
("Article 5", "Section 232", "Resolution 2231") are not quantities.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..records import Quantity

# Words before a number: (words, bound) with bound "low" (the number is a floor), "high" (a ceiling) or
# None (only approximate). Longest phrases first.
QUALIFIERS: list[tuple[tuple[str, ...], str | None]] = sorted([
    (("at", "least"), "low"), (("more", "than"), "low"), (("over",), "low"), (("upwards", "of"), "low"),
    (("in", "excess", "of"), "low"), (("no", "fewer", "than"), "low"), (("no", "less", "than"), "low"),
    (("not", "less", "than"), "low"), (("at", "minimum"), "low"), (("a", "minimum", "of"), "low"),
    (("at", "most"), "high"), (("up", "to"), "high"), (("less", "than"), "high"), (("fewer", "than"), "high"),
    (("under",), "high"), (("no", "more", "than"), "high"), (("not", "more", "than"), "high"),
    (("as", "many", "as"), "high"), (("as", "much", "as"), "high"), (("a", "maximum", "of"), "high"),
    (("about",), None), (("around",), None), (("approximately",), None), (("roughly",), None),
    (("nearly",), None), (("almost",), None), (("some",), None), (("circa",), None), (("est.",), None),
    (("an", "estimated"), None), (("estimated",), None), (("close", "to"), None), (("reportedly",), None),
    (("just", "over"), "low"), (("just", "under"), "high"), (("well", "over"), "low"),
], key=lambda q: -len(q[0]))
SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
         "mln": 1e6, "bln": 1e9, "bn": 1e9, "m": 1e6, "k": 1e3}
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "dozens": 24, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "hundreds": 200, "thousand": 1000,
         "thousands": 2000}
CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
RATE_NOUNS = {"day", "week", "month", "year", "hour", "minute", "second", "capita", "person", "head", "decade",
              "quarter", "night", "annum"}
# Nouns a following number identifies rather than counts.
REFERENCE_NOUNS = {"article", "section", "resolution", "chapter", "paragraph", "clause", "title", "rule",
                   "amendment", "no", "no.", "number", "phase", "item", "point", "room", "flight", "route",
                   "highway", "building", "part", "annex", "protocol", "grade", "level", "category", "stage",
                   "act", "bill", "decree", "law", "order", "regulation", "platform", "gate", "block", "unit",
                   "lot", "case", "file", "page", "volume", "vol.", "p.", "pp.", "appendix", "figure", "table",
                   "version", "model", "type", "class", "division", "district", "zone", "sector", "precinct",
                   "squadron", "battalion", "brigade", "regiment", "corps", "ward", "camp", "road", "street",
                   "avenue", "paragraphs", "articles", "sections", "resolutions", "chapters", "covid-", "g", "b"}
RANGE_WORDS = {"-", "–", "—", "to", "and"}


def number_value(tokens: list[Token]) -> float | None:
    value = None
    for tok in tokens:
        low = tok.lower_.replace(",", "")
        if re.fullmatch(r"\d+(\.\d+)?", low):
            value = float(low) if value is None else value * float(low)
        elif low in SCALE and value is not None and (len(low) > 2 or tok.i > tokens[0].i):
            value *= SCALE[low]
        elif low in WORDS:
            value = WORDS[low] if value is None else value * WORDS[low]
    return value


def _is_number(tok: Token) -> bool:
    return tok.like_num and tok.text not in RANGE_WORDS


def extract_quantities(sent: Span, sent_index: int) -> list[Quantity]:
    out: list[Quantity] = []
    seen: set[int] = set()
    for tok in sent:
        if tok.i in seen or tok.ent_type_ in {"DATE", "TIME", "ORDINAL"} or not _is_number(tok):
            continue
        if tok.dep_ not in {"nummod", "compound", "quantmod"} and tok.ent_type_ not in {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}:
            continue
        number = _number_tokens(tok, sent)
        seen.update(t.i for t in number)
        if _names_a_thing(number[0]):
            continue
        value = number_value(number)
        if value is None:
            continue
        # A range: "$6 - $8 billion", "10 to 15 percent", "between 5 and 7".
        second = _range_end(number, sent)
        low = high = None
        if second is not None:
            seen.update(t.i for t in second)
            high = number_value(second)
            scale = next((SCALE[t.lower_] for t in second if t.lower_ in SCALE), None)
            if high is not None and scale and not any(t.lower_ in SCALE for t in number) and value * scale <= high:
                value *= scale  # "$6 - $8 billion": the scale word belongs to both ends
            if high is None or high < value:
                second = None
                high = None
            else:
                low = value
        last = (second or number)[-1]
        unit_tok = _unit_token(last)
        unit, _ = _unit_and_rate(unit_tok, number + (second or []))
        if unit is None and tok.ent_type_ == "CARDINAL" and tok.dep_ not in {"nummod"} and second is None:
            continue
        words = list(number) + list(second or [])
        if unit_tok is not None and unit_tok.i > last.i:
            words += list(sent.doc[last.i + 1:unit_tok.i + 1])
        qualifier, bound = _qualifier(number[0], sent)
        if second is not None:
            between = number[0].i - 1
            if between >= sent.start and sent.doc[between].lower_ in {"between", "from"}:
                qualifier = [sent.doc[between]]
        start_tok = qualifier[0] if qualifier else min(words, key=lambda t: t.i)
        end_tok = max(words, key=lambda t: t.i)
        per_toks = _per_tokens(end_tok, sent)
        per = None
        if per_toks:
            per = per_toks[-1].lemma_.lower()
            end_tok = per_toks[-1]
        start = start_tok.idx
        end = end_tok.idx + len(end_tok.text)
        if second is None and bound == "low":
            low = value
        elif second is None and bound == "high":
            high = value
        approximate = bool(qualifier) or second is not None or _hedged(number)
        # sliced from the sentence: doc.text would rebuild the whole document for every quantity
        out.append(Quantity(sentence=sent_index, text=sent.text[start - sent.start_char:end - sent.start_char], value=value, unit=unit, per=per,
                            approximate=approximate, span=(start, end), low=low, high=high))
    return out


def _number_tokens(tok: Token, sent: Span) -> list[Token]:
    doc = tok.doc
    start = end = tok.i
    while start - 1 >= sent.start and (_is_number(doc[start - 1]) or doc[start - 1].text in CURRENCY) \
            and doc[start - 1].ent_type_ not in {"DATE"}:
        start -= 1
    while end + 1 < sent.end and (_is_number(doc[end + 1]) or doc[end + 1].lower_ in SCALE) \
            and doc[end + 1].ent_type_ not in {"DATE"}:
        end += 1
    return [t for t in doc[start:end + 1]]


def _names_a_thing(first: Token) -> bool:
    """'Article 5', 'Section 232', 'Resolution 2231': a capitalised reference noun right before the number."""
    if first.i == 0 or first.text in CURRENCY:
        return False
    before = first.doc[first.i - 1]
    return before.lower_ in REFERENCE_NOUNS and (before.is_title or before.is_upper or before.lower_ in {"no.", "no"})


def _range_end(number: list[Token], sent: Span) -> list[Token] | None:
    """The second number of a range right after ``number``, or None."""
    doc = number[0].doc
    i = number[-1].i + 1
    if i >= sent.end or doc[i].lower_ not in RANGE_WORDS:
        return None
    if doc[i].lower_ == "and" and not (number[0].i - 1 >= sent.start and doc[number[0].i - 1].lower_ == "between"):
        return None
    j = i + 1
    if j < sent.end and doc[j].text in CURRENCY:
        j += 1
    if j >= sent.end or not _is_number(doc[j]) or doc[j].ent_type_ in {"DATE", "TIME", "ORDINAL"}:
        return None
    return _number_tokens(doc[j], sent)


def _qualifier(first: Token, sent: Span) -> tuple[list[Token], str | None]:
    """The qualifying words right before the number ("at least", "about", "up to"), and their bound."""
    doc = first.doc
    for words, bound in QUALIFIERS:
        begin = first.i - len(words)
        if begin < sent.start:
            continue
        if tuple(t.lower_ for t in doc[begin:first.i]) == words:
            return list(doc[begin:first.i]), bound
    return [], None


def _unit_token(last: Token) -> Token | None:
    head = last.head
    if last.dep_ in {"nummod", "compound", "quantmod"} and head.pos_ in {"NOUN", "PROPN"} and head.i > last.i:
        return head
    if head.like_num and head.head.pos_ == "NOUN" and head.head.i > last.i:
        return head.head
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if nxt is not None and nxt.lower_ in {"percent", "%", "per cent"}:
        return nxt
    if last.ent_type_ == "PERCENT" and nxt is not None and nxt.ent_type_ == "PERCENT":
        return nxt
    return None


def _unit_and_rate(unit_tok: Token | None, number: list[Token]) -> tuple[str | None, str | None]:
    currency = next((CURRENCY[t.text] for t in number if t.text in CURRENCY), None)
    if unit_tok is None:
        return currency, None
    unit = currency or unit_tok.lemma_.lower()
    if unit in {"%", "per cent"}:
        unit = "percent"
    return unit, None


def _per_tokens(end_tok: Token, sent: Span) -> list[Token]:
    """'a month', 'per day', 'each year', 'per liter' right after the quantity (never 'last year')."""
    doc = end_tok.doc
    i = end_tok.i + 1
    if i + 1 >= sent.end:
        return []
    word, noun = doc[i], doc[i + 1]
    if word.lower_ == "per" and noun.pos_ in {"NOUN", "PROPN"}:
        return [word, noun]
    if word.lower_ in {"a", "an", "each", "every"} and noun.lemma_.lower() in RATE_NOUNS:
        return [word, noun]
    return []


def _hedged(number: list[Token]) -> bool:
    head = number[-1].head
    return any(c.lower_ in {"estimated", "approximately"} for c in head.children)
