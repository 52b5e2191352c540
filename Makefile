# Parapet — build, test, scan and benchmark.
# `make scan` and `make test` are the README's quick start; both run `make deps` first.

PREFIX ?= /usr/local
HCL_VERSION := 1.2.0
HCL_SHA256 := f86cb7a9fd5cb93d83e2f788ae155544464c47755d09190505de562c0d6ad1dd
SWIFT ?= swift
PATH_TO_SCAN ?= fixtures/demo
FUZZ_SECONDS ?= 180
FUZZ_SANITIZE ?= fuzzer,address
# `make scan PATH=dir` names what to scan; the shell's PATH is restored for the recipes.
ifeq ($(origin PATH),command line)
PATH_TO_SCAN := $(PATH)
override PATH := $(shell printenv PATH)
endif
export PKG_CONFIG_PATH := $(PREFIX)/lib/pkgconfig:$(PKG_CONFIG_PATH)

.PHONY: all deps build release scan test bench clean generate fuzz

all: build

deps:
	@PREFIX="$(PREFIX)" HCL_VERSION="$(HCL_VERSION)" HCL_SHA256="$(HCL_SHA256)" sh scripts/deps.sh

build: deps
	$(SWIFT) build -c release --product parapet

# A binary that runs without a Swift toolchain (Swift runtime, Foundation, libyaml and tree-sitter
# linked in): dist/parapet-VERSION-linux-ARCH.tar.gz and its .sha256. Also leaves it in .build/release.
release: deps
	@SWIFT="$(SWIFT)" sh scripts/release.sh

# Findings (exit 1) are the point of the demo, not a failure of make; errors (exit 2) still fail.
scan: build
	@$(CURDIR)/.build/release/parapet scan $(PATH_TO_SCAN) $(ARGS) || [ $$? -eq 1 ]

# A short summary; the full log is in .build/test.log and is shown when something fails.
test: deps
	@SWIFT="$(SWIFT)" sh scripts/test.sh

bench: build
	@sh scripts/bench.sh $(CORPUS)

# libFuzzer harnesses (Fuzz/), FUZZ_SECONDS each (default 180); `make fuzz HARNESS=hcl` runs one,
# `make fuzz FUZZ_SANITIZE=fuzzer` builds without ASan for volume.
fuzz: deps
	@FUZZ_SECONDS="$(FUZZ_SECONDS)" FUZZ_SANITIZE="$(FUZZ_SANITIZE)" sh scripts/fuzz.sh $(HARNESS)

clean:
	rm -rf .build dist Fuzz/.build Fuzz/.build-fuzzer

# Regenerates the embedded copy of rules/ (a test fails when it is stale).
generate:
	sh scripts/embed-rules.sh
