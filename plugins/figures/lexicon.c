/*
 * lexicon.c - the fixed vocabulary of figure parsing: number words, scale
 * words, currencies, power units, compute-unit nouns, rate words,
 * qualifier pieces and the function words attribution leans on. Metric
 * cues are NOT here: they live in metrics.rules so analysts can change
 * them without recompiling.
 */
#include "fig_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct lex_def {
    const char *w;
    uint32_t cls;
    double val;
    const char *str;
} lex_def;

static const lex_def LEX[] = {
    /* number words */
    {"zero", LX_NUM, 0, 0}, {"one", LX_NUM, 1, 0}, {"two", LX_NUM, 2, 0},
    {"three", LX_NUM, 3, 0}, {"four", LX_NUM, 4, 0}, {"five", LX_NUM, 5, 0},
    {"six", LX_NUM, 6, 0}, {"seven", LX_NUM, 7, 0}, {"eight", LX_NUM, 8, 0},
    {"nine", LX_NUM, 9, 0}, {"ten", LX_NUM, 10, 0}, {"eleven", LX_NUM, 11, 0},
    {"twelve", LX_NUM, 12, 0}, {"thirteen", LX_NUM, 13, 0}, {"fourteen", LX_NUM, 14, 0},
    {"fifteen", LX_NUM, 15, 0}, {"sixteen", LX_NUM, 16, 0}, {"seventeen", LX_NUM, 17, 0},
    {"eighteen", LX_NUM, 18, 0}, {"nineteen", LX_NUM, 19, 0}, {"twenty", LX_NUM, 20, 0},
    {"thirty", LX_NUM, 30, 0}, {"forty", LX_NUM, 40, 0}, {"fifty", LX_NUM, 50, 0},
    {"sixty", LX_NUM, 60, 0}, {"seventy", LX_NUM, 70, 0}, {"eighty", LX_NUM, 80, 0},
    {"ninety", LX_NUM, 90, 0}, {"hundred", LX_NUM, 100, 0}, {"dozen", LX_NUM, 12, 0},
    /* fractions (only "a quarter of a", "half a", "two and a half") */
    {"half", LX_FRAC, 0.5, 0}, {"quarter", LX_FRAC | LX_TIME, 0.25, "quarter"},
    {"third", LX_FRAC, 1.0 / 3, 0}, {"quarters", LX_FRAC, 0.25, 0},
    /* scale words */
    {"thousand", LX_SCALE, 1e3, 0}, {"million", LX_SCALE, 1e6, 0},
    {"billion", LX_SCALE, 1e9, 0}, {"trillion", LX_SCALE, 1e12, 0},
    {"mn", LX_SCALE, 1e6, 0}, {"mln", LX_SCALE, 1e6, 0}, {"mio", LX_SCALE, 1e6, 0},
    {"mil", LX_SCALE, 1e6, 0}, {"bn", LX_SCALE, 1e9, 0}, {"bln", LX_SCALE, 1e9, 0},
    {"bil", LX_SCALE, 1e9, 0}, {"tn", LX_SCALE, 1e12, 0}, {"trn", LX_SCALE, 1e12, 0},
    {"lakh", LX_SCALE, 1e5, 0}, {"lakhs", LX_SCALE, 1e5, 0}, {"lac", LX_SCALE, 1e5, 0},
    {"crore", LX_SCALE, 1e7, 0}, {"crores", LX_SCALE, 1e7, 0}, {"cr", LX_SCALE, 1e7, 0},
    /* currency words after a number */
    {"dollars", LX_CURWORD, 0, "USD"}, {"dollar", LX_CURWORD, 0, "USD"},
    {"euros", LX_CURWORD, 0, "EUR"}, {"euro", LX_CURWORD, 0, "EUR"},
    {"pounds", LX_CURWORD, 0, "GBP"}, {"sterling", LX_CURWORD, 0, "GBP"},
    {"yen", LX_CURWORD, 0, "JPY"}, {"yuan", LX_CURWORD, 0, "CNY"},
    {"renminbi", LX_CURWORD, 0, "CNY"}, {"rupees", LX_CURWORD, 0, "INR"},
    {"won", LX_CURWORD, 0, "KRW"}, {"francs", LX_CURWORD, 0, "CHF"},
    {"riyals", LX_CURWORD, 0, "SAR"}, {"dirhams", LX_CURWORD, 0, "AED"},
    {"reais", LX_CURWORD, 0, "BRL"}, {"pesos", LX_CURWORD, 0, "MXN"},
    {"ringgit", LX_CURWORD, 0, "MYR"}, {"rupiah", LX_CURWORD, 0, "IDR"},
    {"kronor", LX_CURWORD, 0, "SEK"}, {"baht", LX_CURWORD, 0, "THB"},
    {"zloty", LX_CURWORD, 0, "PLN"}, {"riyal", LX_CURWORD, 0, "SAR"},
    {"dirham", LX_CURWORD, 0, "AED"}, {"rupee", LX_CURWORD, 0, "INR"},
    /* ISO codes (upper case in text) */
    {"usd", LX_CURCODE, 0, "USD"}, {"eur", LX_CURCODE, 0, "EUR"}, {"gbp", LX_CURCODE, 0, "GBP"},
    {"jpy", LX_CURCODE, 0, "JPY"}, {"cny", LX_CURCODE, 0, "CNY"}, {"rmb", LX_CURCODE, 0, "CNY"},
    {"inr", LX_CURCODE, 0, "INR"}, {"chf", LX_CURCODE, 0, "CHF"}, {"cad", LX_CURCODE, 0, "CAD"},
    {"aud", LX_CURCODE, 0, "AUD"}, {"sar", LX_CURCODE, 0, "SAR"}, {"aed", LX_CURCODE, 0, "AED"},
    {"krw", LX_CURCODE, 0, "KRW"}, {"sgd", LX_CURCODE, 0, "SGD"}, {"hkd", LX_CURCODE, 0, "HKD"},
    {"twd", LX_CURCODE, 0, "TWD"}, {"sek", LX_CURCODE, 0, "SEK"}, {"nok", LX_CURCODE, 0, "NOK"},
    {"dkk", LX_CURCODE, 0, "DKK"}, {"brl", LX_CURCODE, 0, "BRL"}, {"mxn", LX_CURCODE, 0, "MXN"},
    {"qar", LX_CURCODE, 0, "QAR"}, {"myr", LX_CURCODE, 0, "MYR"}, {"nzd", LX_CURCODE, 0, "NZD"},
    {"idr", LX_CURCODE, 0, "IDR"}, {"thb", LX_CURCODE, 0, "THB"}, {"php", LX_CURCODE, 0, "PHP"},
    {"zar", LX_CURCODE, 0, "ZAR"}, {"pln", LX_CURCODE, 0, "PLN"}, {"ils", LX_CURCODE, 0, "ILS"},
    /* power */
    {"w", LX_POWER, 1, 0}, {"kw", LX_POWER, 1e3, 0}, {"mw", LX_POWER, 1e6, 0},
    {"gw", LX_POWER, 1e9, 0}, {"tw", LX_POWER, 1e12, 0},
    {"watt", LX_POWER, 1, 0}, {"watts", LX_POWER, 1, 0},
    {"kilowatt", LX_POWER, 1e3, 0}, {"kilowatts", LX_POWER, 1e3, 0},
    {"megawatt", LX_POWER, 1e6, 0}, {"megawatts", LX_POWER, 1e6, 0},
    {"gigawatt", LX_POWER, 1e9, 0}, {"gigawatts", LX_POWER, 1e9, 0},
    {"terawatt", LX_POWER, 1e12, 0}, {"terawatts", LX_POWER, 1e12, 0},
    {"gws", LX_POWER, 1e9, 0}, {"mws", LX_POWER, 1e6, 0},
    /* percent */
    {"percent", LX_PCT, 0, 0}, {"pct", LX_PCT, 0, 0}, {"percentage", LX_PCT, 0, 0},
    /* compute units */
    {"gpu", LX_COUNT, 0, "gpu"}, {"gpus", LX_COUNT, 0, "gpu"},
    {"tpu", LX_COUNT, 0, "tpu"}, {"tpus", LX_COUNT, 0, "tpu"},
    {"chip", LX_COUNT, 0, "chip"}, {"chips", LX_COUNT, 0, "chip"},
    {"processor", LX_COUNT, 0, "chip"}, {"processors", LX_COUNT, 0, "chip"},
    {"superchip", LX_COUNT, 0, "chip"}, {"superchips", LX_COUNT, 0, "chip"},
    {"cpu", LX_COUNT, 0, "chip"}, {"cpus", LX_COUNT, 0, "chip"},
    {"accelerator", LX_COUNT, 0, "accelerator"}, {"accelerators", LX_COUNT, 0, "accelerator"},
    {"server", LX_COUNT, 0, "server"}, {"servers", LX_COUNT, 0, "server"},
    /* modifiers between a count and its noun */
    {"ai", LX_MOD, 0, 0}, {"next", LX_MOD, 0, 0}, {"generation", LX_MOD, 0, 0},
    {"gen", LX_MOD, 0, 0}, {"additional", LX_MOD, 0, 0}, {"more", LX_MOD, 0, 0},
    {"new", LX_MOD, 0, 0}, {"advanced", LX_MOD, 0, 0}, {"high", LX_MOD, 0, 0},
    {"end", LX_MOD, 0, 0}, {"custom", LX_MOD, 0, 0}, {"in", LX_MOD | LX_PREP, 0, 0},
    {"house", LX_MOD, 0, 0}, {"leading", LX_MOD, 0, 0}, {"edge", LX_MOD, 0, 0},
    {"cutting", LX_MOD, 0, 0}, {"top", LX_MOD, 0, 0}, {"latest", LX_MOD, 0, 0},
    {"graphics", LX_MOD, 0, 0}, {"data", LX_MOD, 0, 0}, {"center", LX_MOD, 0, 0},
    {"centre", LX_MOD, 0, 0}, {"training", LX_MOD, 0, 0}, {"inference", LX_MOD, 0, 0},
    {"specialized", LX_MOD, 0, 0}, {"specialised", LX_MOD, 0, 0}, {"own", LX_MOD, 0, 0},
    {"rack", LX_MOD, 0, 0}, {"scale", LX_MOD, 0, 0}, {"powerful", LX_MOD, 0, 0},
    {"used", LX_MOD, 0, 0}, {"installed", LX_MOD, 0, 0}, {"h100", LX_MOD, 0, 0},
    {"newest", LX_MOD, 0, 0}, {"fastest", LX_MOD, 0, 0}, {"flagship", LX_MOD, 0, 0},
    {"current", LX_MOD, 0, 0}, {"proprietary", LX_MOD, 0, 0},
    /* months */
    {"january", LX_MONTH, 1, 0}, {"february", LX_MONTH, 2, 0}, {"march", LX_MONTH, 3, 0},
    {"april", LX_MONTH, 4, 0}, {"may", LX_MONTH, 5, 0}, {"june", LX_MONTH, 6, 0},
    {"july", LX_MONTH, 7, 0}, {"august", LX_MONTH, 8, 0}, {"september", LX_MONTH, 9, 0},
    {"october", LX_MONTH, 10, 0}, {"november", LX_MONTH, 11, 0}, {"december", LX_MONTH, 12, 0},
    {"jan", LX_MONTH | LX_ABBR, 1, 0}, {"feb", LX_MONTH | LX_ABBR, 2, 0},
    {"mar", LX_MONTH | LX_ABBR, 3, 0}, {"apr", LX_MONTH | LX_ABBR, 4, 0},
    {"jun", LX_MONTH | LX_ABBR, 6, 0}, {"jul", LX_MONTH | LX_ABBR, 7, 0},
    {"aug", LX_MONTH | LX_ABBR, 8, 0}, {"sep", LX_MONTH | LX_ABBR, 9, 0},
    {"sept", LX_MONTH | LX_ABBR, 9, 0}, {"oct", LX_MONTH | LX_ABBR, 10, 0},
    {"nov", LX_MONTH | LX_ABBR, 11, 0}, {"dec", LX_MONTH | LX_ABBR, 12, 0},
    /* verbs of change (from X to Y is then two figures) */
    {"rose", LX_CHANGE | LX_MOVE, 0, 0}, {"risen", LX_CHANGE | LX_MOVE, 0, 0},
    {"rise", LX_CHANGE | LX_MOVE, 0, 0}, {"rises", LX_CHANGE | LX_MOVE, 0, 0},
    {"rising", LX_CHANGE | LX_MOVE, 0, 0}, {"increased", LX_CHANGE, 0, 0},
    {"increase", LX_CHANGE, 0, 0}, {"increases", LX_CHANGE, 0, 0},
    {"increasing", LX_CHANGE, 0, 0}, {"grew", LX_CHANGE, 0, 0}, {"grow", LX_CHANGE, 0, 0},
    {"grown", LX_CHANGE, 0, 0}, {"grows", LX_CHANGE, 0, 0}, {"growing", LX_CHANGE, 0, 0},
    {"jumped", LX_CHANGE | LX_MOVE, 0, 0}, {"jumps", LX_CHANGE | LX_MOVE, 0, 0},
    {"jumping", LX_CHANGE | LX_MOVE, 0, 0},
    {"climbed", LX_CHANGE | LX_MOVE, 0, 0}, {"climbs", LX_CHANGE | LX_MOVE, 0, 0},
    {"climbing", LX_CHANGE | LX_MOVE, 0, 0},
    {"fell", LX_CHANGE | LX_MOVE, 0, 0}, {"fall", LX_CHANGE | LX_MOVE, 0, 0},
    {"falls", LX_CHANGE | LX_MOVE, 0, 0}, {"fallen", LX_CHANGE | LX_MOVE, 0, 0},
    {"falling", LX_CHANGE | LX_MOVE, 0, 0}, {"dropped", LX_CHANGE | LX_MOVE, 0, 0},
    {"drop", LX_CHANGE | LX_MOVE, 0, 0}, {"drops", LX_CHANGE | LX_MOVE, 0, 0},
    {"dropping", LX_CHANGE | LX_MOVE, 0, 0}, {"declined", LX_CHANGE | LX_MOVE, 0, 0},
    {"declines", LX_CHANGE | LX_MOVE, 0, 0}, {"declining", LX_CHANGE | LX_MOVE, 0, 0},
    {"cut", LX_CHANGE, 0, 0}, {"cuts", LX_CHANGE, 0, 0}, {"lowered", LX_CHANGE, 0, 0},
    {"lowers", LX_CHANGE, 0, 0}, {"raised", LX_CHANGE, 0, 0}, {"raises", LX_CHANGE, 0, 0},
    {"raising", LX_CHANGE, 0, 0}, {"boosted", LX_CHANGE, 0, 0}, {"boosts", LX_CHANGE, 0, 0},
    {"lifted", LX_CHANGE, 0, 0}, {"lifts", LX_CHANGE, 0, 0},
    {"surged", LX_CHANGE | LX_MOVE, 0, 0}, {"surges", LX_CHANGE | LX_MOVE, 0, 0},
    {"surging", LX_CHANGE | LX_MOVE, 0, 0}, {"soared", LX_CHANGE | LX_MOVE, 0, 0},
    {"soars", LX_CHANGE | LX_MOVE, 0, 0}, {"soaring", LX_CHANGE | LX_MOVE, 0, 0},
    {"slipped", LX_CHANGE | LX_MOVE, 0, 0}, {"slips", LX_CHANGE | LX_MOVE, 0, 0},
    {"slid", LX_CHANGE | LX_MOVE, 0, 0}, {"slides", LX_CHANGE | LX_MOVE, 0, 0},
    {"sliding", LX_CHANGE | LX_MOVE, 0, 0},
    {"tripled", LX_CHANGE, 0, 0}, {"doubled", LX_CHANGE, 0, 0}, {"quadrupled", LX_CHANGE, 0, 0},
    {"expanded", LX_CHANGE, 0, 0}, {"shrank", LX_CHANGE, 0, 0}, {"shrunk", LX_CHANGE, 0, 0},
    {"went", LX_CHANGE, 0, 0}, {"moved", LX_CHANGE, 0, 0}, {"revised", LX_CHANGE, 0, 0},
    {"tumbled", LX_CHANGE | LX_MOVE, 0, 0}, {"tumbling", LX_CHANGE | LX_MOVE, 0, 0},
    {"plunged", LX_CHANGE | LX_MOVE, 0, 0}, {"plummeted", LX_CHANGE | LX_MOVE, 0, 0},
    {"plunging", LX_CHANGE | LX_MOVE, 0, 0}, {"sank", LX_CHANGE | LX_MOVE, 0, 0},
    {"sinking", LX_CHANGE | LX_MOVE, 0, 0}, {"widened", LX_CHANGE, 0, 0},
    {"narrowed", LX_CHANGE, 0, 0}, {"improved", LX_CHANGE, 0, 0}, {"hiked", LX_CHANGE, 0, 0},
    {"trimmed", LX_CHANGE, 0, 0}, {"reduced", LX_CHANGE, 0, 0}, {"ballooned", LX_CHANGE, 0, 0},
    {"spiked", LX_CHANGE | LX_MOVE, 0, 0}, {"swelled", LX_CHANGE, 0, 0},
    {"rallied", LX_CHANGE | LX_MOVE, 0, 0}, {"gained", LX_CHANGE | LX_MOVE, 0, 0},
    {"lost", LX_CHANGE | LX_MOVE, 0, 0}, {"sheds", LX_MOVE, 0, 0}, {"shed", LX_MOVE, 0, 0},
    {"upgraded", LX_CHANGE, 0, 0}, {"downgraded", LX_CHANGE, 0, 0},
    {"popped", LX_MOVE, 0, 0}, {"skyrocketed", LX_CHANGE | LX_MOVE, 0, 0},
    {"closing", LX_MOVE, 0, 0}, {"closed", LX_MOVE, 0, 0}, {"slumped", LX_CHANGE | LX_MOVE, 0, 0},
    {"dipped", LX_CHANGE | LX_MOVE, 0, 0}, {"sagged", LX_CHANGE | LX_MOVE, 0, 0},
    {"advanced", LX_MOD | LX_MOVE, 0, 0}, {"up", LX_MOVE, 0, 0}, {"down", LX_MOVE, 0, 0},
    {"losing", LX_CHANGE | LX_MOVE, 0, 0}, {"lose", LX_CHANGE | LX_MOVE, 0, 0},
    {"loses", LX_CHANGE | LX_MOVE, 0, 0}, {"gaining", LX_CHANGE | LX_MOVE, 0, 0},
    {"gains", LX_CHANGE | LX_MOVE, 0, 0}, {"eased", LX_CHANGE | LX_MOVE, 0, 0},
    {"eases", LX_CHANGE | LX_MOVE, 0, 0}, {"easing", LX_CHANGE | LX_MOVE, 0, 0},
    {"edged", LX_CHANGE | LX_MOVE, 0, 0}, {"edges", LX_CHANGE | LX_MOVE, 0, 0},
    {"edging", LX_CHANGE | LX_MOVE, 0, 0}, {"retreated", LX_CHANGE | LX_MOVE, 0, 0},
    {"rebounded", LX_CHANGE | LX_MOVE, 0, 0}, {"tanked", LX_CHANGE | LX_MOVE, 0, 0},
    {"slumps", LX_CHANGE | LX_MOVE, 0, 0}, {"slumping", LX_CHANGE | LX_MOVE, 0, 0},
    {"plunges", LX_CHANGE | LX_MOVE, 0, 0}, {"plummets", LX_CHANGE | LX_MOVE, 0, 0},
    {"plummeting", LX_CHANGE | LX_MOVE, 0, 0}, {"dips", LX_CHANGE | LX_MOVE, 0, 0},
    {"dipping", LX_CHANGE | LX_MOVE, 0, 0}, {"sinks", LX_CHANGE | LX_MOVE, 0, 0},
    {"shedding", LX_MOVE, 0, 0}, {"skidded", LX_CHANGE | LX_MOVE, 0, 0},
    {"added", LX_MOVE, 0, 0}, {"gave", LX_MOVE, 0, 0},
    {"rallies", LX_CHANGE | LX_MOVE, 0, 0}, {"rallying", LX_CHANGE | LX_MOVE, 0, 0},
    {"spiking", LX_CHANGE | LX_MOVE, 0, 0}, {"tumbles", LX_CHANGE | LX_MOVE, 0, 0},
    /* time words for rates */
    {"month", LX_TIME | LX_DURATION, 0, "month"}, {"year", LX_TIME | LX_DURATION, 0, "year"},
    {"annum", LX_TIME, 0, "year"}, {"yr", LX_TIME, 0, "year"}, {"mo", LX_TIME, 0, "month"},
    {"week", LX_TIME | LX_DURATION, 0, "week"}, {"day", LX_TIME | LX_DURATION, 0, "day"},
    {"hour", LX_TIME | LX_DURATION, 0, "hour"}, {"hr", LX_TIME, 0, "hour"},
    {"annually", LX_RATEADV, 0, "year"}, {"yearly", LX_RATEADV, 0, "year"},
    {"monthly", LX_RATEADV, 0, "month"}, {"quarterly", LX_RATEADV, 0, "quarter"},
    {"weekly", LX_RATEADV, 0, "week"}, {"daily", LX_RATEADV, 0, "day"},
    {"hourly", LX_RATEADV, 0, "hour"},
    /* durations (a bare number before them is not a figure) */
    {"months", LX_DURATION, 0, 0}, {"years", LX_DURATION, 0, 0}, {"weeks", LX_DURATION, 0, 0},
    {"days", LX_DURATION, 0, 0}, {"hours", LX_DURATION, 0, 0}, {"minutes", LX_DURATION, 0, 0},
    {"seconds", LX_DURATION, 0, 0}, {"quarters", LX_DURATION, 0, 0}, {"decades", LX_DURATION, 0, 0},
    /* prepositions */
    {"with", LX_PREP, 0, 0}, {"to", LX_PREP, 0, 0}, {"from", LX_PREP, 0, 0},
    {"by", LX_PREP, 0, 0}, {"for", LX_PREP, 0, 0}, {"of", LX_PREP, 0, 0},
    {"at", LX_PREP, 0, 0}, {"on", LX_PREP, 0, 0}, {"between", LX_PREP, 0, 0},
    {"than", LX_PREP, 0, 0}, {"like", LX_PREP, 0, 0}, {"including", LX_PREP, 0, 0},
    {"as", LX_PREP, 0, 0}, {"into", LX_PREP, 0, 0}, {"via", LX_PREP, 0, 0},
    {"through", LX_PREP, 0, 0}, {"against", LX_PREP, 0, 0}, {"over", LX_PREP, 0, 0},
    {"about", LX_PREP, 0, 0}, {"behind", LX_PREP, 0, 0}, {"beyond", LX_PREP, 0, 0},
    {"among", LX_PREP, 0, 0}, {"across", LX_PREP, 0, 0}, {"toward", LX_PREP, 0, 0},
    {"towards", LX_PREP, 0, 0}, {"under", LX_PREP, 0, 0}, {"after", LX_PREP, 0, 0},
    {"before", LX_PREP, 0, 0}, {"during", LX_PREP, 0, 0}, {"within", LX_PREP, 0, 0},
    {"outside", LX_PREP, 0, 0}, {"amid", LX_PREP, 0, 0}, {"per", LX_PREP, 0, 0},
    {"unlike", LX_PREP, 0, 0}, {"versus", LX_PREP | LX_CONNECT, 0, 0},
    {"vs", LX_PREP | LX_CONNECT | LX_ABBR, 0, 0},
    /* pronouns and anaphora */
    {"it", LX_PRON, 0, 0}, {"its", LX_PRON, 0, 0}, {"they", LX_PRON, 0, 0},
    {"their", LX_PRON, 0, 0}, {"them", LX_PRON, 0, 0}, {"itself", LX_PRON, 0, 0},
    {"he", LX_PRON, 0, 0}, {"his", LX_PRON, 0, 0}, {"she", LX_PRON, 0, 0},
    {"her", LX_PRON, 0, 0}, {"we", LX_PRON, 0, 0}, {"our", LX_PRON, 0, 0},
    {"company", LX_ANAPH, 0, 0}, {"firm", LX_ANAPH, 0, 0}, {"giant", LX_ANAPH, 0, 0},
    {"campus", LX_ANAPH, 0, 0}, {"facility", LX_ANAPH, 0, 0}, {"site", LX_ANAPH, 0, 0},
    {"project", LX_ANAPH, 0, 0}, {"cluster", LX_ANAPH, 0, 0}, {"startup", LX_ANAPH, 0, 0},
    {"business", LX_ANAPH, 0, 0}, {"group", LX_ANAPH, 0, 0}, {"maker", LX_ANAPH, 0, 0},
    {"chipmaker", LX_ANAPH, 0, 0}, {"supercomputer", LX_ANAPH, 0, 0},
    {"provider", LX_ANAPH, 0, 0}, {"operator", LX_ANAPH, 0, 0}, {"developer", LX_ANAPH, 0, 0},
    {"lab", LX_ANAPH, 0, 0}, {"plant", LX_ANAPH, 0, 0}, {"phase", LX_ANAPH, 0, 0},
    {"corporation", LX_ANAPH, 0, 0}, {"platform", LX_ANAPH, 0, 0}, {"unit", LX_ANAPH, 0, 0},
    {"subsidiary", LX_ANAPH, 0, 0}, {"conglomerate", LX_ANAPH, 0, 0}, {"shares", LX_ANAPH, 0, 0}, {"stock", LX_ANAPH, 0, 0},
    {"manufacturer", LX_ANAPH, 0, 0}, {"designer", LX_ANAPH, 0, 0}, {"utility", LX_ANAPH, 0, 0},
    {"miner", LX_ANAPH, 0, 0}, {"supplier", LX_ANAPH, 0, 0}, {"producer", LX_ANAPH, 0, 0},
    {"landlord", LX_ANAPH, 0, 0}, {"neocloud", LX_ANAPH, 0, 0}, {"automaker", LX_ANAPH, 0, 0},
    {"lender", LX_ANAPH, 0, 0}, {"rival", LX_ANAPH, 0, 0}, {"competitor", LX_ANAPH, 0, 0},
    {"the", LX_DETERM, 0, 0}, {"this", LX_DETERM, 0, 0}, {"that", LX_DETERM, 0, 0},
    {"these", LX_DETERM, 0, 0}, {"those", LX_DETERM, 0, 0},
    /* groups: a figure for many organisations has no entity */
    {"hyperscalers", LX_GROUP, 0, 0}, {"hyperscaler", LX_GROUP, 0, 0},
    {"combined", LX_GROUP, 0, 0}, {"collectively", LX_GROUP, 0, 0},
    {"together", LX_GROUP, 0, 0}, {"global", LX_GROUP, 0, 0}, {"industry", LX_GROUP, 0, 0},
    {"giants", LX_GROUP, 0, 0}, {"companies", LX_GROUP, 0, 0}, {"firms", LX_GROUP, 0, 0},
    {"players", LX_GROUP, 0, 0}, {"industrywide", LX_GROUP, 0, 0}, {"sector", LX_GROUP, 0, 0},
    {"labs", LX_GROUP, 0, 0}, {"worldwide", LX_LOCADV | LX_GROUP, 0, 0},
    {"countries", LX_GROUP, 0, 0}, {"nations", LX_GROUP, 0, 0},
    /* clause openers */
    {"while", LX_CLAUSE, 0, 0}, {"whereas", LX_CLAUSE, 0, 0}, {"but", LX_CLAUSE, 0, 0},
    {"although", LX_CLAUSE, 0, 0}, {"though", LX_CLAUSE, 0, 0}, {"however", LX_CLAUSE, 0, 0},
    {"meanwhile", LX_CLAUSE, 0, 0}, {"then", LX_CLAUSE, 0, 0}, {"if", LX_CLAUSE, 0, 0},
    {"whose", LX_CLAUSE, 0, 0},
    /* abbreviations: a "." after them does not end a sentence */
    {"mr", LX_ABBR, 0, 0}, {"mrs", LX_ABBR, 0, 0}, {"ms", LX_ABBR, 0, 0}, {"dr", LX_ABBR, 0, 0},
    {"st", LX_ABBR | LX_ORDSUF, 0, 0}, {"inc", LX_ABBR, 0, 0}, {"corp", LX_ABBR, 0, 0},
    {"co", LX_ABBR, 0, 0}, {"ltd", LX_ABBR, 0, 0}, {"jr", LX_ABBR, 0, 0}, {"sr", LX_ABBR, 0, 0},
    {"etc", LX_ABBR, 0, 0}, {"no", LX_ABBR, 0, 0}, {"approx", LX_ABBR, 0, 0},
    {"est", LX_ABBR, 0, 0}, {"rs", LX_ABBR, 0, 0}, {"fig", LX_ABBR, 0, 0},
    {"e", LX_ABBR, 0, 0}, {"g", LX_ABBR, 0, 0}, {"i", LX_ABBR, 0, 0}, {"u", LX_ABBR, 0, 0},
    {"s", LX_ABBR, 0, 0}, {"k", LX_ABBR, 0, 0}, {"n", LX_ABBR, 0, 0}, {"plc", LX_ABBR, 0, 0},
    {"gov", LX_ABBR, 0, 0}, {"sen", LX_ABBR, 0, 0}, {"rep", LX_ABBR, 0, 0}, {"prof", LX_ABBR, 0, 0},
    /* ordinal suffixes */
    {"nd", LX_ORDSUF, 0, 0}, {"rd", LX_ORDSUF, 0, 0}, {"th", LX_ORDSUF, 0, 0},
    /* vague amounts */
    {"several", LX_VAGUE, 0, 0}, {"few", LX_VAGUE, 0, 0}, {"dozens", LX_VAGUE, 0, 0},
    {"hundreds", LX_VAGUE, 0, 0}, {"thousands", LX_VAGUE, 0, 0}, {"millions", LX_VAGUE, 0, 0},
    {"billions", LX_VAGUE, 0, 0}, {"trillions", LX_VAGUE, 0, 0}, {"tens", LX_VAGUE, 0, 0},
    {"multi", LX_VAGUE, 0, 0}, {"many", LX_VAGUE, 0, 0}, {"couple", LX_VAGUE, 0, 0},
    /* qualifier words (parsed in figures.c; listed so they are known words) */
    {"about", LX_QUALW | LX_PREP, 0, 0}, {"around", LX_QUALW, 0, 0},
    {"approximately", LX_QUALW, 0, 0}, {"roughly", LX_QUALW, 0, 0},
    {"some", LX_QUALW, 0, 0}, {"nearly", LX_QUALW, 0, 0}, {"almost", LX_QUALW, 0, 0},
    {"over", LX_QUALW | LX_PREP, 0, 0}, {"above", LX_QUALW, 0, 0},
    {"under", LX_QUALW | LX_PREP, 0, 0}, {"below", LX_QUALW, 0, 0},
    {"exceeding", LX_QUALW, 0, 0}, {"exceed", LX_QUALW, 0, 0}, {"exceeds", LX_QUALW, 0, 0},
    {"exceeded", LX_QUALW, 0, 0}, {"crossing", LX_QUALW, 0, 0}, {"beyond", LX_QUALW | LX_PREP, 0, 0},
    {"surpassing", LX_QUALW, 0, 0}, {"surpass", LX_QUALW, 0, 0}, {"estimated", LX_QUALW, 0, 0},
    {"circa", LX_QUALW, 0, 0}, {"another", LX_QUALW, 0, 0}, {"only", LX_QUALW, 0, 0},
    {"just", LX_QUALW, 0, 0}, {"least", LX_QUALW, 0, 0}, {"upwards", LX_QUALW, 0, 0},
    {"exactly", LX_QUALW, 0, 0}, {"total", LX_QUALW, 0, 0}, {"some", LX_QUALW, 0, 0},
    /* after a bare number that takes its neighbour's unit */
    {"globally", LX_LOCADV, 0, 0}, {"nationwide", LX_LOCADV, 0, 0},
    {"overseas", LX_LOCADV, 0, 0}, {"domestically", LX_LOCADV, 0, 0},
    {"internationally", LX_LOCADV, 0, 0}, {"elsewhere", LX_LOCADV, 0, 0},
    {"abroad", LX_LOCADV, 0, 0}, {"respectively", LX_DISTRIB | LX_LOCADV, 0, 0},
    {"both", LX_DISTRIB, 0, 0}, {"each", LX_DISTRIB, 0, 0},
    /* connectors */
    {"and", LX_CONNECT, 0, 0}, {"or", LX_CONNECT, 0, 0}, {"compared", LX_CONNECT, 0, 0},
    {"plus", LX_CONNECT, 0, 0},
    /* sources */
    {"according", LX_SOURCEV, 0, 0}, {"cited", LX_SOURCEV, 0, 0}, {"citing", LX_SOURCEV, 0, 0},
    {"estimates", LX_SOURCEV, 0, 0}, {"analysts", LX_SOURCEV, 0, 0}, {"analyst", LX_SOURCEV, 0, 0},
};

/* Adds classes to w (lower case), creating its entry. Returns 0 or -1. */
int fig_lex_add(struct fig_engine *eng, const char *w, uint32_t cls, double val, const char *str)
{
    size_t n = strlen(w);
    int idx = fig_map_get(&eng->lex, w, n, 0);
    if (idx >= 0) {
        fig_lex *e = &eng->lexv[idx];
        e->cls |= cls;
        if (val != 0 && e->val == 0)
            e->val = val;
        if (str && !e->str)
            e->str = str;
        return 0;
    }
    if (eng->nlex == eng->caplex) {
        size_t ncap = eng->caplex ? eng->caplex * 2 : 512;
        fig_lex *nv = realloc(eng->lexv, ncap * sizeof *nv);
        if (!nv)
            return -1;
        eng->lexv = nv;
        eng->caplex = ncap;
    }
    eng->lexv[eng->nlex].cls = cls;
    eng->lexv[eng->nlex].val = val;
    eng->lexv[eng->nlex].str = str;
    eng->lexv[eng->nlex].gz = -1;
    eng->lexv[eng->nlex].rule = -1;
    eng->lexv[eng->nlex].org = 0;
    if (fig_map_put(&eng->lex, w, n, (int)eng->nlex) < 0)
        return -1;
    eng->nlex++;
    return 0;
}

/* Records a first-word slot (gazetteer when rule is 0, rules otherwise)
 * on the lexicon entry of w, creating it. Returns 0 or -1. */
int fig_lex_slot(struct fig_engine *eng, const char *w, int slot, int rule)
{
    if (fig_lex_add(eng, w, 0, 0, NULL) < 0)
        return -1;
    int idx = fig_map_get(&eng->lex, w, strlen(w), 0);
    if (rule)
        eng->lexv[idx].rule = slot;
    else
        eng->lexv[idx].gz = slot;
    return 0;
}

/* Loads the fixed table. Returns 0 or -1 (out of memory). */
int fig_lexicon_init(struct fig_engine *eng)
{
    for (size_t i = 0; i < sizeof LEX / sizeof LEX[0]; i++)
        if (fig_lex_add(eng, LEX[i].w, LEX[i].cls, LEX[i].val, LEX[i].str) < 0)
            return -1;
    return 0;
}

/* The entry of a lower-cased word, or NULL. The pointer stays valid for
 * the engine's life once loading is over. */
const fig_lex *fig_lex_get(const struct fig_engine *eng, const char *w, size_t n, uint32_t h)
{
    int idx = fig_map_get(&eng->lex, w, n, h);
    return idx < 0 ? NULL : &eng->lexv[idx];
}
