/* protocol_internal.h — shared between the src/protocol files, not public.
 *
 * A parsed protocol keeps each written step once and a small "program" of
 * ops (STEP i, BEGIN n, END) that the iterator walks, so `repeat 10000 {...}`
 * costs the same memory as `repeat 1 {...}`. */
#ifndef CF_PROTOCOL_INTERNAL_H
#define CF_PROTOCOL_INTERNAL_H

#include "cellforge/cf_protocol.h"

#include <stddef.h>

/* Upper bound on steps executed by one protocol: keeps counts exact in an
 * int64 and catches nested repeats typed by mistake (repeat 1e9 { repeat 1e9 }). */
#define CF_PROTOCOL_MAX_EXECUTED 1000000000000000LL /* 1e15 */
#define CF_PROTOCOL_MAX_REPEAT 1000000000LL          /* 1e9 per block */

/* ---- lexer (lexer.c): tokens of one statement ---- */

typedef enum {
    CF_TOK_END,
    CF_TOK_NUMBER, /* optional sign, digits, '.', exponent; num holds the value */
    CF_TOK_WORD,   /* letters only: keywords and units                         */
    CF_TOK_STRING, /* "..." (pos/len exclude the quotes)                        */
    CF_TOK_SLASH,
    CF_TOK_LT,
    CF_TOK_GT,
    CF_TOK_PERCENT,
    CF_TOK_LPAREN,
    CF_TOK_RPAREN,
    CF_TOK_DOT,
    CF_TOK_BAD_STRING, /* a '"' without its closing quote */
    CF_TOK_OTHER       /* any other character                                  */
} cf_tok_kind;

typedef struct {
    cf_tok_kind kind;
    size_t pos; /* byte offset in the statement */
    size_t len;
    double num;
} cf_tok;

typedef struct {
    const char *s;
    size_t n;
    size_t pos;
} cf_lexer;

void cf_lex_init(cf_lexer *lx, const char *s, size_t n);
cf_tok cf_lex_next(cf_lexer *lx);
cf_tok cf_lex_peek(const cf_lexer *lx);
/* Case-insensitive comparison of a WORD token with `word`. */
int cf_tok_is(const cf_lexer *lx, const cf_tok *t, const char *word);
/* A printable description of a token for messages ("'Vx'", "end of step"). */
void cf_tok_describe(const cf_lexer *lx, const cf_tok *t, char *buf, size_t size);

/* The candidate closest to a misspelt word (edit distance <= 2 and shorter
 * than both), or NULL: for "did you mean" hints. */
const char *cf_suggest(const char *word, size_t len, const char *const *cands);

/* ---- units (units.c) ---- */

typedef enum {
    CF_UNIT_NONE,
    CF_UNIT_CRATE,
    CF_UNIT_CURRENT,
    CF_UNIT_POWER,
    CF_UNIT_RESISTANCE,
    CF_UNIT_VOLTAGE
} cf_unit_kind;

/* Looks up a quantity unit (C, A, mA, W, mW, kW, Ohm, mOhm, V, mV). Returns
 * CF_UNIT_NONE when unknown; *scale converts to SI. */
cf_unit_kind cf_unit_lookup(const char *word, size_t len, double *scale);
/* Duration unit (s, sec, second(s), min, minute(s), h, hr, hour(s), day(s)):
 * seconds per unit, or 0 when unknown. */
double cf_duration_unit(const char *word, size_t len);

/* ---- one step (step_parse.c) ---- */

typedef struct {
    const char *source;   /* for messages                         */
    const char *base_dir; /* for Run paths; NULL = as written      */
    const char *text;     /* statement, trimmed, not NUL-terminated */
    size_t len;
    int line, column; /* of text[0]                              */
    int step_no;      /* 1-based                                 */
} cf_step_ctx;

/* Parses one step into *out (text/source/index/group left for the caller)
 * and, for a Run step, loads its drive cycle into *drive (caller owns it). */
int cf_step_parse(const cf_step_ctx *ctx, cf_step *out, cf_drive_cycle **drive, cf_error *err);

/* Sets err with where = "source:line:col: step N" for byte offset `off` of
 * the statement and appends ` in "<step text>"` to the message. */
int cf_step_fail(cf_error *err, const cf_step_ctx *ctx, size_t off, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Parses "80% capacity", "4 Ah capacity", "4000 mAh capacity", "2.5 V"
 * starting at the lexer's position, merging into *t. */
int cf_termination_parse(const cf_step_ctx *ctx, cf_lexer *lx, cf_termination *t, cf_error *err);

/* ---- drive cycles (drive_cycle.c, drive_csv.c) ---- */

struct cf_drive_cycle {
    cf_drive_kind kind;
    size_t n;
    double *t; /* relative to the first row once loaded */
    double *y;
    char *name;
};

cf_drive_cycle *cf_dc_alloc(const char *name);
/* Room for one more point (t and y grow together); -1 when out of memory. */
int cf_dc_reserve(cf_drive_cycle *dc, size_t *cap);
void cf_dc_shift_to_zero(cf_drive_cycle *dc);
/* The smallest time between two rows of a drive cycle, and the latest time
 * (the longest step): below 1 us apart, or past 1e9 s, repeated passes of the
 * cycle can no longer be told apart in double precision, so the knots the
 * integrator stops on would stop advancing.  No cycler samples that fast. */
#define CF_DRIVE_MIN_DT_S 1e-6
/* Message for time t of row i after `prev` if it breaks the rules above (start
 * at >= 0, strictly increasing by at least CF_DRIVE_MIN_DT_S, at most the
 * longest step); 0 when it keeps them. */
int cf_dc_time_problem(size_t i, double t, double prev, char *msg, size_t size);

/* ---- the protocol object (protocol.c) ---- */

typedef enum { CF_OP_STEP, CF_OP_BEGIN, CF_OP_END } cf_op_kind;

typedef struct {
    cf_op_kind kind;
    int arg;       /* STEP: step index; BEGIN/END: top-level group index  */
    int64_t count; /* BEGIN: repeat count                                 */
    size_t match;  /* BEGIN: index of its END; END: index of its BEGIN    */
} cf_op;

struct cf_protocol {
    char *source;
    cf_step *steps;
    int n_steps;
    size_t cap_steps;
    cf_cycle_group *groups;
    int n_groups;
    size_t cap_groups;
    cf_op *ops;
    size_t n_ops, cap_ops;
    cf_drive_cycle **drives;
    int n_drives;
    size_t cap_drives;
    cf_termination term;
    int64_t n_cycles;
    int64_t total_steps;
};

cf_protocol *cf_protocol_alloc(const char *source);
/* Appends; return CF_ENOMEM on allocation failure (err filled). */
int cf_protocol_push_step(cf_protocol *p, const cf_step *s, const char *text, size_t len,
                          cf_error *err);
int cf_protocol_push_group(cf_protocol *p, const cf_cycle_group *g, cf_error *err);
int cf_protocol_push_op(cf_protocol *p, cf_op op, cf_error *err);
int cf_protocol_own_drive(cf_protocol *p, cf_drive_cycle *dc, cf_error *err);

#endif
