"""Who's-who lookups: turn whatever a user typed into one card, several candidates, or hints.

Exact names and aliases win (after `normalise`); an alias shared by several entities (the
studio and the comics publisher both answer to "Marvel") returns every owner as a candidate.
Anything else is scored with rapidfuzz, so typos and the article's own misspellings still land;
a weaker score still earns a "did you mean" suggestion, and noise (a mention, punctuation,
a letter or two) earns none. User input is only ever compared, never interpreted: SQL,
mentions or control characters are just a name that matches nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from trivia.judge.normalise import normalise
from trivia.models import Entity, EntityKind, SourceRef, WhosWho

# relation kind -> (label shown on cards, inverse kind recorded on the target's side)
RELATIONS: dict[str, tuple[str, str]] = {
    "plays": ("Plays", "played_by"),
    "played_by": ("Played by", "plays"),
    "stars_in": ("Stars in", "stars"),
    "stars": ("Stars", "stars_in"),
    "directs_episode_of": ("Directs an episode of", "episode_directed_by"),
    "episode_directed_by": ("Episode directed by", "directs_episode_of"),
    "showrunner_of": ("Showrunner of", "showrunner"),
    "showrunner": ("Showrunner", "showrunner_of"),
    "thanks": ("Thanks", "thanked_by"),
    "thanked_by": ("Thanked by", "thanks"),
    "reported_on": ("Reported on", "reported_by"),
    "reported_by": ("Reported by", "reported_on"),
    "appears_in": ("Appears in", "features"),
    "features": ("Features", "appears_in"),
    "made_by": ("Made by", "makes"),
    "makes": ("Makes", "made_by"),
    "streams_on": ("Streams on", "streams"),
    "streams": ("Streams", "streams_on"),
    "parent_of": ("Parent of", "child_of"),
    "child_of": ("Child of", "parent_of"),
    "works_for": ("Works for", "employs"),
    "employs": ("Employs", "works_for"),
    "landlord_of": ("Landlord of", "tenant_of"),
    "tenant_of": ("Tenant of", "landlord_of"),
    "killed": ("Killed", "killed_by"),
    "killed_by": ("Killed by", "killed"),
    "becomes": ("Becomes", "identity_of"),
    "identity_of": ("Hero identity of", "becomes"),
    "originates_in": ("Comes from", "home_of"),
    "home_of": ("Home of", "originates_in"),
    "rival_of": ("Rival of", "rival_of"),
    "estranged_from": ("Estranged from", "estranged_from"),
    "member_of": ("Member of", "has_member"),
    "has_member": ("Members", "member_of"),
}

KIND_LABELS: dict[EntityKind, str] = {
    EntityKind.ACTOR: "actor",
    EntityKind.CHARACTER: "character",
    EntityKind.CREW: "crew",
    EntityKind.OUTLET: "news outlet",
    EntityKind.COMPANY: "company",
    EntityKind.SHOW: "show",
    EntityKind.PERSON: "person",
    EntityKind.GROUP: "group",
}

MAX_QUERY_LENGTH = 100  # longer input is cut before matching; no name is anywhere near this
MAX_SUGGESTIONS = 3
MAX_AUTOCOMPLETE = 25  # Discord's limit for autocomplete choices
MATCH_CUTOFF = 88  # `_similarity` that counts as "this is the one"
SUGGEST_CUTOFF = 70  # a typo or two away: worth offering as "did you mean"
AUTOCOMPLETE_CUTOFF = 75  # autocomplete lists are long; only fairly close names pad them
MIN_FUZZY_LETTERS = 3  # queries with fewer letters only match exactly or by prefix
WORD_WEIGHT = 0.8  # one word of a longer query alike a name's word: see `_similarity`
WHOLE_NAME_BONUS = 0.1  # breaks a tie in favour of the name matched whole

# Discord mention markup (<@123>, <@!123>, <@&123>, <#123>, @everyone, @here): never a name.
_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b", re.IGNORECASE)


def relation_label(kind: str) -> str:
    """The card label for a relation kind; unknown kinds get a readable fallback."""
    known = RELATIONS.get(kind)
    return known[0] if known else kind.replace("_", " ").capitalize()


def inverse_of(kind: str) -> str | None:
    known = RELATIONS.get(kind)
    return known[1] if known else None


def clean_query(text: str) -> str:
    """Cap the length and turn control/format characters into spaces (safe to echo back)."""
    cut = text[:MAX_QUERY_LENGTH]
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in cut).strip()


@dataclass(frozen=True, slots=True)
class Card:
    entity: Entity
    kind_label: str
    plays: tuple[str, ...]  # names of the characters this actor plays
    played_by: tuple[str, ...]  # names of the actors playing this character
    relations: tuple[tuple[str, str], ...]  # (label, target name), plays/played_by excluded
    source: SourceRef  # the who's-who's article, with this entity's paragraphs


@dataclass(frozen=True, slots=True)
class Lookup:
    card: Card | None = None
    candidates: tuple[Card, ...] = ()
    suggestions: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        return self.card is not None or bool(self.candidates)


class WhoIs:
    def __init__(self, whoswho: WhosWho) -> None:
        names = {e.id: e.name for e in whoswho.entities}
        self._cards = {e.id: _make_card(e, names, whoswho.source) for e in whoswho.entities}
        # alphabetical by normalised name, so "The Punisher" sorts under P
        by_name = sorted(whoswho.entities, key=lambda e: normalise(e.name))
        self._alphabetical = tuple(e.name for e in by_name)
        self._rank = {e.id: rank for rank, e in enumerate(by_name)}
        self._by_key: dict[str, list[str]] = {}  # normalised name/alias -> entity ids
        for entity in whoswho.entities:
            for label in (entity.name, *entity.aliases):
                ids = self._by_key.setdefault(normalise(label), [])
                if entity.id not in ids:
                    ids.append(entity.id)
        self._by_key.pop("", None)
        self._keys = list(self._by_key)

    def find(self, name: str) -> Lookup:
        key = normalise(_MENTION.sub(" ", clean_query(name)))
        if not key:
            return Lookup()
        exact = self._by_key.get(key)
        if exact:
            return self._lookup(exact)
        scored = self._fuzzy(key, SUGGEST_CUTOFF) if _fuzzy_enough(key) else []
        if scored and scored[0][1] >= MATCH_CUTOFF:
            best = scored[0][1]
            return self._lookup(self._ids_of(k for k, score in scored if score == best))
        suggestions = [self._cards[i].entity.name for i in self._ids_of(k for k, _ in scored)]
        if not suggestions:
            suggestions = self._prefixed(key)
        return Lookup(suggestions=tuple(suggestions[:MAX_SUGGESTIONS]))

    def autocomplete(self, prefix: str, limit: int = MAX_AUTOCOMPLETE) -> list[str]:
        """Entity names for a partly typed name: prefix hits first, then fuzzy ones."""
        limit = max(0, min(limit, MAX_AUTOCOMPLETE))
        key = normalise(clean_query(prefix))
        if not key:
            return list(self._alphabetical[:limit])
        names = self._prefixed(key)
        if _fuzzy_enough(key):
            fuzzy_ids = self._ids_of(k for k, _ in self._fuzzy(key, AUTOCOMPLETE_CUTOFF))
            names += [self._cards[i].entity.name for i in fuzzy_ids]
        return list(dict.fromkeys(names))[:limit]

    def _lookup(self, ids: list[str]) -> Lookup:
        if len(ids) == 1:
            return Lookup(card=self._cards[ids[0]])
        return Lookup(candidates=tuple(self._cards[i] for i in ids))

    def _fuzzy(self, key: str, cutoff: int) -> list[tuple[str, float]]:
        """Known keys scoring at least `cutoff` against `key`, best first."""
        scored = ((k, _similarity(key, k)) for k in self._keys)
        return sorted(((k, s) for k, s in scored if s >= cutoff), key=lambda ks: -ks[1])

    def _ids_of(self, keys: Iterable[str]) -> list[str]:
        ids: dict[str, None] = {}  # ordered set: best-scoring keys first
        for key in keys:
            ids.update(dict.fromkeys(self._by_key[key]))
        return list(ids)

    def _prefixed(self, key: str) -> list[str]:
        """Names whose name, alias or any word of them starts with `key`, alphabetically."""
        ids = {
            entity_id
            for k, owners in self._by_key.items()
            if k.startswith(key) or any(word.startswith(key) for word in k.split())
            for entity_id in owners
        }
        return [self._cards[i].entity.name for i in sorted(ids, key=self._rank.__getitem__)]


def _make_card(entity: Entity, names: dict[str, str], source: SourceRef) -> Card:
    by_kind: dict[str, list[str]] = {}
    for rel in entity.relations:
        by_kind.setdefault(rel.kind, []).append(names[rel.target])
    others = tuple(
        (relation_label(rel.kind), names[rel.target])
        for rel in entity.relations
        if rel.kind not in ("plays", "played_by")
    )
    return Card(
        entity=entity,
        kind_label=KIND_LABELS.get(entity.kind, str(entity.kind)),
        plays=tuple(by_kind.get("plays", ())),
        played_by=tuple(by_kind.get("played_by", ())),
        relations=others,
        source=SourceRef(source.title, source.outlet, source.date, entity.source),
    )


def _fuzzy_enough(key: str) -> bool:
    """Whether a normalised query has letters enough to be compared loosely at all."""
    return sum(ch.isalpha() for ch in key) >= MIN_FUZZY_LETTERS


def _similarity(query: str, key: str) -> float:
    """How alike a normalised query and name are, 0-100.

    A query may be part of a name ("cage" for "luke cage") or its words in another order
    ("hogarth jeri"), so the best of: the query against each run of whole words of the
    name, and both with their words sorted. Whole words only: WRatio's partial matching
    scored any short query against any fragment of letters ("here" is in "the punisher"),
    which offered far-fetched suggestions. A name inside a longer query is a different
    thing ("taylor swift" is not "taylor"), so one word of the query alike one word of the
    name scores `WORD_WEIGHT` of that: a suggestion at best, never the match. A name that
    is as alike whole as in part gets `WHOLE_NAME_BONUS`, so "jessca jones" is "jessica
    jones" rather than also "marvels jessica jones"; "jones", a part of both, lists both.
    """
    words = key.split()
    spans = (" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1))
    whole = fuzz.ratio(query, key)
    score = max(fuzz.token_sort_ratio(query, key), *(fuzz.ratio(query, span) for span in spans))
    query_words = [word for word in query.split() if len(word) >= MIN_FUZZY_LETTERS]
    if len(query_words) > 1:
        alike = max(fuzz.ratio(q, w) for q in query_words for w in words)
        score = max(score, alike * WORD_WEIGHT)
    return score + WHOLE_NAME_BONUS if whole >= score else score
