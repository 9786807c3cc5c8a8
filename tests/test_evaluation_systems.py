"""The systems of `kurzgefasst eval`: spec parsing, Lead-N, sumy offline, random, oracle."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("sumy")

from kurzgefasst.document import build_document
from kurzgefasst.errors import ConfigurationError
from kurzgefasst.evaluation.data import EvalArticle
from kurzgefasst.evaluation.rouge import rouge
from kurzgefasst.evaluation.runner import fresh_copy
from kurzgefasst.evaluation.sumy_baselines import GermanSumyTokenizer
from kurzgefasst.evaluation.systems import create_system, oracle_select, parse_spec, split_specs
from kurzgefasst.inputs import load_article
from kurzgefasst.options import Options

ARTICLE = (Path(__file__).parent / "fixtures" / "verkehrswende.txt").read_text(encoding="utf-8")
REFERENCE = [
    "Freiburg beschließt eine autofreie Innenstadt ab 2027.",
    "Der Einzelhandel übt Kritik.",
]


@pytest.fixture(scope="module")
def doc():  # type: ignore[no-untyped-def]
    return build_document(load_article(ARTICLE, Options()))


def _item() -> EvalArticle:
    return EvalArticle(id="freiburg", text=ARTICLE, title=None, reference=REFERENCE)


def _run(spec: str, doc):  # type: ignore[no-untyped-def]
    system = create_system(parse_spec(spec), Options())
    system.prepare()
    return system.run(fresh_copy(doc), _item())


def test_specs_split_on_commas_outside_brackets() -> None:
    assert split_specs("extractive,extractive[tighten=false,max_chars=250],lead") == [
        "extractive",
        "extractive[tighten=false,max_chars=250]",
        "lead",
    ]


def test_a_spec_carries_typed_option_overrides() -> None:
    spec = parse_spec("extractive[tighten=false,max_chars=250,engine.temperature=0.2]")
    assert spec.name == "extractive[tighten=false,max_chars=250,engine.temperature=0.2]"
    assert spec.overrides == {"tighten": False, "max_chars": 250}
    assert spec.engine_options == {"temperature": 0.2}
    system = create_system(spec, Options())
    assert system.options.tighten is False and system.options.max_chars == 250
    assert system.options.engine == "extractive"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("extractiv", "unknown system"),
        ("extractive[tighten=maybe]", "true or false"),
        ("extractive[max_chars=lang]", "whole number"),
        ("extractive[colour=red]", "unknown option"),
        ("extractive[check_language=false]", "cannot change per system"),
        ("lexrank[tighten=false]", "only the bullets option"),
    ],
)
def test_bad_specs_say_what_is_wrong(spec: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        parse_spec(spec)


def test_lead_is_the_first_sentences_unfiltered(doc) -> None:  # type: ignore[no-untyped-def]
    out = _run("lead", doc)
    assert out.bullets == [s.text for s in doc.sentences[:3]]
    assert out.bullets[0].startswith("Der Gemeinderat hat am 24. Oktober")  # dateline removed
    assert _run("lead[bullets=2]", doc).evidence == [(0,), (1,)]


def test_sumy_tokenizer_keeps_german_sentences_and_words() -> None:
    tokenizer = GermanSumyTokenizer()
    sentences = tokenizer.to_sentences("Am 24. Oktober kamen ca. 600 Gäste. Der 1. FC Köln gewann.")
    assert sentences == ("Am 24. Oktober kamen ca. 600 Gäste.", "Der 1. FC Köln gewann.")
    assert tokenizer.to_words("Die Bürgermeisterin grüßt den CDU-Fraktionschef.") == (
        "Die",
        "Bürgermeisterin",
        "grüßt",
        "den",
        "CDU-Fraktionschef",
    )


@pytest.mark.parametrize("method", ["lexrank", "textrank", "lsa", "luhn"])
def test_sumy_baselines_pick_document_sentences(method: str, doc) -> None:  # type: ignore[no-untyped-def]
    out = _run(method, doc)
    ids = [e[0] for e in out.evidence]
    assert len(out.bullets) == 3 and ids == sorted(set(ids))
    assert out.bullets == [doc.sentences[i].text for i in ids]


def test_sumy_runs_offline_where_its_own_tokenizer_cannot(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """sumy's default German tokenizer needs NLTK's punkt_tab, which cannot be downloaded here."""
    script = textwrap.dedent(
        f"""
        import nltk
        nltk.data.path[:] = [{str(tmp_path)!r}]
        from sumy.nlp.tokenizers import Tokenizer
        try:
            Tokenizer("german")
        except LookupError:
            print("default tokenizer: needs NLTK data")
        from sumy.parsers.plaintext import PlaintextParser
        from kurzgefasst.evaluation.sumy_baselines import GermanSumyTokenizer, create_summarizer
        parser = PlaintextParser.from_string({ARTICLE!r}, GermanSumyTokenizer())
        for method in ("lexrank", "textrank", "lsa", "luhn"):
            picked = create_summarizer(method)(parser.document, 2)
            print(method, len(picked))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split("\n")[:5] == [
        "default tokenizer: needs NLTK data",
        "lexrank 2",
        "textrank 2",
        "lsa 2",
        "luhn 2",
    ]


def test_random_is_fixed_per_article(doc) -> None:  # type: ignore[no-untyped-def]
    first, second = _run("random", doc), _run("random", doc)
    assert first.bullets == second.bullets and len(first.bullets) == 3


def test_oracle_beats_every_system_on_a_toy_example(doc) -> None:  # type: ignore[no-untyped-def]
    oracle = rouge(_run("oracle", doc).bullets, REFERENCE)["rouge1"]
    for spec in ("extractive", "lead", "lexrank", "textrank", "lsa", "luhn", "random"):
        assert oracle >= rouge(_run(spec, doc).bullets, REFERENCE)["rouge1"], spec


def test_oracle_stops_when_no_sentence_helps() -> None:
    sentences = ["Der Hafen wächst kräftig.", "Das Wetter bleibt mild.", "Die Zölle steigen."]
    assert oracle_select(sentences, ["Der Hafen wächst."], 3) == [0]
    assert oracle_select(sentences, ["Der Hafen wächst.", "Die Zölle steigen."], 3) == [0, 2]
