# MND patient-education bot. `make help` lists the targets; a newcomer needs `make run` and `make test`.
# Every build step is skipped when its inputs are unchanged (stamp files under build/).

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
AVENV := .venv-actions
RASA := $(VENV)/bin/rasa
PY := $(VENV)/bin/python
APY := $(AVENV)/bin/python
BUILD := build
SHARED := ../shared
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2
# Rasa's anonymous usage reporting would try to reach the network.
export RASA_TELEMETRY_ENABLED := false

FACT_FILES := $(shell find data/facts -name '*.yml' 2>/dev/null)
FACT_CODE := $(wildcard bot/facts/*.py)
TRAIN_INPUTS := config.yml domain.yml $(shell find data/nlu data/rules data/stories -name '*.yml' 2>/dev/null)
# Lookup tables generated from the fact store, and the facts' example questions, are training data too.
LOOKUPS := $(BUILD)/nlu_lookups/lookups.yml
FACT_EXAMPLES := $(BUILD)/nlu_facts/examples.yml
TRAIN_DATA := --data data $(BUILD)/nlu_lookups $(BUILD)/nlu_facts
LOCK_ARGS := --python-version 3.10 --python-platform x86_64-manylinux_2_28 --generate-hashes

.PHONY: help run test lock venvs facts patterns spacy train lint validate unit nlu-test \
        conversations e2e sets audit reliability chaos browser bench bench-smoke keystrokes privacy purge-old \
        soak clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

run: venvs facts spacy train ## Build what is missing, serve the bot, print the chat page's address; a server that dies is restarted
	@$(PY) -m bot.launcher

test: venvs facts spacy train ## Set up everything from nothing and run the whole test suite (scaled-out profile included)
	@$(MAKE) -k --no-print-directory lint validate unit privacy reporting nlu-test conversations e2e sets reliability \
	    browser bench-smoke test-scaled

# --- scaled-out profile (docs/deploy.md) -------------------------------------------------------

.PHONY: run-scaled test-scaled

run-scaled: venvs facts spacy train ## Serve the scaled-out profile: nginx, 2 Rasa + 2 action servers, PostgreSQL, Redis
	@$(PY) -m bot.scaled install
	$(PY) -m bot.scaled run

test-scaled: venvs facts spacy train ## Scaled-out profile: fact store on both databases, failover, restarts, 20 users
	$(PY) -m bot.scaled install
	$(APY) -m pytest -q tests/scaled/facts
	$(PY) -m pytest -q tests/scaled/cluster

# --- environments -----------------------------------------------------------------------------

lock: ## Regenerate the hash-pinned locks from requirements/*.in
	$(PYTHON) -m pip install -q uv
	$(PYTHON) -m uv pip compile requirements/rasa.in $(LOCK_ARGS) \
	    --override requirements/rasa-overrides.txt -o requirements/rasa.lock
	$(PYTHON) -m uv pip compile requirements/actions.in $(LOCK_ARGS) -o requirements/actions.lock

venvs: $(VENV)/.installed $(AVENV)/.installed ## Create both virtual environments (only when a lock changed)

# Rasa 3.6 declares Python <3.11; the locks are resolved for 3.10 and every pin has a
# 3.11 wheel, so install them as they are (see ../shared/guides/PLATFORM.md).
$(VENV)/.installed: requirements/rasa.lock
	@echo "Installing the Rasa environment ($(VENV)), about 2 minutes the first time..."
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --no-deps --ignore-requires-python --require-hashes \
	    -r requirements/rasa.lock 2>&1 | { grep -v 'is ignored: it is neither' || true; }
	touch $@

$(AVENV)/.installed: requirements/actions.lock
	@echo "Installing the action server environment ($(AVENV))..."
	rm -rf $(AVENV)
	$(PYTHON) -m venv $(AVENV)
	$(AVENV)/bin/pip install -q --no-deps --ignore-requires-python --require-hashes \
	    -r requirements/actions.lock 2>&1 | { grep -v 'is ignored: it is neither' || true; }
	touch $@

# --- build chain: facts -> patterns -> spaCy pipeline -> model ----------------------------------

SUGGESTIONS := $(BUILD)/widget/suggestions.json

facts: $(BUILD)/facts.stamp $(SUGGESTIONS) ## Validate data/facts and (re)build the fact store and the widget's suggested questions

# Rebuild when the default SQLite store has gone missing, whatever the stamp says.
FACTS_DB_GONE := $(if $(MND_FACTS_URL),,$(if $(wildcard $(BUILD)/facts.db),,force))
.PHONY: force

# The training questions count too: the store keeps which words are everyday words (bot/facts/models.py).
$(BUILD)/facts.stamp: $(FACT_FILES) $(FACT_CODE) $(shell find data/nlu -name '*.yml') $(AVENV)/.installed $(FACTS_DB_GONE)
	@mkdir -p $(BUILD)
	$(APY) -m bot.facts build
	touch $@

# The questions the widget suggests while typing (served with it; bot/facts/suggestions.py).
$(SUGGESTIONS): $(BUILD)/facts.stamp bot/facts/suggestions.py
	$(APY) -m bot.facts export-suggestions --out $@

patterns: $(BUILD)/patterns.jsonl $(FACT_EXAMPLES) ## Export names and terms as spaCy patterns, example questions as NLU data

$(BUILD)/patterns.jsonl: $(BUILD)/facts.stamp
	$(APY) -m bot.facts export-patterns --out $@

$(FACT_EXAMPLES): $(BUILD)/facts.stamp
	$(APY) -m bot.facts export-examples --out $@

spacy: $(BUILD)/spacy_mnd/.stamp ## Build the spaCy pipeline (tokenizer, lemmatizer, entity rules)

# The lemmatizer reads the synonym groups and the training questions (bot/nlp/synonyms.py).
$(BUILD)/spacy_mnd/.stamp: $(BUILD)/patterns.jsonl bot/nlp/build.py bot/nlp/synonyms.py bot/mentions.py \
		data/facts/words.yml $(shell find data/nlu -name '*.yml') $(VENV)/.installed
	$(PY) -m bot.nlp.build --patterns $< --out $(BUILD)/spacy_mnd --lookups $(LOOKUPS)
	touch $@

train: models/mnd.tar.gz ## Train the Rasa model (Rasa's own cache skips unchanged parts)

# Rasa's training cache does not look at the code of our own components, nor at the files the
# emergency detector trains on (data/safety), nor inside the spaCy pipeline (SpacyNLP's fingerprint is
# its path), so a change to any of them retrains everything (--force).
OWN_COMPONENTS := $(wildcard bot/nlp/*.py bot/safety/*.py bot/dialogue/*.py) $(shell find data/safety -type f 2>/dev/null)
models/mnd.tar.gz: $(TRAIN_INPUTS) $(OWN_COMPONENTS) $(FACT_EXAMPLES) $(BUILD)/spacy_mnd/.stamp $(VENV)/.installed
	$(RASA) train $(TRAIN_DATA) --fixed-model-name mnd --out models \
		$(if $(filter $(OWN_COMPONENTS) $(BUILD)/spacy_mnd/.stamp,$?),--force)
	touch $@

# --- tests --------------------------------------------------------------------------------------

lint: venvs ## ruff, and the check that no source sentence is copied word for word
	$(VENV)/bin/ruff check .
	if [ -f $(SHARED)/tools/copycheck.py ]; then $(PYTHON) $(SHARED)/tools/copycheck.py .; fi

validate: venvs spacy $(FACT_EXAMPLES) ## rasa data validate --fail-on-warnings
	$(RASA) data validate $(TRAIN_DATA) --fail-on-warnings

unit: venvs facts ## Unit tests of the fact store and actions, and the data check (every fact and term reachable)
	$(APY) -m pytest -q tests/unit

nlu-test: train ## Held-out NLU test set: intent accuracy and condition resolution (floors 95%)
	$(PY) -m pytest -q tests/nlu

conversations: train ## The dialogue policy's unit tests, then rasa test on the stories in tests/conversations/ (dialogue exact; NLU on them reported)
	$(PY) -m pytest -q tests/dialogue
	$(RASA) test core --model models/mnd.tar.gz --stories tests/conversations \
	    --fail-on-prediction-errors --out $(BUILD)/results/conversations
	# The same stories read from their text: NLU mistakes are reported, not failed on here;
	# the held-out sets in tests/nlu hold the accuracy floors.
	$(RASA) test core --e2e --model models/mnd.tar.gz --stories tests/conversations \
	    --out $(BUILD)/results/conversations-e2e > $(BUILD)/results/conversations-e2e.log 2>&1
	@echo "Stories read from their text (stories, then turns, correct):"
	@grep -E "Correct: " $(BUILD)/results/conversations-e2e.log | sed 's/.*Correct:/  /'

privacy: venvs ## Retention purge and Forget of conversations (tracker store): no copy left, none saved back
	$(PY) -m pytest -q tests/privacy

RETENTION_DAYS ?= 30
purge-old: venvs ## Delete conversations older than RETENTION_DAYS (default 30) from the tracker store
	$(PY) -m bot.privacy purge --days $(RETENTION_DAYS)

e2e: train facts ## End-to-end: both servers started on free ports, questions through the REST channel
	$(PY) -m pytest -q tests/e2e

sets: venvs train facts ## Independent question sets through the real stack: figures per category, every miss, floors
	$(APY) -m pytest -q -s tests/sets

audit: venvs train facts ## A fixed sample of 50 questions with the reply and its fact ids, for review: build/audit.md
	$(APY) -m tests.sets.audit

reliability: venvs train facts ## Bad input through both channels (real servers), rate limit, hypothesis properties, a 210-turn conversation; conversation-store faults (needs root for mount), fact-store rebuilds and edits, bad paths, trickled sockets over the connection cap, log rotation (prints the fault table)
	$(PY) -m pytest -q tests/reliability --ignore=tests/reliability/test_properties.py
	$(APY) -m pytest -q tests/reliability/test_properties.py

chaos: venvs train facts ## Only the fault tests (tests/reliability/test_*_faults.py; part of reliability): conversation and fact store, connections and logs; prints the fault table
	$(PY) -m pytest -q $(wildcard tests/reliability/test_*_faults.py)

browser: venvs train facts node_modules/.installed ## The chat widget in a real browser (Debian's Chromium): keyboard, axe-core, errors
	command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)
	$(PY) -m pytest -q tests/browser

# axe-core for the accessibility scan, reinstalled only when the npm lock changes.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# --- for the people who run it ------------------------------------------------------------------

.PHONY: review report reporting

SINCE ?= 30d
report: venvs ## Usage report from the tracker store: build/report/index.html (SINCE=30d; MND_REPORT_QUESTION_TEXT=off)
	$(PY) -m bot.report --since $(SINCE)

reporting: venvs ## Tests of the usage report on a generated tracker store (figures, no sender ids, forgotten ones absent)
	$(PY) -m pytest -q tests/report

# EARLIER: the CSV of a review signed off before (e.g. a copy of build/review/review.csv), to compare with.
review: venvs facts ## Content review for a clinician: build/review/index.html and review.csv (EARLIER=<csv> compares)
	$(APY) -m bot.review $(if $(EARLIER),--earlier "$(EARLIER)")

clean: ## Remove build outputs (keeps the virtual environments)
	rm -rf $(BUILD) models .rasa results

# --- benchmarks ---------------------------------------------------------------------------------

bench: train facts ## Full benchmark (about 2 min): latency by load and by conversation length; writes bench/results/report.md, results.json, a plot
	$(PY) bench/run.py

SOAK_MINUTES ?= 10
soak: train facts ## Soak test: 16 simulated users for SOAK_MINUTES (default 10); memory growth reported
	$(PY) bench/soak.py --minutes $(SOAK_MINUTES)

keystrokes: facts ## Keystrokes the widget's suggestions save on 10 common questions (Chromium; a few seconds)
	$(PY) bench/keystrokes.py

bench-smoke: train facts ## A handful of benchmark requests, so the script keeps working (part of make test)
	$(PY) bench/run.py --smoke
