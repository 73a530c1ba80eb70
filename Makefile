# Two entry points, each doing all set-up on a fresh machine (Python >= 3.11 on PATH):
#   make demo   restore the seed article seeds/004.spun.txt
#   make test   ruff, mypy --strict and the whole test suite
#   make benchmark   every benchmark, written to benchmarks/RESULTS.md
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test benchmark

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/restore --stats seeds/004.spun.txt

$(VENV)/.bench-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

# All benchmarks (about 26 minutes on two cores): writes benchmarks/RESULTS.md and benchmarks/throughput.png.
benchmark: $(VENV)/.bench-installed
	$(BIN)/python -m benchmarks.report

test: $(VENV)/.installed
	$(BIN)/ruff check restore tests benchmarks scripts
	$(BIN)/mypy restore
	$(BIN)/python -m pytest
