# C engine tests, sanitizers, fuzzing, warnings and lint.  The Python package
# is built by setup.py; this Makefile builds standalone programs from csrc/lib.
#
# The engine is compiled once per build configuration into a static library,
# build/c/<config>/libpc.a, which every C test and fuzz target links:
#   plain  $(CC) -O1 -g                                (ctest, valgrind)
#   asan   $(CC) -O1 -g, ASan + UBSan                  (asan, replay)
#   fuzz   clang -O1 -g, libFuzzer coverage, ASan + UBSan (fuzz-smoke, fuzz)
#   fast   clang -O2 -g, libFuzzer coverage, UBSan     (fuzz-fast-bin)
# so `make -j2 asan` compiles csrc/lib once, not once per test program.
# After changing CC or flags by hand, `make clean`.
#
#   make ctest      unit tests (tests/c/test_*.c)
#   make asan       unit tests under AddressSanitizer + UBSan
#   make valgrind   unit tests under valgrind memcheck (leaks are errors)
#   make fuzz-smoke each fuzz target for FUZZ_SECONDS (default 20) with libFuzzer
#   make fuzz       each fuzz target for FUZZ_LONG seconds (default 600)
#   make replay     replay tests/fuzz/corpus through every target without libFuzzer
#   make warnings   the engine with -Wall -Wextra -Wconversion -Wshadow -pedantic
#                   -Werror under gcc and clang; binding, tests and fuzz targets too
#   make lint       ruff, mypy, the C style check (scripts/check_c_style.py) and warnings
#   make wheel      sdist + wheel in dist/, the self-contained manylinux wheel (auditwheel
#                   repair bundles libutf8proc) in wheelhouse/; needs '.[release]'
#   tests/fuzz/campaign.sh  rotate the targets until a deadline (see tests/fuzz/README.md)

SHELL := /bin/bash
CLANG ?= clang
GCC ?= gcc
PYTHON ?= python3
UTF8PROC_CFLAGS := $(shell pkg-config --cflags libutf8proc)
UTF8PROC_LIBS := $(shell pkg-config --libs libutf8proc)
STD := -std=c99
WARN := $(STD) -Wall -Wextra -Wstrict-prototypes -Wno-unused-parameter -Wno-unused-function
# the engine's warning set, enforced by `make warnings`
ENGINE_WARN := $(STD) -Wall -Wextra -Wconversion -Wshadow -pedantic -Wstrict-prototypes
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_SECONDS ?= 20
FUZZ_LONG ?= 600

LIB_SRC := $(sort $(wildcard csrc/lib/*.c))
LIB_HDR := $(wildcard csrc/lib/*.h)
TEST_SRC := $(sort $(wildcard tests/c/test_*.c))
TEST_HDR := $(wildcard tests/c/*.h)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_HDR := tests/fuzz/fuzz_common.h tests/c/failmem.h
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(filter-out tests/fuzz/fuzz_main.c,$(FUZZ_SRC)))
TESTS := $(patsubst tests/c/%.c,%,$(TEST_SRC))

B := build/c
BIN := tests/c/bin
FBIN := tests/fuzz/bin

# compiler and flags of each configuration
plain_CC := $(CC)
plain_CFLAGS := $(WARN) -O1 -g
asan_CC := $(CC)
asan_CFLAGS := $(WARN) -O1 -g $(SAN)
fuzz_CC := $(CLANG)
fuzz_CFLAGS := $(STD) -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
fast_CC := $(CLANG)
fast_CFLAGS := $(STD) -g -O2 -fsanitize=fuzzer-no-link,undefined -fno-sanitize-recover=all

.PHONY: ctest asan valgrind fuzz fuzz-smoke fuzz-fast-bin replay warnings lint wheel clean

# -- the engine, once per configuration ---------------------------------------
define ENGINE_LIB
$(B)/$(1)/%.o: csrc/lib/%.c $(LIB_HDR)
	@mkdir -p $$(dir $$@)
	$$($(1)_CC) $$($(1)_CFLAGS) -Icsrc/lib $(UTF8PROC_CFLAGS) -c $$< -o $$@

$(B)/$(1)/libpc.a: $(patsubst csrc/lib/%.c,$(B)/$(1)/%.o,$(LIB_SRC))
	@rm -f $$@
	ar rcs $$@ $$^
endef
$(foreach c,plain asan fuzz fast,$(eval $(call ENGINE_LIB,$(c))))
.SECONDARY:

# -- C unit tests ---------------------------------------------------------------
$(BIN)/plain/%: tests/c/%.c $(B)/plain/libpc.a $(TEST_HDR) $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(plain_CC) $(plain_CFLAGS) -Icsrc/lib -Itests/c $(UTF8PROC_CFLAGS) $< $(B)/plain/libpc.a -o $@ $(UTF8PROC_LIBS)

$(BIN)/asan/%: tests/c/%.c $(B)/asan/libpc.a $(TEST_HDR) $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(asan_CC) $(asan_CFLAGS) -Icsrc/lib -Itests/c $(UTF8PROC_CFLAGS) $< $(B)/asan/libpc.a -o $@ $(UTF8PROC_LIBS)

ctest: $(addprefix $(BIN)/plain/,$(TESTS))
	@set -e; for t in $^; do echo "== $$t"; $$t; done

asan: $(addprefix $(BIN)/asan/,$(TESTS))
	@set -e; for t in $^; do echo "== $$t (asan+ubsan)"; \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 $$t; done

valgrind: $(addprefix $(BIN)/plain/,$(TESTS))
	@set -e; for t in $^; do echo "== $$t (valgrind)"; \
	  valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 $$t; done

# -- fuzz targets (clang libFuzzer); fuzz_main.c replays files without libFuzzer --
$(FBIN)/lf/%: tests/fuzz/%.c $(B)/fuzz/libpc.a $(FUZZ_HDR) $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Icsrc/lib $(UTF8PROC_CFLAGS) \
	  $< $(B)/fuzz/libpc.a -o $@ $(UTF8PROC_LIBS)

# the same without ASan, -O2: for the bulk executions of a long campaign
$(FBIN)/fast/%: tests/fuzz/%.c $(B)/fast/libpc.a $(FUZZ_HDR) $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CLANG) -g -O2 -fsanitize=fuzzer,undefined -fno-sanitize-recover=all -Icsrc/lib $(UTF8PROC_CFLAGS) \
	  $< $(B)/fast/libpc.a -o $@ $(UTF8PROC_LIBS)

$(FBIN)/replay/%: tests/fuzz/%.c tests/fuzz/fuzz_main.c $(B)/asan/libpc.a $(FUZZ_HDR) $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(asan_CC) $(asan_CFLAGS) -Icsrc/lib $(UTF8PROC_CFLAGS) $< tests/fuzz/fuzz_main.c $(B)/asan/libpc.a -o $@ $(UTF8PROC_LIBS)

fuzz-smoke: $(addprefix $(FBIN)/lf/,$(FUZZ_TARGETS))
	@set -e; for t in $(FUZZ_TARGETS); do echo "== $$t ($(FUZZ_SECONDS)s)"; \
	  mkdir -p tests/fuzz/work/$$t; \
	  $(FBIN)/lf/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1 \
	    tests/fuzz/work/$$t tests/fuzz/corpus 2>&1 | grep -E "stat::number_of_executed_units|ERROR|SUMMARY" || true; \
	  test $${PIPESTATUS[0]} -eq 0; done

fuzz: $(addprefix $(FBIN)/lf/,$(FUZZ_TARGETS))
	@set -e; for t in $(FUZZ_TARGETS); do echo "== $$t ($(FUZZ_LONG)s)"; mkdir -p tests/fuzz/work/$$t; \
	  $(FBIN)/lf/$$t -max_total_time=$(FUZZ_LONG) -max_len=1048576 -print_final_stats=1 tests/fuzz/work/$$t tests/fuzz/corpus; done

fuzz-fast-bin: $(addprefix $(FBIN)/fast/,$(FUZZ_TARGETS))

replay: $(addprefix $(FBIN)/replay/,$(FUZZ_TARGETS))
	@set -e; for t in $^; do echo "== $$t"; $$t tests/fuzz/corpus/*; done

# -- warnings and lint ----------------------------------------------------------
# The engine: the full set, -Werror, under both compilers (gcc needs -O2 for its
# flow-based warnings).  The binding: the same without -pedantic (CPython's slot
# tables store function pointers as void *) and without -Wunused-parameter (the
# METH_* signatures are fixed).  Tests and fuzz targets: without
# -Wunused-function (the shared headers define helpers not every program uses).
PY_INCLUDE = $(shell $(PYTHON) -c "import sysconfig; print(sysconfig.get_paths()['include'])")
warnings:
	@set -e; for cc in $(GCC) $(CLANG); do for f in $(LIB_SRC); do \
	  $$cc $(ENGINE_WARN) -Werror -O2 -Icsrc/lib $(UTF8PROC_CFLAGS) -c $$f -o /dev/null; done; \
	  echo "$$cc: csrc/lib clean ($(words $(LIB_SRC)) files, $(ENGINE_WARN))"; done
	@set -e; for f in csrc/python/*.c; do \
	  $(GCC) $(STD) -Wall -Wextra -Wconversion -Wshadow -Wstrict-prototypes -Wno-unused-parameter -Werror -O2 \
	    -DPY_SSIZE_T_CLEAN -Icsrc/lib -I$(PY_INCLUDE) $(UTF8PROC_CFLAGS) -c $$f -o /dev/null; done; \
	  echo "$(GCC): csrc/python clean"
	@set -e; for f in $(TEST_SRC) $(FUZZ_SRC); do \
	  $(GCC) $(ENGINE_WARN) -Wno-unused-function -Werror -fsyntax-only -Icsrc/lib -Itests/c $(UTF8PROC_CFLAGS) $$f; \
	  done; echo "$(GCC): tests/c and tests/fuzz clean"

lint:
	$(PYTHON) -m ruff check .
	$(PYTHON) -m mypy
	$(PYTHON) scripts/check_c_style.py
	@$(MAKE) -s warnings

# -- release --------------------------------------------------------------------
wheel:
	rm -rf dist wheelhouse
	$(PYTHON) -m build --sdist --wheel -o dist .
	auditwheel repair -w wheelhouse dist/*.whl
	$(PYTHON) scripts/check_release.py dist/*.whl wheelhouse/*.whl

clean:
	rm -rf $(B) $(BIN) $(FBIN) tests/fuzz/work
