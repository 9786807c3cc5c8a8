"""The learned extractive engine: what a reader of its summaries and its maintainer notice."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from kurzgefasst.article import parse_text
from kurzgefasst.bullets import unusable_reason
from kurzgefasst.document import build_document
from kurzgefasst.engines import create_engine, features
from kurzgefasst.engines.concepts import (
    CONCEPT_FEATURES,
    concept_labels,
    concept_table,
    sentence_concepts,
)
from kurzgefasst.engines.extractive import ExtractiveEngine, Pool, load_model, select
from kurzgefasst.errors import ConfigurationError
from kurzgefasst.german.anaphora import dangling_start
from kurzgefasst.memo import DocumentMemo
from kurzgefasst.options import Options
from kurzgefasst.pipeline import Summarizer

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# One paragraph, no title: the shape of the training data (MLSUM, 10kGNAD).
TRAM = (
    "Der Stadtrat von Heidelberg hat am Dienstag den Bau einer neuen Straßenbahnlinie in die "
    "Altstadt beschlossen. Er stimmte mit 31 zu 12 Stimmen für das Projekt. Die Linie soll ab "
    "2028 fahren und rund 80 Millionen Euro kosten. Den Bau der neuen Straßenbahnlinie in die "
    "Heidelberger Altstadt hat der Stadtrat am Dienstag beschlossen, wie die Stadt mitteilte. "
    "Wie lange die Bauarbeiten dauern? Anwohner hatten jahrelang über Lärm, Staub und "
    "Baustellen in der engen Hauptstraße geklagt. Zudem fürchten Händler um ihre Kundschaft. "
    "Die Verkehrsbetriebe wollen im Frühjahr mit den Planungen für die Haltestellen beginnen. "
    "Der Einzelhandelsverband begrüßte die Entscheidung des Stadtrats trotzdem ausdrücklich."
)


def document(text: str, title: str | None = None):
    return build_document(parse_text(text, title=title))


def rank(engine: ExtractiveEngine, doc, n: int, options: Options | None = None):  # type: ignore[no-untyped-def]
    """The engine's candidates, with the usability check the pipeline passes it."""
    return engine.rank(doc, n, DocumentMemo(doc).usability(options or Options()))


def test_summary_has_three_bullets_that_stand_alone(school_text: str) -> None:
    summary = Summarizer().summarize(school_text)
    assert len(summary.bullets) == 3
    assert summary.engine == "extractive"
    for bullet in summary.bullets:
        assert bullet.evidence, "every bullet points at the sentence it comes from"
        assert dangling_start(bullet.text) is None, bullet.text


def test_candidates_come_in_preference_order_and_exceed_the_request() -> None:
    doc = document(TRAM)
    options = Options()
    candidates = rank(ExtractiveEngine(), doc, 2, options)
    assert len(candidates) > 2
    ids = [c.sentence_ids[0] for c in candidates]
    assert len(set(ids)) == len(ids)
    for candidate in candidates:
        sentence = doc.sentences[candidate.sentence_ids[0]]
        assert unusable_reason(sentence, options, doc=doc) is None
        assert candidate.text == sentence.text
    assert not any(doc.sentences[i].is_question for i in ids)


def test_the_same_fact_told_twice_becomes_one_bullet() -> None:
    summary = Summarizer().summarize(TRAM, check_language=False)
    texts = [b.text for b in summary.bullets]
    about_decision = [t for t in texts if "Straßenbahnlinie" in t and "beschlossen" in t]
    assert len(about_decision) == 1, texts


def test_the_news_lead_is_chosen_over_side_remarks() -> None:
    summary = Summarizer().summarize(TRAM, check_language=False)
    assert any(b.evidence[0].sentence == 0 for b in summary.bullets)


def test_model_is_loaded_once_per_process() -> None:
    first = create_engine("extractive", {})
    second = create_engine("extractive", {"redundancy": 0.5})
    assert first.model is second.model is load_model()
    assert first.model.feature_names == features.FEATURE_NAMES


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"lenght_penalty": 5.0}, "unknown extractive engine settings: lenght_penalty"),
        ({"model": "qwen2.5:3b", "url": "http://127.0.0.1:9"}, "unknown extractive engine"),
        ({"length_penalty": "long"}, "length_penalty must be a number"),
        ({"redundancy": None}, "redundancy must be a number"),
        ({"membership_weight": -1.0}, "membership_weight must be 0 or more"),
        ({"length_penalty": float("nan")}, "length_penalty must be 0 or more"),
        ({"model_file": 3}, "model_file must be a path"),
    ],
)
def test_a_setting_it_does_not_know_or_a_bad_value_is_refused(
    settings: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message):
        create_engine("extractive", settings)
    summarizer = Summarizer()
    with pytest.raises(ConfigurationError, match=message):
        summarizer.summarize(TRAM, engine_options=settings, check_language=False)


def test_the_lead_engine_takes_no_settings() -> None:
    with pytest.raises(ConfigurationError, match="takes no settings"):
        create_engine("lead", {"length_penalty": 1.0})


def test_a_model_for_other_features_is_refused(tmp_path: Path) -> None:
    shipped = Path(features.__file__).parents[1] / "models" / "extractive.json.gz"
    bundle = json.loads(gzip.decompress(shipped.read_bytes()))
    bundle["features"] = bundle["features"][:-1]
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps(bundle), encoding="utf-8")
    with pytest.raises(ConfigurationError, match="retrain"):
        ExtractiveEngine({"model_file": str(stale)})
    bundle = json.loads(gzip.decompress(shipped.read_bytes()))
    bundle["concept_features"] = bundle["concept_features"][:-1]
    stale.write_text(json.dumps(bundle), encoding="utf-8")
    with pytest.raises(ConfigurationError, match="retrain"):
        ExtractiveEngine({"model_file": str(stale)})
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigurationError):
        ExtractiveEngine({"model_file": str(garbage)})


def test_features_need_no_title_and_a_title_pulls_towards_its_words() -> None:
    plain = document(TRAM)
    matrix, similarity = features.compute(plain)
    assert matrix.shape == (len(plain.sentences), len(features.FEATURE_NAMES))
    assert np.isfinite(matrix).all()
    assert similarity.shape == (len(plain.sentences),) * 2
    titled = document(TRAM, title="Händler fürchten um ihre Kundschaft")
    with_title, _ = features.compute(titled)
    column = features.FEATURE_NAMES.index("centrality")
    merchants = next(s.index for s in titled.sentences if "Kundschaft" in s.text)
    assert with_title[merchants, column] > matrix[merchants, column]


def test_concepts_describe_each_word_of_the_article_once() -> None:
    texts = [
        "Der Stadtrat von Heidelberg hat die Straßenbahn beschlossen.",
        "Die Straßenbahn soll 2028 fahren.",
        "Händler in Heidelberg fürchten die Baustelle.",
    ]
    keys, table = concept_table(texts)
    assert len(keys) == len(set(keys)) == table.shape[0]
    assert table.shape[1] == len(CONCEPT_FEATURES)
    row = dict(zip(CONCEPT_FEATURES, table[keys.index("heidel")], strict=True))
    assert (row["count"], row["sentences"], row["first"]) == (2, 2, 0)
    assert row["capitalised_share"] == 1.0  # a name: capitalised inside sentences
    assert dict(zip(CONCEPT_FEATURES, table[keys.index("2028")], strict=True))["digits"] == 1
    labels = concept_labels(keys, ["Heidelberg bekommt eine Straßenbahn."])
    assert {k for k, label in zip(keys, labels, strict=True) if label} == {"heidel", "straße"}
    assert sentence_concepts("Die Straßenbahn fährt.") == {"die", "straße", "fährt"}


def test_a_sentence_earns_only_the_concepts_not_yet_covered() -> None:
    """ROUGE counts a word the teaser shares once: the second bullet must bring new ones."""
    concepts = [
        frozenset({"stadtr", "straße", "beschl"}),
        frozenset({"stadtr", "straße", "beschl", "dienst"}),  # the first, told again
        frozenset({"kosten", "millio", "euro"}),  # something new
    ]
    weights = {k: 0.5 for k in set().union(*concepts)}
    pool = Pool(
        bigrams=np.zeros(3),
        factors=np.ones(3),
        concepts=concepts,
        weights=weights,
        lengths=np.full(3, 10.0),
        similarity=np.zeros((3, 3)),
        candidates=[0, 1, 2],
    )
    assert pool.gain(1, [0], concepts[0], 1.0) == pytest.approx(0.5)
    assert pool.gain(2, [0], concepts[0], 1.0) == pytest.approx(1.5)
    picked = select(pool, length_penalty=30.0, redundancy=1.0, limit=2)
    assert [i for i, _ in picked] == [1, 2]


def test_tuning_knobs_change_the_choice_without_retraining() -> None:
    doc = document(TRAM)
    short = rank(ExtractiveEngine({"length_penalty": 0.0}), doc, 3)
    long = rank(ExtractiveEngine({"length_penalty": 500.0}), doc, 3)
    length = lambda cands: sum(len(c.text) for c in cands[:3])  # noqa: E731
    assert length(short) < length(long)


def test_fast_rouge_counts_agree_with_the_evaluation_scorer() -> None:
    pytest.importorskip("rouge_score")
    from kurzgefasst.commands.train import rouge12
    from kurzgefasst.evaluation.rouge import rouge

    prediction = [
        "Der Stadtrat hat den Bau einer neuen Straßenbahnlinie beschlossen.",
        "Die Linie soll ab 2028 fahren und rund 80 Millionen Euro kosten.",
    ]
    reference = ["Heidelberg baut eine neue Straßenbahnlinie; sie fährt ab 2028 in die Altstadt."]
    expected = rouge(prediction, reference)
    r1, r2 = rouge12(prediction, reference)
    assert r1 == pytest.approx(expected["rouge1"])
    assert r2 == pytest.approx(expected["rouge2"])


def test_training_is_reproducible_and_its_model_summarizes(tmp_path: Path) -> None:
    pytest.importorskip("rouge_score")
    from kurzgefasst.cli import main

    data = FIXTURES / "train_articles.jsonl"
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for out in (first, second):
        assert (
            main(["train", "--data", str(data), "--out", str(out), "--rounds", "20", "--quiet"])
            == 0
        )
    assert first.read_bytes() == second.read_bytes()
    bundle = json.loads(first.read_text("utf-8"))
    assert bundle["training"]["articles"] == 6
    options = Options(engine_options={"model_file": str(first)})
    summary = Summarizer(options).summarize(TRAM, check_language=False)
    assert len(summary.bullets) == 3


def test_training_refuses_a_cache_of_an_older_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kurzgefasst.cli import main

    cache = tmp_path / "old.npz"
    np.savez(cache, X=np.zeros((2, 3)), unigrams=np.zeros(2))
    data = FIXTURES / "train_articles.jsonl"
    args = ["train", "--data", str(data), "--out", str(tmp_path / "m.json"), "--cache", str(cache)]
    assert main(args) == 2
    assert "older version" in capsys.readouterr().err


def test_training_refuses_a_test_split(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kurzgefasst.cli import main

    test_split = tmp_path / "test.jsonl"
    test_split.write_text((FIXTURES / "train_articles.jsonl").read_text("utf-8"), "utf-8")
    assert main(["train", "--data", str(test_split), "--out", str(tmp_path / "m.json")]) == 2
    assert "test split" in capsys.readouterr().err


@pytest.mark.data
@pytest.mark.slow
def test_beats_lead_on_the_first_dev_articles(shared_data: Path) -> None:
    """A regression guard on real teasers (the full figures come from `kurzgefasst eval`)."""
    pytest.importorskip("rouge_score")
    from kurzgefasst.evaluation.data import read_articles
    from kurzgefasst.evaluation.rouge import rouge
    from kurzgefasst.inputs import load_article

    summarizer = Summarizer()
    ours, lead = [], []
    for item in read_articles(shared_data / "mlsum-de" / "dev.jsonl", limit=300):
        doc = build_document(load_article(item.text, Options(), title=item.title))
        summary = summarizer.summarize_document(doc, Options())
        ours.append(rouge([b.text for b in summary.bullets], item.reference)["rouge1"])
        lead.append(rouge([s.text for s in doc.sentences[:3]], item.reference)["rouge1"])
    assert np.mean(ours) > np.mean(lead), (np.mean(ours), np.mean(lead))


def test_loading_the_model_does_not_pull_in_lightgbms_optional_packages() -> None:
    """lightgbm imports scikit-learn, pandas … on its own import (≈130 MB per process)."""
    import subprocess
    import sys

    code = (
        "import importlib.util, sys\n"
        "from kurzgefasst.engines.extractive import load_model\n"
        "load_model()\n"
        "print(sorted(m for m in ('sklearn', 'pandas', 'dask') if m in sys.modules))\n"
        "if importlib.util.find_spec('pandas'):\n"
        "    import pandas  # still importable afterwards\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split("\n")[:2] == ["[]", "ok"], result.stdout + result.stderr


def test_the_part_after_a_colon_is_a_candidate_when_the_whole_sentence_is_not() -> None:
    text = (
        "Der Softwarekonzern SAP hat am Montag seine Zahlen für das dritte Quartal vorgelegt. "
        "Der Umsatz stieg um vier Prozent auf 7,5 Milliarden Euro. "
        "Dafür gibt es einen einfachen Grund: Im Sommer hatte der Konzern die Preise für seine "
        "Cloud-Produkte deutlich erhöht. "
        "Die Aktie legte nach der Mitteilung um drei Prozent zu."
    )
    doc = document(text)
    candidates = rank(ExtractiveEngine(), doc, 3)
    texts = [c.text for c in candidates]
    tail = "Im Sommer hatte der Konzern die Preise für seine Cloud-Produkte deutlich erhöht."
    assert tail in texts
    assert not any(t.startswith("Dafür") for t in texts)
    assert next(c for c in candidates if c.text == tail).sentence_ids == (2,)
