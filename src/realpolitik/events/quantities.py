"""Quantities: a number, the noun it counts, a rate ("per day") and whether it is approximate."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..records import Quantity

APPROX = {"around", "about", "approximately", "roughly", "nearly", "almost", "some", "estimated",
          "est.", "circa", "up", "over", "more", "less", "fewer", "least", "than", "reportedly",
          "an estimated", "close", "upwards"}
SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "dozens": 24, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "hundreds": 200, "thousand": 1000,
         "thousands": 2000}
CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
RATE_NOUNS = {"day", "week", "month", "year", "hour", "minute", "capita", "person", "head"}


def number_value(tokens: list[Token]) -> float | None:
    value = None
    for tok in tokens:
        low = tok.lower_.replace(",", "")
        if re.fullmatch(r"\d+(\.\d+)?", low):
            value = float(low) if value is None else value * float(low)
        elif low in SCALE and value is not None:
            value *= SCALE[low]
        elif low in WORDS:
            value = WORDS[low] if value is None else value * WORDS[low]
    return value


def extract_quantities(sent: Span, sent_index: int) -> list[Quantity]:
    out: list[Quantity] = []
    seen: set[int] = set()
    for tok in sent:
        if tok.i in seen or tok.ent_type_ in {"DATE", "TIME", "ORDINAL"} or not tok.like_num:
            continue
        if tok.dep_ not in {"nummod", "compound", "quantmod"} and tok.ent_type_ not in {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}:
            continue
        number = _number_tokens(tok)
        seen.update(t.i for t in number)
        value = number_value(number)
        if value is None:
            continue
        unit_tok = _unit_token(number[-1])
        unit, per = _unit_and_rate(unit_tok, number)
        if unit is None and tok.ent_type_ == "CARDINAL" and tok.dep_ not in {"nummod"}:
            continue
        words = [t for t in number]
        if unit_tok is not None:
            words.append(unit_tok)
        left = _approx_words(number)
        words.extend(left)
        start = min(t.idx for t in words)
        end_tok = max(words, key=lambda t: t.i)
        end = end_tok.idx + len(end_tok.text)
        per_tok = _per_token(unit_tok) if unit_tok is not None else None
        if per_tok is not None:
            end = max(end, per_tok.idx + len(per_tok.text))
        text = sent.text[start - sent.start_char:end - sent.start_char]  # not doc.text: that rebuilds the document
        out.append(Quantity(sentence=sent_index, text=text, value=value, unit=unit, per=per,
                            approximate=bool(left) or _hedged(number), span=(start, end)))
    return out


def _number_tokens(tok: Token) -> list[Token]:
    doc = tok.doc
    start = end = tok.i
    while start > 0 and (doc[start - 1].like_num or doc[start - 1].text in CURRENCY) and doc[start - 1].ent_type_ not in {"DATE"}:
        start -= 1
    while end + 1 < len(doc) and (doc[end + 1].like_num or doc[end + 1].lower_ in SCALE):
        end += 1
    return [t for t in doc[start:end + 1]]


def _unit_token(last: Token) -> Token | None:
    head = last.head
    if last.dep_ in {"nummod", "compound", "quantmod"} and head.pos_ in {"NOUN", "PROPN"}:
        return head
    if head.like_num and head.head.pos_ == "NOUN":
        return head.head
    if last.ent_type_ == "PERCENT" or (last.i + 1 < len(last.doc) and last.doc[last.i + 1].lower_ in {"percent", "%"}):
        return last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    return None


def _unit_and_rate(unit_tok: Token | None, number: list[Token]) -> tuple[str | None, str | None]:
    currency = next((CURRENCY[t.text] for t in number if t.text in CURRENCY), None)
    if unit_tok is None:
        return currency, None
    unit = currency or unit_tok.lemma_.lower()
    if unit == "%":
        unit = "percent"
    per_tok = _per_token(unit_tok)
    return unit, per_tok.lemma_.lower() if per_tok is not None else None


def _per_token(unit_tok: Token) -> Token | None:
    for scope in (unit_tok, unit_tok.head):
        for child in scope.children:
            if child.dep_ == "prep" and child.lower_ in {"per", "a", "each", "every"}:
                for pobj in child.children:
                    if pobj.lemma_.lower() in RATE_NOUNS:
                        return pobj
            if child.dep_ == "npadvmod" and child.lemma_.lower() in RATE_NOUNS:
                return child
    return None


def _approx_words(number: list[Token]) -> list[Token]:
    first = number[0]
    out = []
    for tok in list(first.doc[max(0, first.i - 3):first.i]):
        if tok.lower_ in APPROX and tok.sent == first.sent:
            out.append(tok)
    for child in number[-1].children:
        if child.dep_ in {"advmod", "quantmod"} and child.lower_ in APPROX:
            out.append(child)
    return out


def _hedged(number: list[Token]) -> bool:
    head = number[-1].head
    return any(c.lower_ in {"estimated", "approximately"} for c in head.children)
