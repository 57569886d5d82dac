/* units.c — the unit words of the protocol language and their SI scale.
 *
 * Matching is case-insensitive like the rest of the language, so "MA" is a
 * milliampere (a megaampere makes no sense for a cell). */
#include "protocol/protocol_internal.h"

#include <ctype.h>
#include <string.h>

typedef struct {
    const char *word;
    cf_unit_kind kind;
    double scale;
} unit_entry;

static const unit_entry QUANTITY_UNITS[] = {
    {"c", CF_UNIT_CRATE, 1.0},
    {"a", CF_UNIT_CURRENT, 1.0},
    {"ma", CF_UNIT_CURRENT, 1e-3},
    {"amp", CF_UNIT_CURRENT, 1.0},
    {"amps", CF_UNIT_CURRENT, 1.0},
    {"w", CF_UNIT_POWER, 1.0},
    {"mw", CF_UNIT_POWER, 1e-3},
    {"kw", CF_UNIT_POWER, 1e3},
    {"ohm", CF_UNIT_RESISTANCE, 1.0},
    {"ohms", CF_UNIT_RESISTANCE, 1.0},
    {"mohm", CF_UNIT_RESISTANCE, 1e-3},
    {"mohms", CF_UNIT_RESISTANCE, 1e-3},
    {"v", CF_UNIT_VOLTAGE, 1.0},
    {"mv", CF_UNIT_VOLTAGE, 1e-3},
};

typedef struct {
    const char *word;
    double seconds;
} duration_entry;

static const duration_entry DURATION_UNITS[] = {
    {"s", 1.0},       {"sec", 1.0},      {"secs", 1.0},     {"second", 1.0},
    {"seconds", 1.0}, {"min", 60.0},     {"mins", 60.0},    {"minute", 60.0},
    {"minutes", 60.0}, {"h", 3600.0},    {"hr", 3600.0},    {"hrs", 3600.0},
    {"hour", 3600.0}, {"hours", 3600.0}, {"day", 86400.0},  {"days", 86400.0},
};

static int word_eq(const char *word, size_t len, const char *lower)
{
    if (strlen(lower) != len) return 0;
    for (size_t i = 0; i < len; i++)
        if (tolower((unsigned char)word[i]) != lower[i]) return 0;
    return 1;
}

cf_unit_kind cf_unit_lookup(const char *word, size_t len, double *scale)
{
    for (size_t i = 0; i < sizeof QUANTITY_UNITS / sizeof QUANTITY_UNITS[0]; i++)
        if (word_eq(word, len, QUANTITY_UNITS[i].word)) {
            *scale = QUANTITY_UNITS[i].scale;
            return QUANTITY_UNITS[i].kind;
        }
    *scale = 0.0;
    return CF_UNIT_NONE;
}

double cf_duration_unit(const char *word, size_t len)
{
    for (size_t i = 0; i < sizeof DURATION_UNITS / sizeof DURATION_UNITS[0]; i++)
        if (word_eq(word, len, DURATION_UNITS[i].word)) return DURATION_UNITS[i].seconds;
    return 0.0;
}
