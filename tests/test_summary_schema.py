"""The JSON contract: ``Summary.to_dict`` and ``Summary.from_dict`` are one schema, both ways."""

from __future__ import annotations

import dataclasses
import json

from kurzgefasst import Bullet, Evidence, Summary
from kurzgefasst.render import render
from kurzgefasst.summary import EXTRA_KEYS, ON_REQUEST, Rejection


def full_summary() -> Summary:
    """A summary with every field set to something other than its default."""
    source = "Kassel – Der Stadtrat hat am Montag zwölf Kilometer Radwege beschlossen. Foto: dpa"
    evidence = Evidence(source[9:72], 9, 72, 0)
    return Summary(
        bullets=[Bullet("Der Stadtrat hat zwölf Kilometer Radwege beschlossen.", (evidence,),
                        "extractive", ("dateline removed",))],
        engine="extractive",
        title="Kassel baut Radwege",
        warnings=["only 1 of 2 bullets"],
        timings_ms={"engine": 1.23456, "total": 7.0},
        source_text=source,
        dateline="Kassel",
        credit="Foto: dpa",
        removed=[{"kind": "credit", "text": "Foto: dpa"}],
        metadata={"url": "https://example.org/radwege"},
        requested_bullets=2,
        rejected=[Rejection("Der Stadtrat hat 84 Kilometer beschlossen.", "llm", ("numbers: 84",))],
    )  # fmt: skip


def test_every_field_goes_to_json_and_comes_back() -> None:
    summary = full_summary()
    data = json.loads(json.dumps(summary.to_dict(include_source=True)))
    again = Summary.from_dict(data)
    assert again.to_dict(include_source=True) == data
    assert dataclasses.replace(again, timings_ms=summary.timings_ms) == summary  # rounded to 0.01
    assert again.timings_ms == {"engine": 1.23, "total": 7.0}
    assert render(again, "html") == render(summary, "html")


def test_the_json_keys_are_the_fields() -> None:
    """A field added to Summary appears in the JSON without touching to_dict."""
    names = {f.name for f in dataclasses.fields(Summary)}
    assert set(full_summary().to_dict()) == (names - set(ON_REQUEST)) | set(EXTRA_KEYS)
    assert set(full_summary().to_dict(include_source=True)) == names | set(EXTRA_KEYS)
    assert list(full_summary().to_dict())[:3] == ["title", "bullets", "engine"]  # stable order


def test_a_dict_written_before_a_field_existed_still_reads() -> None:
    data = full_summary().to_dict()
    del data["rejected"], data["bullets"][0]["edits"]
    again = Summary.from_dict(data)
    assert again.rejected == [] and again.bullets[0].edits == ()
    assert again.source_text == ""
