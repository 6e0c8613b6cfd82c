# Thin wrapper over CMake. `make demo` and `make test` do all set-up on a
# fresh Debian machine (scripts/install-deps.sh installs what is missing).
BUILD  ?= build
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all deps build test demo check eval bench clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/Makefile: CMakeLists.txt | deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

build: deps $(BUILD)/Makefile
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)/winnow

check: build
	@$(BUILD)/winnow check fixtures

# The benchmark's metric on the public benchmark (../shared), then on the
# fixtures with their rules switched off (the generic extractor alone).
eval: build
	@$(BUILD)/winnow eval ../shared/datasets/article-extraction-benchmark
	@$(BUILD)/winnow eval --generic fixtures

# Speed, not a test: the whole pipeline by stage beside plain Gumbo on the
# same in-memory pages, -j 1 and 2, peak RSS (README "Performance"). It
# prints figures and never fails on one. Peers: scripts/bench-peers.sh.
bench: build
	@$(BUILD)/winnow bench ../shared/datasets/article-extraction-benchmark fixtures

clean:
	rm -rf $(BUILD)
