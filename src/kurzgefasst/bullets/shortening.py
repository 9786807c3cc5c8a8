"""Shortening a long sentence: clause boundaries that may be cut, appositions that may go."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from ..german import names
from ..german.quotes import has_source
from .syntax import FINITE, Tok, analyse_text, inside_quote, may_be_verb

#: A shortened sentence keeps at least this share of its characters: tightening, not halving.
MIN_KEEP = 0.6


# Never removed with an aside: negations, qualifiers, sources (numbers are checked apart).
PROTECTED_RE = re.compile(
    r"\b(?:nicht|kein\w*|nie|niemals|ohne|nichts|niemand|etwa|rund|ca|circa|ungefähr|"
    r"wahrscheinlich|vermutlich|mutmaßlich|mutmasslich|angeblich|offenbar|möglicherweise|"
    r"bis|mindestens|höchstens|maximal|fast|knapp|nur|noch|bereits|laut|zufolge|geändert|"
    r"vorläufig|unbestätigt|unklar)\b",
    re.I,
)


_SUBORDINATORS = frozenset(
    """und aber doch denn sondern oder sodass weil da nachdem bevor obwohl obgleich während
    zumal wobei womit woraufhin wodurch weshalb weswegen als wenn falls sofern dass ob
    der die das dem den dessen deren welche welcher welches wo wie so damit bis seit seitdem
    sobald solange indem ohne um statt""".split()
)


# Clause boundaries where a long sentence may end: what follows is a clause of its own whose
# loss drops detail, never a condition ("wenn"), a complement ("dass") or a source ("sagte").
_CUT_WORDS = frozenset(
    """und aber doch denn sodass weil da nachdem bevor obwohl obgleich während zumal wobei
    womit woraufhin wodurch weshalb weswegen zudem außerdem ausserdem allerdings jedoch
    trotzdem dennoch deshalb daher deswegen zugleich gleichzeitig inzwischen mittlerweile
    danach anschließend anschliessend""".split()
)


# A relative clause that follows a name ("… mit Diego Schwartzman zu tun, der zuvor Souza besiegt
# hatte") only adds detail about someone already named, so it may go too; after a common noun
# it may say which one is meant ("die Schüler, die gefehlt haben") and stays.
_RELATIVE_WORDS = frozenset(
    "der die das dem den denen dessen deren welcher welche welches welchem welchen".split()
)


def segments(text: str) -> list[tuple[int, str]]:
    """Clause boundaries outside quotes and parentheses: (offset of the mark, the mark).

    Marks: "," and ";" and ":" and a dash between spaces (" – ").
    """
    result = []
    depth = 0
    for i, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth:
            continue
        # Only a mark needs the quote test (a scan of the text before it).
        elif char in ",;:":
            if not inside_quote(text, i):
                result.append((i, char))
        elif (
            char in "–—-"
            and text[i - 1 : i] == " "
            and text[i + 1 : i + 2] == " "
            and not inside_quote(text, i)
        ):
            result.append((i, "–"))
    return result


_KEEP_AFTER_DASH = frozenset(
    {"wenn", "falls", "sofern", "sollte", "sollten", "außer", "ausser", "aber", "jedoch", "doch"}
)


def shorten(
    text: str, max_chars: int, analyse: Callable[[str], Sequence[Tok]] | None = None
) -> Iterator[str]:
    """Front parts of ``text`` that end at a clause boundary and are sentences, longest first.

    Allowed boundaries: ";", ", und/aber/weil/nachdem/…" followed by a clause of its own, where
    every later clause starts with a conjunction too (so nothing after the cut belongs to the
    kept clause), ", der/die/…" after a name (a relative clause about someone named), and a
    last, single dash ("… – allen voran …"); the front part keeps at least
    ``MIN_KEEP`` of the sentence. Conditions ("wenn"), complements ("dass"), sources ("sagte"),
    qualifiers ("– aber nur teilweise") and what follows a colon are never cut off.
    """
    boundaries = segments(text)

    def first_word(offset: int) -> str:
        match = re.match(r"\s*([\wÄÖÜäöüß]+)", text[offset + 1 :])
        return match.group(1).lower() if match else ""

    cuts = []
    for k in range(len(boundaries) - 1, -1, -1):
        offset, mark = boundaries[k]
        head = text[:offset].rstrip()
        if len(head) + 1 > max_chars or len(head) < MIN_KEEP * len(text):
            continue
        later = boundaries[k + 1 :]
        relative = False
        if mark == ",":
            relative = first_word(offset) in _RELATIVE_WORDS
            if first_word(offset) not in _CUT_WORDS and not relative:
                continue
            if any(first_word(o) not in _SUBORDINATORS for o, m in later if m == ","):
                continue
            if any(m in ":–" for _, m in later):
                continue
        elif mark == ":":
            # The part before a colon often only announces what follows ("Was das Wetter
            # angeht, kann einer mithalten: …"): never cut there.
            continue
        elif mark == "–":
            if any(m == "–" for _, m in later) or any(m == "–" for _, m in boundaries[:k]):
                continue  # a pair of dashes encloses an aside inside the clause
            if PROTECTED_RE.search(text[offset:]) or first_word(offset) in _KEEP_AFTER_DASH:
                continue
        cuts.append((offset, mark, head, relative))
    if not cuts:
        return  # decided without tagging
    toks = (analyse or analyse_text)(text)
    for offset, mark, head, relative in cuts:
        head_toks = [t for t in toks if t.end <= offset]
        tail_toks = [t for t in toks if t.start > offset]
        if not any(t.tag in FINITE for t in head_toks):
            continue
        if relative and not (
            tail_toks and tail_toks[0].tag in _RELATIVE_TAGS and _after_name(head_toks)
        ):
            continue
        if mark in ",;":
            # What is cut off must be a clause of its own (", aber nur unter Bedingungen" is not).
            clause_end = next((t.start for t in tail_toks if t.text in ",;:–"), len(text))
            if not any(t.tag in FINITE for t in tail_toks if t.start < clause_end):
                continue
        # A verb part after the cut with no finite verb of its own belongs to the kept clause.
        if not any(t.tag in FINITE for t in tail_toks) and any(
            t.tag.startswith(("VV", "VA", "VM")) or t.tag == "PTKVZ" for t in tail_toks
        ):
            continue
        yield head.rstrip(" ,;:–—-") + "."


_RELATIVE_TAGS = frozenset({"PRELS", "PRELAT"})


def _after_name(head: Sequence[Tok]) -> bool:
    """Is the last noun before the clause's end a name? ("… mit Diego Schwartzman zu tun, der")

    Verb parts at the end of the kept clause are skipped: German moves the relative clause
    behind them.
    """
    for tok in reversed(head):
        if tok.tag.startswith(("V", "PTK")):
            continue
        return tok.tag == "NE"
    return False


def may_shorten(text: str, max_chars: int) -> bool:
    """Cheap test (no tagging) whether ``shorten`` or ``remove_appositions`` could help."""
    if _APPOSITION_HINT_RE.search(text):
        return True
    return any(len(text[:offset].rstrip()) < max_chars for offset, _ in segments(text))


_APPOSITION_START = frozenset({"ART", "PIS", "PIAT", "PPOSAT"})


_APPOSITION_HINT_RE = re.compile(
    r"[^\W\d_]{2,}, (?:der|die|das|dem|den|des|einer|eine|ein|eines|sein|seine|ihr|ihre) "
)


def remove_appositions(
    text: str, analyse: Callable[[str], Sequence[Tok]] | None = None
) -> str | None:
    """Drop ", der Chef des Konzerns," after a name: who someone is, not what happened.

    Only between two commas right after a name, with no verb (that would be a relative clause),
    number, negation, qualifier or source inside.
    """
    hints = list(_APPOSITION_HINT_RE.finditer(text))
    if not any(
        not any(may_be_verb(w) for w in names.words(text[m.end() : m.end() + 90].split(",")[0]))
        for m in hints
    ):
        return None  # every ", der …" here has a verb: relative clauses, decided without tagging
    toks = (analyse or analyse_text)(text)
    for i in range(1, len(toks) - 2):
        if (
            toks[i].text != ","
            or toks[i - 1].tag != "NE"
            or toks[i + 1].tag not in _APPOSITION_START
        ):
            continue
        end = next((k for k in range(i + 1, len(toks)) if toks[k].text in ",;:.–"), None)
        if end is None or toks[end].text != "," or end - i > 14:
            continue
        if end + 1 >= len(toks) or toks[end + 1].tag not in FINITE:
            continue  # the clause must go on with its verb: "X, der Chef von Y, sagte …"
        inner = text[toks[i + 1].start : toks[end - 1].end]
        if any(t.tag.startswith(("VV", "VA", "VM")) for t in toks[i + 1 : end]):
            continue
        if re.search(r"\d", inner) or PROTECTED_RE.search(inner) or has_source(inner):
            continue
        if inside_quote(text, toks[i].start):
            continue
        return text[: toks[i].start] + text[toks[end].end :]
    return None
