# Thin wrapper over CMake. `make demo` and `make test` do all set-up on a
# fresh Debian machine (scripts/install-deps.sh installs what is missing).
BUILD  ?= build
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

SECONDS ?= 60

.PHONY: all deps build check-fast test test-sanitize test-asan test-tsan demo check eval bench fuzz clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/Makefile: CMakeLists.txt | deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

build: deps $(BUILD)/Makefile
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

# The inner loop: the tests labelled fast (unit, fixtures, seeds, CLI, inputs,
# clean -j, eval and bench, fuzz replays; no mirror, seconds each), after
# building only what they need. Under a minute on 2 cores after a build.
check-fast: deps $(BUILD)/Makefile
	@cmake --build $(BUILD) -j $(JOBS) --target tests_fast -- --no-print-directory
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -L fast

# What CI runs (.ci/run): every test, fast and slow; then the sanitizer pass.
test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory test-sanitize

# Two sanitizer trees, each building only what its tests run
# (scripts/test-sanitizer.sh): ASan + UBSan ($(BUILD)-asan: winnow,
# unit_tests, the fuzz replays) runs the unit, fixture, hostile-page and
# fuzz-replay tests (label asan); ThreadSanitizer ($(BUILD)-tsan: winnow,
# integration_tests) runs the threaded paths (label tsan): the fetcher's
# integration tests and fetch_cli, the crawls (e2e, signals, faults, hostile,
# 5 kills), clean -j, inputs, eval -j and bench -j. A sanitizer report fails
# the pass.
test-sanitize: test-asan
	@$(MAKE) --no-print-directory test-tsan

test-asan: deps
	@scripts/test-sanitizer.sh address $(BUILD)-asan $(JOBS)

test-tsan: deps
	@scripts/test-sanitizer.sh thread $(BUILD)-tsan $(JOBS)

# Each libFuzzer target for SECONDS (default 60), two at a time.
fuzz:
	@scripts/install-deps.sh --fuzz
	@scripts/fuzz.sh $(SECONDS)

# The demo runs the winnow binary alone: it builds that, not the tests and
# fuzz replays `make test` builds.
demo: deps $(BUILD)/Makefile
	@cmake --build $(BUILD) -j $(JOBS) --target winnow -- --no-print-directory
	@scripts/demo.sh $(BUILD)/winnow

check: build
	@$(BUILD)/winnow check fixtures

# The benchmark's metric on the public benchmark (../shared), then WCXB's
# metric and the articles' title, authors and date on the WCXB dev split
# (../shared; docs/evaluation.md, "WCXB"), then on the fixtures with their
# rules switched off (the generic extractor alone), then on the five
# reference pages alone, rules off.
eval: build
	@echo "== the public benchmark (181 pages)"
	@$(BUILD)/winnow eval ../shared/datasets/article-extraction-benchmark
	@echo "== WCXB dev split (1,497 pages, 7 page types; 793 articles)"
	@$(BUILD)/winnow eval -j $(JOBS) --worst 3 ../shared/datasets/wcxb-dev
	@echo "== the fixtures, rules off"
	@$(BUILD)/winnow eval --generic fixtures
	@echo "== the five reference pages, rules off"
	@scripts/reference-pages.sh $(BUILD)/reference-pages
	@$(BUILD)/winnow eval --generic $(BUILD)/reference-pages

# Speed, not a test: the whole pipeline by stage beside plain Gumbo on the
# same in-memory pages, -j 1 and 2, clean --warc beside clean DIR on the same
# pages packed into a WARC file, peak RSS (docs/performance.md). It
# prints figures and never fails on one. Peers: scripts/bench-peers.sh.
bench: build
	@$(BUILD)/winnow bench ../shared/datasets/article-extraction-benchmark fixtures

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-tsan
