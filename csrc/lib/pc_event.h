/*
 * pc_event.h - event mentions over tokens: a trigger from a lexicon, its
 * status, participants and place (from entity spans the caller gives), its
 * time (from time spans the caller gives) and the numbers with units that
 * the sentence reports.
 *
 * The vocabulary is data (the TSV files in data/lexicons, read by the Python layer and
 * added here): triggers with their kind, status cues, unit words and number
 * qualifiers, each entry a phrase of lowercase words separated by single
 * spaces with a code the caller chooses (an index into its own tables).
 *
 * Per sentence:
 *   - triggers: the longest phrase at each token; a second trigger of the
 *     same type in one sentence is the same mention;
 *   - status from cues in the clause before the trigger: hypothetical
 *     ("wants to sign", "whether", a question) drops the mention, negation
 *     or a cancellation anywhere in the sentence ("never took place") makes
 *     it did_not_occur, a plan ("expected to", "will") planned;
 *   - an event noun is kept only with an anchor (a time, a place, a named
 *     participant or a demonstrative), a "named" trigger (war, conflict)
 *     only next to a date or inside a capitalised name;
 *   - participants: the entities of the sentence nearest to this trigger
 *     (not across a reporting verb or a clause mark), agent before, patient
 *     after; the place: a GPE/LOC/FAC/EVENT after "in/at/near/inside", before
 *     an event noun ("the Washington talks"), or right after a trigger whose
 *     kind has PC_EVK_PLACE_OBJECT ("seized Nagorno-Karabakh");
 *   - time: the nearest DATE/TIME/DURATION span of the sentence;
 *   - numbers: [qualifier] [currency] value [million|bn ...] [to value]
 *     unit ("nearly 120,000 residents", "$1.5bn", "15 to 20 points",
 *     "12-kilometer", "80%"), outside time spans, each given to the nearest
 *     trigger of its sentence.
 *
 * Errors: PC_ENOMEM; PC_EINVAL for a lexicon that is not compiled, tokens or
 * sentences pc_segment would not make, or spans out of order or range.
 * Results are owned by the caller (pc_event_result_free).  Linear in the
 * tokens times the (small, bounded) window the rules look at.
 */
#ifndef PC_EVENT_H
#define PC_EVENT_H

#include "pc.h"
#include "pc_segment.h"

enum { PC_EVL_TRIGGER = 0, PC_EVL_CUE, PC_EVL_UNIT, PC_EVL_QUAL, PC_EVL_NTABLES };

/* trigger kinds (low bits) and flags */
enum { PC_EVK_VERB = 1, PC_EVK_NOUN = 2, PC_EVK_NAMED = 3 };
#define PC_EVK_MASK 0x0F
#define PC_EVK_PLACE_OBJECT 0x10 /* a place right after the trigger is where it happened */

/* cue codes */
enum { PC_EVC_PLANNED = 1, PC_EVC_NOT, PC_EVC_HYPOTHETICAL, PC_EVC_CANCELLED };

/* status */
enum { PC_EV_OCCURRED = 0, PC_EV_PLANNED, PC_EV_DID_NOT_OCCUR };

/* entity labels given by the caller */
enum { PC_EL_PERSON = 1, PC_EL_ORG, PC_EL_GPE, PC_EL_LOC, PC_EL_FAC, PC_EL_NORP, PC_EL_EVENT, PC_EL_LAW,
       PC_EL_OTHER };

/* participant roles */
enum { PC_ER_AGENT = 1, PC_ER_PATIENT };

typedef struct pc_event_lexicon pc_event_lexicon;

int pc_event_lexicon_new(const pc_mem *mem, pc_event_lexicon **out);
/* Add a phrase (len bytes, lowercase words separated by single spaces; a
 * word may not be longer than 23 bytes).  kind: PC_EVK_* (| flags) for
 * triggers, 0 otherwise.  PC_EINVAL for an empty or malformed phrase, a
 * bad table, or a compiled lexicon. */
int pc_event_lexicon_add(const pc_mem *mem, pc_event_lexicon *lex, int table, const char *phrase, size_t len,
                         int32_t code, int kind);
/* Index the entries; no more additions afterwards.  The compiled lexicon is
 * read-only: one may be shared by threads. */
int pc_event_lexicon_compile(const pc_mem *mem, pc_event_lexicon *lex);
size_t pc_event_lexicon_size(const pc_event_lexicon *lex, int table);
void pc_event_lexicon_free(const pc_mem *mem, pc_event_lexicon *lex);

/* An entity (label PC_EL_*) or time (label PC_TX_*, pc_time.h, with
 * PC_EVT_VAGUE for a symbolic or vague value: PRESENT_REF, PXY, and
 * PC_EVT_PARTIAL for a date with unknown parts) span over
 * tokens [tok_start, tok_end); arrays sorted by tok_start. */
#define PC_EVT_TYPE 0x07
#define PC_EVT_VAGUE 0x08
#define PC_EVT_PARTIAL 0x10 /* a date with an unknown part (XXXX-09): a date, but one that cannot be placed */
typedef struct pc_event_span {
    uint32_t tok_start, tok_end;
    int32_t label;
} pc_event_span;

typedef struct pc_event {
    uint32_t sentence;
    uint32_t tok_start, tok_end; /* the trigger */
    int32_t type;                /* the trigger entry's code */
    uint8_t status;              /* PC_EV_* */
    uint8_t kind;                /* the trigger entry's kind */
    int32_t time;                /* index into the time spans, or -1 */
    int32_t place;               /* index into the entity spans, or -1 */
    uint32_t arg_first, arg_n;   /* participants: args[arg_first .. +arg_n) */
    uint32_t num_first, num_n;   /* numbers: nums[num_first .. +num_n) */
} pc_event;

typedef struct pc_event_arg {
    int32_t entity; /* index into the entity spans */
    uint8_t role;   /* PC_ER_* */
} pc_event_arg;

typedef struct pc_event_number {
    uint32_t tok_start, tok_end; /* the whole phrase, qualifier to unit */
    double value, value2;        /* value2 > value for a range ("15 to 20"), else equal */
    int32_t unit;                /* unit entry code; -1: an unlisted noun at unit_tok */
    uint32_t unit_tok;           /* the unit's token */
    int32_t qual;                /* qualifier entry code, or -1 */
} pc_event_number;

typedef struct pc_event_result {
    pc_event *events;
    size_t n, cap;
    pc_event_arg *args;
    size_t nargs, acap;
    pc_event_number *nums;
    size_t nnums, ncap;
} pc_event_result;

int pc_event_scan(const pc_mem *mem, const char *text, size_t len, const pc_token *toks, size_t ntok,
                  const pc_sentence *sents, size_t nsent, const pc_event_lexicon *lex, const pc_event_span *ents,
                  size_t nent, const pc_event_span *times, size_t ntime, pc_event_result *res);

void pc_event_result_free(const pc_mem *mem, pc_event_result *res);

#endif
