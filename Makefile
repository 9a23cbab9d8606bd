# C engine tests, sanitizers and fuzzing.  The Python package is built by
# setup.py; this Makefile only builds standalone programs from csrc/lib.
#
#   make ctest      unit tests (tests/c/test_*.c), -O1 -g
#   make asan       unit tests under AddressSanitizer + UBSan
#   make valgrind   unit tests under valgrind memcheck (leaks are errors)
#   make fuzz-smoke each fuzz target for FUZZ_SECONDS (default 20) with libFuzzer
#   make fuzz       each fuzz target for FUZZ_LONG seconds (default 600)
#   make replay     replay tests/fuzz/corpus through every target without libFuzzer
#   tests/fuzz/campaign.sh  rotate the targets until a deadline (see tests/fuzz/README.md)

SHELL := /bin/bash
CC ?= cc
UTF8PROC_CFLAGS := $(shell pkg-config --cflags libutf8proc)
UTF8PROC_LIBS := $(shell pkg-config --libs libutf8proc)
WARN := -std=c99 -Wall -Wextra -Wstrict-prototypes -Wno-unused-parameter -Wno-unused-function
LIB_SRC := $(sort $(wildcard csrc/lib/*.c))
TEST_SRC := $(sort $(wildcard tests/c/test_*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_SECONDS ?= 20
FUZZ_LONG ?= 600

BIN := tests/c/bin
FBIN := tests/fuzz/bin

.PHONY: ctest asan valgrind fuzz fuzz-smoke fuzz-fast-bin replay clean

$(BIN)/plain/%: tests/c/%.c $(LIB_SRC) tests/c/harness.h tests/c/failmem.h $(wildcard csrc/lib/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O1 -g -Icsrc/lib -Itests/c $(UTF8PROC_CFLAGS) $< $(LIB_SRC) -o $@ $(UTF8PROC_LIBS)

$(BIN)/asan/%: tests/c/%.c $(LIB_SRC) tests/c/harness.h tests/c/failmem.h $(wildcard csrc/lib/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O1 -g $(SAN) -Icsrc/lib -Itests/c $(UTF8PROC_CFLAGS) $< $(LIB_SRC) -o $@ $(UTF8PROC_LIBS)

ctest: $(patsubst tests/c/%.c,$(BIN)/plain/%,$(TEST_SRC))
	@set -e; for t in $^; do echo "== $$t"; $$t; done

asan: $(patsubst tests/c/%.c,$(BIN)/asan/%,$(TEST_SRC))
	@set -e; for t in $^; do echo "== $$t (asan+ubsan)"; \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 $$t; done

valgrind: $(patsubst tests/c/%.c,$(BIN)/plain/%,$(TEST_SRC))
	@set -e; for t in $^; do echo "== $$t (valgrind)"; \
	  valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 $$t; done

# libFuzzer targets (clang).  fuzz_main.c replays files when libFuzzer is absent.
$(FBIN)/lf/%: tests/fuzz/%.c $(LIB_SRC) $(wildcard csrc/lib/*.h) tests/fuzz/fuzz_common.h tests/c/failmem.h
	@mkdir -p $(dir $@)
	clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Icsrc/lib $(UTF8PROC_CFLAGS) $< $(LIB_SRC) -o $@ $(UTF8PROC_LIBS)

# the same without ASan, -O2: for the bulk executions of a long campaign
$(FBIN)/fast/%: tests/fuzz/%.c $(LIB_SRC) $(wildcard csrc/lib/*.h) tests/fuzz/fuzz_common.h tests/c/failmem.h
	@mkdir -p $(dir $@)
	clang -g -O2 -fsanitize=fuzzer,undefined -fno-sanitize-recover=all -Icsrc/lib $(UTF8PROC_CFLAGS) $< $(LIB_SRC) -o $@ $(UTF8PROC_LIBS)

$(FBIN)/replay/%: tests/fuzz/%.c tests/fuzz/fuzz_main.c $(LIB_SRC) $(wildcard csrc/lib/*.h) tests/fuzz/fuzz_common.h tests/c/failmem.h
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O1 -g $(SAN) -Icsrc/lib $(UTF8PROC_CFLAGS) $< tests/fuzz/fuzz_main.c $(LIB_SRC) -o $@ $(UTF8PROC_LIBS)

FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(filter-out tests/fuzz/fuzz_main.c,$(FUZZ_SRC)))

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

clean:
	rm -rf $(BIN) $(FBIN) tests/fuzz/work
