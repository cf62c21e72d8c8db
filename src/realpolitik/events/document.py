"""Readings completed with what the whole document tells: whom an act is aimed at.

Most acts in a news story have a counterpart even when the sentence leaves it implicit ("the
rebels condemned the postponement" in a story about the rebels and their government). An event with
no target takes the one other actor its sentence names, else, for acts of conflict, the story's
counterpart of its source: criticism, demands and attacks are aimed at the other side, while a
cooperative act with no partner in its own sentence is as often with someone the story never
names (measured on the news gold: story partners for AID, SUPPORT, CONSULT, AGREE and COOPERATE
were right 2 times in 40). Help and cooperation do not even take their sentence's other actor
(right 1 time in 6 on half of the news gold: "X said it helps to ..." names a bystander). An event
with no source at all is an unfinished reading and is not kept.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..actors.memory import counterpart, document_focus
from ..records import Actor, ActorMention, Event
from .rules import load_rules

RULES = load_rules()
RECENT_SENTENCES, RECENT_WEIGHT = 3, 2


def complete_events(events: list[Event], mentions: list[ActorMention], salience: Counter,
                    courts: str | None = None) -> list[Event]:
    by_sentence: dict[int, list[Actor]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention.actor)
    out = []
    for event in events:
        if _guessed_rebels(event):  # "gunmen" placed in the story's country by memory alone
            event = _armed_author(replace(event, source=None), mentions) if len(_named_groups(mentions)) == 1 else event
        if event.source is None or event.source.found == "unnamed":
            event = _state_as_author(event, document_focus(salience), courts) if _state_act(event) \
                else _armed_author(event, mentions)
        if event.source is not None and event.source.found == "unnamed":
            event = _domestic_author(event, salience, out)
        if event.source is None or event.source.found == "unnamed":
            continue
        if event.target is None and event.plover not in RULES["targetless_types"]:
            target = None if event.plover in RULES["partnerless_types"] else \
                _sentence_partner(event, by_sentence.get(event.sentence, []))
            if target is None and event.plover in RULES["story_partner_types"]:
                target = _story_partner(event, _recent(by_sentence, event.sentence) + salience)
            if target is None:
                continue
            event = replace(event, target=target)
        out.append(event)
    return out


def _guessed_rebels(event: Event) -> bool:
    """Armed men the sentence does not name whom document memory gave the story's country: whether
    they are a group the story names, or that country's own, is the document's to say."""
    return event.source is not None and event.source.sector == "REB" and event.source.found == "context"


def _named_groups(mentions: list[ActorMention]) -> dict[str, Actor]:
    return {m.actor.key: m.actor for m in mentions if m.actor.sector == "REB" and m.actor.found == "named"}


def _recent(by_sentence: dict[int, list[Actor]], sentence: int) -> Counter:
    """Countries named in the last few sentences weigh more than the story's overall balance: a
    story moves from one pair of actors to another."""
    weights: Counter = Counter()
    for back in range(1, RECENT_SENTENCES + 1):
        for actor in by_sentence.get(sentence - back, []):
            if actor.country:
                weights[actor.country] += RECENT_WEIGHT
    return weights


def _state_as_author(event: Event, focus: str | None, courts: str | None = None) -> Event:
    """'X was arrested', 'a journalist was detained': arrests and detentions with no one named are
    the work of the state where the arrested belong."""
    if not _state_act(event):
        return event
    sent_away = event.cameo[:3] in RULES["sending_codes"] and focus is not None
    judged = event.source is not None and event.source.sector == "JUD" and (courts or focus) is not None
    if sent_away or judged:  # "were deported to X": the state that sends them away is the story's, not theirs;
        # "two foreigners were charged": the story's courts (where its trial is held), whoever the accused are
        country = (courts or focus) if judged else focus
        if event.target is None and focus is not None:
            event = replace(event, target=Actor(text=focus, code=focus, country=focus, found="context"))
    elif event.target is not None and event.target.country:
        country = event.target.country
    elif focus is not None:  # "the editor was detained" in a story about one country: its state, its people
        country = focus
        event = replace(event, target=Actor(text=country, code=country, country=country, found="context"))
    else:
        return event
    if country:
        event = event if event.target is not None else replace(
            event, target=Actor(text=country, code=country, country=country, found="context"))
        return replace(event, source=Actor(text=country, code=country + "COP", country=country, sector="COP",
                                           found="default"))
    return event


def _state_act(event: Event) -> bool:
    """Arrests and detentions, and charges, trials and sentences whose accuser is unnamed."""
    unnamed_court = event.source is not None and event.source.found == "unnamed" and event.source.sector == "JUD"
    return event.cameo[:2] in RULES["state_author_roots"] or unnamed_court


def _armed_author(event: Event, mentions: list[ActorMention]) -> Event:
    """'two guards were shot', 'a bomb wounded nine workers': violence with no author named, in a
    story that has named one armed group so far (or, when none yet, one in all), is that group's."""
    if event.cameo[:2] not in RULES["armed_author_roots"]:
        return event
    groups = {m.actor.key: m.actor for m in mentions if m.sentence <= event.sentence and m.actor.sector == "REB"}
    if not groups:  # "gunmen stormed a hotel" in the lead, the group named further down
        groups = {m.actor.key: m.actor for m in mentions if m.actor.sector == "REB"}
    if len(groups) != 1:
        return event
    return replace(event, source=replace(next(iter(groups.values())), found="context"))


def _domestic_author(event: Event, salience: Counter, done: list[Event]) -> Event:
    """'gunmen stormed a hotel in X', 'six officers were killed': violence by attackers no one names,
    in a story about a country's own affairs, is that country's (the annotation codes rebels, militias
    and unnamed attackers acting inside a country as the country). In a story between two countries
    the author stays unknown and the reading is dropped."""
    if event.cameo[:2] not in RULES["armed_author_roots"]:
        return event
    country = event.target.country if event.target is not None else document_focus(salience)
    if not country or counterpart(salience, country) != country:
        return event
    if event.source.text == "unknown attackers" and not any(
            e.source.country == country and e.cameo[:2] in RULES["armed_author_roots"]
            and 0 <= event.sentence - e.sentence <= RECENT_SENTENCES for e in done):
        return event  # "five were killed" only after an attack just told: else floods, crashes ...
    target = event.target or Actor(text=country, code=country, country=country, found="context")
    return replace(event, target=target, source=Actor(text=country, code=country + "REB", country=country,
                                                      sector="REB", found="default"))


def _sentence_partner(event: Event, actors: list[Actor]) -> Actor | None:
    others = {a.key: a for a in actors if a.key != event.source.key and (a.country or a.org)}
    if len(others) == 1:
        return replace(next(iter(others.values())), found="context")
    return None


def _story_partner(event: Event, salience: Counter) -> Actor | None:
    country = counterpart(salience, event.source.country)
    if country is None:
        return None
    return Actor(text=country, code=country, country=country, found="context")
