# Set-up and everyday commands. `make run` and `make test` do all of the set-up on a fresh machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install bench lint typecheck translations screenshots package package-check icons phone-rules install-desktop-entry clean

# (Re)install when the project's requirements change.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# PyInstaller only for those who build the package (the [package] extra).
PACKAGE_STAMP := $(VENV)/.installed-package
$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,package]'
	touch $(PACKAGE_STAMP)

# Starts the desktop client on the embedded SQLite store; an empty store gets demo data first.
run: $(STAMP)
	$(BIN)/calllist-desktop $(RUN_ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check calllist_desktop tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# Extract the UI's strings into the English catalogue (keeping its translations), compile it;
# compile the Japanese for Qt's own strings that Qt's catalogue lacks.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate $$(find calllist_desktop/ui -name '*.py' | sort) -source-language ja_JP \
		-target-language en_US -no-obsolete -ts resources/translations/calllist_en.ts
	$(BIN)/pyside6-lrelease resources/translations/calllist_en.ts -qm calllist_desktop/ui/i18n/calllist_en.qm
	$(BIN)/pyside6-lrelease resources/translations/qtbase_extra_ja.ts -qm calllist_desktop/ui/i18n/qtbase_extra_ja.qm

# The README's pictures, made by the program itself on a fresh demo store.
screenshots: $(STAMP)
	rm -f .screenshots.sqlite3*
	for lang in ja en; do for mode in wide compact; do \
		QT_QPA_PLATFORM=offscreen $(BIN)/calllist-desktop --db .screenshots.sqlite3 --user sato \
			--lang $$lang --mode $$mode --screenshot resources/screenshots/$${mode}_$${lang}.png || exit 1; \
	done; done
	for view in import-preview settings analytics; do \
		QT_QPA_PLATFORM=offscreen $(BIN)/calllist-desktop --db .screenshots.sqlite3 --user kanri --lang ja \
			--screenshot-view $$view --screenshot resources/screenshots/$$(echo $$view | tr - _)_ja.png || exit 1; \
	done
	QT_QPA_PLATFORM=offscreen $(BIN)/calllist-desktop --db .screenshots.sqlite3 --user sato --lang ja --mode wide \
		--screenshot-view autocall --screenshot resources/screenshots/autocall_ja.png
	# Issue 14's campaign views in both languages: the managers' dialogs, then the operator's
	# window (the notice in both layouts: a card in the wide one, a chip in the compact one).
	for lang in ja en; do \
		for view in rules dnc dispositions; do \
			QT_QPA_PLATFORM=offscreen $(BIN)/calllist-desktop --db .screenshots.sqlite3 --user kanri --lang $$lang \
				--screenshot-view $$view --screenshot resources/screenshots/campaign_$${view}_$$lang.png || exit 1; \
		done; \
		for view in callbacks history notice; do \
			QT_QPA_PLATFORM=offscreen $(BIN)/calllist-desktop --db .screenshots.sqlite3 --user sato --lang $$lang --mode wide \
				--screenshot-view $$view --screenshot resources/screenshots/campaign_$${view}_$$lang.png || exit 1; \
		done; \
		QT_QPA_PLATFORM=offscreen $(BIN)/calllist-desktop --db .screenshots.sqlite3 --user sato --lang $$lang --mode compact \
			--screenshot-view notice --screenshot resources/screenshots/campaign_notice_compact_$$lang.png || exit 1; \
	done
	rm -f .screenshots.sqlite3*

# A one-folder app in dist/calllist-desktop/ (PyInstaller; packaging/calllist-desktop.spec).
package: $(PACKAGE_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pyinstaller --noconfirm --clean --log-level WARN packaging/calllist-desktop.spec
	@du -sh dist/calllist-desktop

# Builds the package, then starts the built binary offscreen and checks the window it draws.
package-check: package
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/check_package.py dist/calllist-desktop/calllist-desktop

# Render the PNG icons again after editing calllist_desktop/ui/icons/calllist-desktop.svg.
icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/render_icons.py

# core/phone_jp_rules.py again from the installed phonenumbers (after upgrading it).
phone-rules: $(STAMP)
	$(BIN)/python packaging/phone_rules.py

# The menu entry and icons for this user (Linux), pointing at the calllist-desktop on PATH.
install-desktop-entry:
	install -Dm644 resources/calllist-desktop.desktop ~/.local/share/applications/calllist-desktop.desktop
	for size in 16 24 32 48 64 128 256 512; do \
		install -Dm644 calllist_desktop/ui/icons/calllist-desktop-$$size.png \
			~/.local/share/icons/hicolor/$${size}x$${size}/apps/calllist-desktop.png; done
	install -Dm644 calllist_desktop/ui/icons/calllist-desktop.svg ~/.local/share/icons/hicolor/scalable/apps/calllist-desktop.svg

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
