# Set-up and everyday commands. `make run` and `make test` do all of the set-up on a fresh machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install bench lint typecheck clean

# (Re)install when the project's requirements change.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Starts the program on the embedded SQLite store, with demo data made on first start.
# (The desktop window is not built yet: for now this shows the demo data through the CLI.)
run: $(STAMP)
	$(BIN)/calllist demo
	$(BIN)/calllist lists list
	$(BIN)/calllist --user sato targets --list '12月 展示会フォロー' --mine
	$(BIN)/calllist --help

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check calllist_desktop tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
