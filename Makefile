# A thin wrapper over CMake: the two commands a new user needs.
#
#   make demo   install what is missing, build, run the demo pipeline on the
#               bundled samples and print what it found as a table
#   make test   install what is missing, build, and run the whole suite
#               twice: a normal build and an ASan + UBSan build
#
# Other targets: build, bench, install (PREFIX=/usr/local), clean.

BUILD      ?= build
ASAN_BUILD ?= build-asan
PREFIX     ?= /usr/local
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_QUIET = > /dev/null

.PHONY: all demo test build build-asan deps bench install clean

all: build

deps:
	@./scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DASSAY_WERROR=ON \
	       -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_QUIET)
	@cmake --build $(BUILD) -j$(JOBS) -- --no-print-directory $(CMAKE_QUIET)

build-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DASSAY_WERROR=ON \
	       -DASSAY_SANITIZE=ON $(CMAKE_QUIET)
	@cmake --build $(ASAN_BUILD) -j$(JOBS) -- --no-print-directory $(CMAKE_QUIET)

demo: build
	@./scripts/demo.sh $(BUILD)

test: build build-asan
	@echo "== tests: normal build =="
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 300
	@echo "== tests: AddressSanitizer + UndefinedBehaviorSanitizer build =="
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    ctest --output-on-failure -j$(JOBS) --timeout 600

bench: build
	@./bench/run.sh $(BUILD)

install: build
	@cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) out state

# libFuzzer (clang) over the extractor, the JSON-lines parser and HTML to
# text, under ASan + UBSan: make fuzz FUZZ_SECONDS=600
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 600
.PHONY: fuzz
fuzz: deps
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	       -DASSAY_FUZZ=ON -DASSAY_TESTS=OFF $(CMAKE_QUIET)
	@cmake --build $(FUZZ_BUILD) -j$(JOBS) --target fuzz_figures fuzz_jsonrec fuzz_html \
	       -- --no-print-directory $(CMAKE_QUIET)
	@./scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)
