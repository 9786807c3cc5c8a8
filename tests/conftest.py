"""Shared fixtures: hand-written German articles, and the shared data folder when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def data_dir() -> Path | None:
    candidate = Path(os.environ.get("KURZGEFASST_DATA", ROOT.parent / "shared" / "data"))
    return candidate if candidate.is_dir() else None


@pytest.fixture
def shared_data() -> Path:
    path = data_dir()
    if path is None:
        pytest.skip("../shared/data is not present")
    return path


@pytest.fixture
def example_text() -> str:
    return (ROOT / "examples" / "artikel.txt").read_text(encoding="utf-8")


@pytest.fixture
def school_text() -> str:
    return (FIXTURES / "schule.txt").read_text(encoding="utf-8")


@pytest.fixture
def council_html() -> str:
    return (FIXTURES / "wahl.html").read_text(encoding="utf-8")
