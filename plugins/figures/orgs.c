/*
 * orgs.c - organisations the gazetteer does not know. A run of capitalised
 * words becomes an entity of the document when the text says it is an
 * organisation: a company word at its end ("Fermi America Corp", "Ionic
 * Digital", "Qatar Investment Authority"), an apposition ("Evroc, a Swedish
 * start-up,"), a company noun before it ("cable maker Fujikura"), a ticker
 * after it ("(NASDAQ: IREN)", ", Inc. (Nasdaq: X)"), a legal form after a
 * comma, its shares or stock, a possessive, or a company verb right after
 * it as the subject of a clause ("Beignet sold", "Fujikura rose 6%", a
 * headline's "X Reports Results"). Titles ("chief executive Jane Doe"),
 * speakers ("... said") and quoted names are not organisations. Once
 * found, the name (and the name without its company word: "Firmus" for
 * "Firmus Technologies", or its first word) is known for the rest of the
 * document without evidence; a longer name starting with it renames it.
 * Entities found this way are companies with no deal role (a utility when
 * the name ends in Power, Energy, Electric, Utilities, Cooperative); their ids
 * follow the gazetteer's.
 */
#include "fig_int.h"

#include <stdio.h>
#include <string.h>

/* Words that end an organisation's name. */
static const char *const SUFFIX[] = {
    "inc", "corp", "corporation", "ltd", "limited", "llc", "plc", "co", "group", "holdings",
    "holding", "technologies", "technology", "energy", "power", "capital", "partners", "digital",
    "systems", "networks", "cloud", "labs", "electric", "industries", "motor", "motors",
    "semiconductor", "semiconductors", "electronics", "computing", "infrastructure", "investments",
    "authority", "fund", "bank", "ventures", "investor", "investors", "telecom", "communications",
    "solutions", "services", "software", "platforms", "centers", "centres", "datacenters",
    "resources", "utilities", "robotics", "dynamics", "securities", "management", "renewables",
    "nuclear", "fusion", "asa", "ag", "sa", "nv", "gmbh", "spa", "bhd", "pte", "lp", "llp",
    "company", "enterprises", "international", "dataworks", "microsystems", "pharmaceuticals",
    "airlines", "compute",
};

/* Legal forms dropped from the name facts carry. */
static const char *const LEGAL[] = {
    "inc", "corp", "corporation", "ltd", "limited", "llc", "plc", "co", "asa", "ag", "sa", "nv",
    "gmbh", "spa", "bhd", "pte", "lp", "llp",
};

/* Nouns that say what an organisation is: "Evroc, a Swedish start-up";
 * "cable maker Fujikura". */
static const char *const NOUNS[] = {
    "company", "firm", "maker", "chipmaker", "startup", "start", "developer", "operator",
    "provider", "group", "giant", "utility", "fund", "investor", "lender", "owner", "manufacturer",
    "producer", "supplier", "landlord", "bank", "conglomerate", "subsidiary", "affiliate", "miner",
    "neocloud", "hyperscaler", "carrier", "insurer", "unicorn", "rival", "builder", "designer",
    "vendor", "specialist", "partner", "venture", "outfit", "business", "corporation", "lab",
    "laboratory", "platform", "manager", "reit", "arm",
};

/* Verbs that make the word before them a company acting. */
static const char *const VERBS[] = {
    "plans", "planned", "signed", "agreed", "raised", "reported", "posted", "announced", "expects",
    "invested", "invests", "committed", "commits", "pledged", "pledges", "aims", "wants",
    "intends", "targets", "bought", "buys", "acquired", "acquires", "sold", "sells", "won",
    "secured", "secures", "closed", "completed", "launched", "unveiled", "booked", "generated",
    "delivered", "operates", "owns", "holds", "leased", "leases", "struck", "inked", "landed",
    "disclosed", "guided", "forecast", "lifted", "hiked", "boosted", "lowered", "cut", "spent",
    "spends", "spending", "borrowed", "issued", "priced", "filed", "received", "obtained", "added",
    "expanded", "opened", "operates", "runs", "built", "builds", "contracted", "agreed", "will",
    "plans", "intends", "earmarked", "took", "takes", "bought",
    /* a headline's verbs: "X Reports Third Quarter Results", "X files plans" */
    "reports", "announces", "signs", "completes", "launches", "expands", "files", "breaks",
};

/* Words before a person's name. */
static const char *const TITLES[] = {
    "ceo", "cfo", "coo", "cto", "chief", "executive", "president", "chairman", "chairwoman",
    "chair", "founder", "cofounder", "co", "minister", "secretary", "director", "analyst",
    "officer", "spokesperson", "spokesman", "spokeswoman", "head", "mr", "ms", "mrs", "dr",
    "senator", "governor", "premier", "mayor", "economist", "strategist", "professor", "prof",
    "sir", "lord", "king", "prince", "sheikh", "vice", "treasurer", "commissioner", "ambassador",
    "representative", "rep", "sen", "gov", "judge", "chancellor", "managing",
    "republican", "democrat", "democratic", "attorney", "lawmaker", "coach", "manager",
    "editor", "reporter", "columnist", "author", "billionaire", "entrepreneur",
};

/* Words that start no name: days, and words a sentence starts with. */
static const char *const DAYS[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tomorrow", "since", "despite", "still", "yet", "also", "last", "earlier",
    "later", "now", "here", "there", "why", "how", "what", "when", "where", "so", "once",
    "following", "overall", "instead", "separately", "elsewhere", "together", "analysts",
    "investors", "shares", "sources", "officials", "executives", "experts", "critics",
    /* regions and sales segments: "Asia Pacific was up 21%", "EMEA declined" */
    "asia", "apac", "emea", "americas", "europe", "latam", "mena", "latin", "middle", "greater",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
};

/* Words that end a division's or a sector's name ("Infrastructure
 * Solutions Group", "Gas Services", "Power & Utilities"), and the generic
 * words such names are made of: a run of these only is a part of a company
 * or a report's heading, not a company. */
static const char *const DIVEND[] = {
    "group", "solutions", "services", "division", "segment", "unit", "business", "businesses",
    "products", "operations", "utilities", "systems",
};

static const char *const SEGMENT[] = {
    "infrastructure", "client", "consumer", "commercial", "enterprise", "enterprises",
    "government", "public", "industrial", "data", "center", "centre", "centers", "centres",
    "cloud", "intelligent", "productivity", "personal", "computing", "compute", "gaming",
    "automotive", "embedded", "healthcare", "health", "financial", "mobile", "wireless", "network",
    "networks", "networking", "storage", "server", "servers", "software", "device", "devices",
    "technology", "media", "advertising", "retail", "transmission", "distribution", "generation",
    "renewable", "renewables", "wind", "solar", "nuclear", "gas", "grid", "power", "energy",
    "electric", "semiconductor", "semiconductors", "memory", "foundry", "logic", "analog",
    "platform", "platforms", "professional", "global", "international", "markets", "wealth",
    "asset", "management", "banking", "insurance", "security", "defense", "defence", "aerospace",
    "mining", "materials", "chemicals", "sciences", "specialty", "graphics", "visual", "home",
    "office", "water", "oil", "transport", "logistics", "payments", "advisory", "research",
    "corporate", "customer", "digital", "integrated", "managed", "hybrid", "edge", "ai",
    "hardware", "north", "american", "americas", "european", "asian", "pacific", "regulated",
};

static const char *const SPEAKS[] = {
    "said", "says", "told", "noted", "added", "wrote", "explained", "argued", "warned", "stated",
    "commented", "tweeted", "posted",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The LO_* bits of token i (0 for a word in no list). */
static inline unsigned tok_org(const fig_sent *st, int i)
{
    if (i < 0 || i >= st->n || st->tok[i].type != TK_WORD || !st->tok[i].lex)
        return 0;
    return st->tok[i].lex->org;
}

/* See fig_int.h. */
int fig_orgs_init(struct fig_engine *eng)
{
    static const struct {
        const char *const *w;
        size_t n;
        unsigned bit;
    } lists[] = {
        {SUFFIX, NELEM(SUFFIX), LO_SUFFIX}, {LEGAL, NELEM(LEGAL), LO_LEGAL},
        {NOUNS, NELEM(NOUNS), LO_NOUN},     {VERBS, NELEM(VERBS), LO_VERB},
        {TITLES, NELEM(TITLES), LO_TITLE},  {DAYS, NELEM(DAYS), LO_DAY},
        {SPEAKS, NELEM(SPEAKS), LO_SPEAK},  {DIVEND, NELEM(DIVEND), LO_DIVEND},
        {SEGMENT, NELEM(SEGMENT), LO_SEGMENT},
    };
    for (size_t l = 0; l < NELEM(lists); l++)
        for (size_t k = 0; k < lists[l].n; k++) {
            const char *w = lists[l].w[k];
            if (fig_lex_add(eng, w, 0, 0, NULL) < 0)
                return -1;
            fig_lex *e = (fig_lex *)fig_lex_get(eng, w, strlen(w), 0);
            if (e)
                e->org |= lists[l].bit;
        }
    return 0;
}

/* 1 if token i is a capitalised word that may be part of a name. */
static int name_word(const fig_sent *st, int i)
{
    const fig_tok *t = &st->tok[i];
    if (t->type != TK_WORD || !(t->flags & (TF_CAP | TF_CAMEL)))
        return 0;
    if (t->lex && (t->lex->cls & (LX_MONTH | LX_PREP | LX_DETERM | LX_PRON | LX_CONNECT |
                                  LX_CLAUSE | LX_NUM | LX_SCALE | LX_CURCODE | LX_CURWORD |
                                  LX_POWER | LX_PCT | LX_COUNT)))
        return 0;
    return 1;
}

/* 1 if token i may start a name: a capitalised word that is no word the
 * extractor knows (a metric cue, a function word, a unit). */
static int name_start(const fig_sent *st, int i)
{
    const fig_tok *t = &st->tok[i];
    if (!name_word(st, i) || fig_lex_known(t->lex) || (t->flags & TF_DIGIT))
        return 0;
    return !(tok_org(st, i) & LO_DAY);
}

/* Copies the text of tokens [a, b) into out (n bytes), dropping legal
 * forms at the end. Returns its length or 0. */
static size_t name_text(const char *doc, const fig_sent *st, int a, int b, char *out, size_t n)
{
    while (b - 1 > a && ((tok_org(st, b - 1) & LO_LEGAL) || tok_sym(st, b - 1, '.') ||
                         tok_sym(st, b - 1, ',')))
        b--;
    size_t s = st->tok[a].off, e = st->tok[b - 1].off + st->tok[b - 1].len;
    if (e - s + 1 > n)
        return 0;
    /* one space between words, whatever the text has */
    size_t l = 0;
    for (int k = a; k < b; k++) {
        const fig_tok *t = &st->tok[k];
        if (k > a && (t->flags & TF_SPACE))
            out[l++] = ' ';
        memcpy(out + l, doc + t->off, t->len);
        l += t->len;
    }
    out[l] = 0;
    return l;
}

#define NSLOT (4 * FIG_DYN_MAX)

/* The dynamic entity named name (or its base), or -1. */
static int dyn_lookup(const fig_docstate *ds, const char *name, size_t len)
{
    uint32_t h = fig_hash(name, len);
    for (size_t j = h & (NSLOT - 1);; j = (j + 1) & (NSLOT - 1)) {
        int k = ds->dyn_slot[j] - 1;
        if (k < 0)
            return -1;
        if (strcmp(ds->dyn_name[k], name) == 0 || strcmp(ds->dyn_base[k], name) == 0 ||
            strcmp(ds->dyn_abbr[k], name) == 0)
            return k;
    }
}

/* Files name under entity k in the hash table. */
static void dyn_index(fig_docstate *ds, const char *name, int k)
{
    size_t j = fig_hash(name, strlen(name)) & (NSLOT - 1);
    while (ds->dyn_slot[j])
        j = (j + 1) & (NSLOT - 1);
    ds->dyn_slot[j] = (short)(k + 1);
    ds->dyn_used++;
}

/* 1 if the clause-opening position before token a makes a name there the
 * subject: the sentence start, punctuation, a conjunction, "the". */
static int subject_slot(const fig_sent *st, int a)
{
    int p = a - 1;
    if (tok_is(st, p, "the"))
        p--;
    if (p < 0)
        return 1;
    const fig_tok *t = &st->tok[p];
    if (t->type == TK_SYM)
        return t->cp != '"' && t->cp != 0x201C && t->cp != '\'' && t->cp != 0x2018 &&
               t->cp != '$' && t->cp != '/';
    return tok_is(st, p, "and") || tok_is(st, p, "while") || tok_is(st, p, "but") ||
           tok_is(st, p, "meanwhile") || tok_is(st, p, "whereas") || tok_is(st, p, "as") ||
           tok_is(st, p, "after") || tok_is(st, p, "when") || tok_is(st, p, "since") ||
           tok_is(st, p, "then") || tok_is(st, p, "also");
}

/* 1 if tokens [a, b) are generic words ending in a division's word
 * ("Client Solutions Group", "Gas Services", "Power & Utilities"). */
static int division_name(const fig_sent *st, int a, int b)
{
    if (b - a < 2 || !(tok_org(st, b - 1) & LO_DIVEND))
        return 0;
    for (int k = a; k < b - 1; k++)
        if (!(tok_org(st, k) & (LO_SEGMENT | LO_DIVEND)) && !tok_sym(st, k, '&') &&
            !tok_is(st, k, "and"))
            return 0;
    return 1;
}

/* 1 if a legal form follows token b - 1 after a comma: "X, Inc.", "X,
 * LLC" (a release's way of writing its own name). */
static int legal_after(const fig_sent *st, int b)
{
    return tok_sym(st, b, ',') && (tok_org(st, b + 1) & LO_LEGAL) &&
           (st->tok[b + 1].flags & TF_CAP);
}

/* 1 if a bracketed exchange and ticker follow token b - 1, over a legal
 * form: "(Nasdaq: HLX)", ", Inc. (NYSE: Q)", "(TSX: ABC)". */
static int exchange_ticker(const fig_sent *st, int b)
{
    if (legal_after(st, b))
        b += 2 + tok_sym(st, b + 2, '.');
    return tok_sym(st, b, '(') && b + 3 < st->n && st->tok[b + 1].type == TK_WORD &&
           (st->tok[b + 1].flags & TF_CAP) && tok_sym(st, b + 2, ':') &&
           st->tok[b + 3].type == TK_WORD && (st->tok[b + 3].flags & TF_UPPER);
}

/* 1 if a part of a place follows token b - 1 within three words
 * ("... Interlake region", "... capital"): the name before is a place's. */
static int place_part(const fig_sent *st, int b)
{
    static const char *const part[] = {"region", "province", "county", "city", "district", "valley",
                                       "coast", "capital", "desert", "interior", "countryside"};
    for (int j = b; j < st->n && j < b + 4 && st->tok[j].type == TK_WORD; j++)
        if (word_of(st, j, part, sizeof part / sizeof part[0]))
            return 1;
    return 0;
}

/* Evidence that tokens [a, b) name an organisation (see the top). */
static int org_evidence(const fig_sent *st, int a, int b, int sent0, int known)
{
    int nw = 0, single_acronym = 0;
    for (int k = a; k < b; k++)
        nw += st->tok[k].type == TK_WORD;
    if (nw == 1 && (st->tok[a].flags & TF_UPPER) && st->tok[a].len <= 3)
        single_acronym = 1;
    /* a person: a title before, a title after the comma, or the phrase
     * starting with one */
    if ((tok_org(st, a - 1) & LO_TITLE) || (tok_org(st, a - 2) & LO_TITLE))
        return 0;
    for (int k = a; k < b; k++)
        if (tok_org(st, k) & LO_TITLE)
            return 0;
    if (tok_sym(st, b, ',') && (tok_org(st, b + 1) & LO_TITLE))
        return 0;
    /* a participle after a comma in a headline in title case: ", Bringing
     * Total Contracted Capacity to 400 MW" */
    if (a > 0 && tok_sym(st, a - 1, ',') && st->tok[a].len > 4 &&
        memcmp(st->doc + st->tok[a].off + st->tok[a].len - 3, "ing", 3) == 0)
        return 0;
    /* a plant or a site is no organisation: "Comanche Peak's two units",
     * "Susquehanna Station", "Polaris Forge Park" */
    if (nw >= 2) {
        int e = b - 1;
        if (tok_is(st, e, "peak") || tok_is(st, e, "station") || tok_is(st, e, "plant") ||
            tok_is(st, e, "park") || tok_is(st, e, "farm") || tok_is(st, e, "dam") ||
            tok_is(st, e, "reactor") || tok_is(st, e, "site") || tok_is(st, e, "facility") ||
            tok_is(st, e, "field") || tok_is(st, e, "mine") || tok_is(st, e, "hub"))
            return 0;
    }
    /* a project is no organisation: "Project Rainier", "Operation Warp" */
    if (tok_is(st, a, "project") || tok_is(st, a, "operation") || tok_is(st, a, "programme") ||
        tok_is(st, a, "program") || tok_is(st, a, "mission"))
        return 0;
    /* quoted names are products and programmes */
    if (a > 0 && st->tok[a - 1].type == TK_SYM &&
        (st->tok[a - 1].cp == '"' || st->tok[a - 1].cp == 0x201C || st->tok[a - 1].cp == 0x2018))
        return 0;
    /* a division after a company the text named, or a heading ("North
     * American Power & Utilities | Sector note"): a ticker or an apposition
     * still makes it a company */
    int division = division_name(st, a, b) &&
                   (known || b >= st->n || tok_sym(st, b, '|') || tok_sym(st, b, ':') ||
                    (st->tok[b].flags & TF_NL) || tok_sym(st, a - 1, '|'));
    /* a part of a company the text named: "the Intelligent Cloud unit",
     * "its Power segment" */
    if (known && (tok_is(st, b, "unit") || tok_is(st, b, "units") || tok_is(st, b, "segment") ||
                  tok_is(st, b, "division") || tok_is(st, b, "business") || tok_is(st, b, "arm")))
        division = 1;
    /* a company word at the end */
    if (nw >= 2 && (tok_org(st, b - 1) & LO_SUFFIX) && !division)
        return 1;
    /* a ticker: "(NASDAQ: IREN)", "(NYSE: X)" */
    if (tok_sym(st, b, '(') && b + 1 < st->n && (st->tok[b + 1].flags & TF_UPPER) &&
        st->tok[b + 1].type == TK_WORD && (tok_sym(st, b + 2, ':') || tok_sym(st, b + 2, ')')))
        return 1;
    /* a press release's legal name: "Halvorsen Grid, Inc. (Nasdaq: HVG)",
     * "Qorvane Systems, Ltd." */
    if (legal_after(st, b) || exchange_ticker(st, b))
        return 1;
    /* a title and a person's name after it: "Qai chief executive Ahmed
     * Al-Sayed", "Lumora CFO Dana Reyes" */
    if (tok_org(st, b) & LO_TITLE) {
        int k = b;
        while (k < st->n && k < b + 4 && (tok_org(st, k) & LO_TITLE))
            k++;
        if (k < st->n && st->tok[k].type == TK_WORD && (st->tok[k].flags & TF_CAP) &&
            !(tok_org(st, k) & LO_TITLE) && !fig_lex_known(st->tok[k].lex))
            return 1;
    }
    /* a joint venture named before its noun: "the Hyperion joint venture",
     * "the Polaris JV" */
    if ((tok_is(st, b, "joint") && tok_is(st, b + 1, "venture")) || tok_is(st, b, "jv"))
        return 1;
    /* a company noun before: "cable maker Fujikura", "start-up Evroc" */
    if ((tok_org(st, a - 1) & LO_NOUN) && !(st->tok[a - 1].flags & TF_CAP))
        return 1;
    if (tok_is(st, a - 1, "up") && tok_is_dash(st, a - 2) && tok_is(st, a - 3, "start"))
        return 1;
    /* the name in commas after a company noun: "a Galician start-up, Eolia
     * Norte, said", "The city utility, MLGW, has agreed" */
    if (tok_sym(st, a - 1, ',') && tok_sym(st, b, ',') &&
        (((tok_org(st, a - 2) & LO_NOUN) && !(st->tok[a - 2].flags & TF_CAP)) ||
         (tok_is(st, a - 2, "up") && tok_is_dash(st, a - 3) && tok_is(st, a - 4, "start"))))
        return 1;
    /* a person quoted after the verb: "..., said Carla Reyes, a partner at
     * Halden" (a company word or a ticker has spoken for a company above) */
    if (a > 0 && (tok_org(st, a - 1) & LO_SPEAK))
        return 0;
    /* an apposition: "X, a Texas start-up,"; not a person's post: "X, a
     * research director at the firm", "X, a partner at Halden" */
    if (tok_sym(st, b, ',') && (tok_is(st, b + 1, "a") || tok_is(st, b + 1, "an") ||
                                tok_is(st, b + 1, "the"))) {
        for (int k = b + 2; k < st->n && k < b + 10; k++) {
            if (st->tok[k].type == TK_SYM && (st->tok[k].cp == ',' || st->tok[k].cp == ';' ||
                                              st->tok[k].cp == '.'))
                break;
            if ((tok_org(st, k) & LO_TITLE) && !(st->tok[k].flags & TF_CAP))
                break;
            if ((tok_org(st, k) & LO_NOUN) && !(st->tok[k].flags & TF_CAP)) {
                if (tok_is(st, k + 1, "at"))
                    break;
                return 1;
            }
        }
    }
    if (single_acronym || division)
        return 0;
    /* its shares: "Fujikura shares", "shares of Anant Raj" */
    if (tok_is(st, b, "shares") || tok_is(st, b, "stock") ||
        ((tok_is(st, a - 2, "shares") || tok_is(st, a - 2, "stock")) && tok_is(st, a - 1, "of")))
        return 1;
    /* a possessive inside a sentence: "Firmus' plan" (not a place's:
     * "Manitoba's Interlake region") */
    if ((st->tok[b - 1].flags & TF_POSS) && (a > sent0 || nw >= 2) && !place_part(st, b))
        return 1;
    /* a name written lower case first ("eStruxture", "d-Matrix") is no
     * word a sentence starts with, nor a person's name: it may speak */
    int odd = (st->tok[a].flags & TF_CAMEL) ||
              (tok_is_dash(st, a + 1) && st->tok[a].len == 1 && !(st->tok[a].flags & TF_CAP));
    /* the subject acting: "Beignet sold", "Fujikura rose 6%" */
    if (subject_slot(st, a) && (a > sent0 || nw >= 2 || odd) &&
        (odd || !(tok_org(st, b) & LO_SPEAK))) {
        int v = b;
        if (tok_is(st, v, "also") || tok_is(st, v, "has") || tok_is(st, v, "had") ||
            tok_is(st, v, "will") || tok_is(st, v, "would") || tok_is(st, v, "is") ||
            tok_is(st, v, "was") || tok_is(st, v, "then") || tok_is(st, v, "now") ||
            tok_is(st, v, "later") || tok_is(st, v, "recently"))
            v++;
        if ((tok_org(st, v) & LO_VERB) || (tok_cls(st, v) & LX_MOVE) ||
            (odd && (tok_org(st, v) & LO_SPEAK)))
            return 1;
    }
    return 0;
}

/* 1 if token a, the first word of a longer name, may stand for the whole
 * name later in the text ("Halvorsen" for "Halvorsen Grid"): a word of
 * its own, not a generic one ("American", "New", "Data"), a company or
 * segment word, nor a word the extractor knows. */
static int short_form(const fig_sent *st, int a)
{
    const fig_tok *t = &st->tok[a];
    if (t->type != TK_WORD || t->len < 3 || (t->flags & (TF_DIGIT | TF_POSS)) ||
        fig_lex_known(t->lex) || tok_org(st, a))
        return 0;
    static const char *const generic[] = {
        "new", "first", "united", "national", "general", "royal", "great", "big", "saudi",
        "abu", "hong", "san", "los", "las", "st", "saint", "fort", "port", "lake", "mount",
        "red", "blue", "green", "black", "white", "golden", "silver", "true", "open", "next",
        "prime", "super", "hyper", "smart", "advanced", "applied", "digital", "quantum",
    };
    for (size_t k = 0; k < NELEM(generic); k++)
        if (tok_is_var(st, a, generic[k]))
            return 0;
    return 1;
}

/* Registers a name (and its base without a company word) as a dynamic
 * entity. Returns its index, or -1 when the table is full. */
static int dyn_add(const fig_sent *st, fig_docstate *ds, const char *name, int a, int b)
{
    if (ds->ndyn >= FIG_DYN_MAX)
        return -1;
    int k = ds->ndyn++;
    snprintf(ds->dyn_name[k], sizeof ds->dyn_name[k], "%s", name);
    ds->dyn_base[k][0] = 0;
    /* the base: "Firmus" for "Firmus Technologies", when one word remains;
     * else the first word of a longer name when it is no generic word
     * ("Halvorsen" for "Halvorsen Grid Partners", written so later) */
    int e = b;
    while (e - 1 > a && (tok_org(st, e - 1) & LO_SUFFIX))
        e--;
    if ((e < b && e - a == 1) || (b - a >= 2 && short_form(st, a))) {
        size_t l = st->tok[a].len;
        if (l < sizeof ds->dyn_base[k] && !fig_lex_known(st->tok[a].lex)) {
            memcpy(ds->dyn_base[k], st->doc + st->tok[a].off, l);
            ds->dyn_base[k][l] = 0;
        }
    }
    ds->dyn_abbr[k][0] = 0;
    dyn_index(ds, ds->dyn_name[k], k);
    if (ds->dyn_base[k][0])
        dyn_index(ds, ds->dyn_base[k], k);
    fig_entity *en = &ds->dyn[k];
    en->name = ds->dyn_name[k];
    en->type = ET_COMPANY;
    /* a name ending in a word of electricity sells power in a deal
     * ("Tarrow Power", "Redbud Valley Electric Cooperative") */
    int w = b - 1;
    en->role = tok_is(st, w, "power") || tok_is(st, w, "energy") || tok_is(st, w, "electric") ||
                       tok_is(st, w, "utilities") || tok_is(st, w, "cooperative")
                   ? ER_UTILITY
                   : ER_NONE;
    en->cik = NULL;
    return k;
}

/* A name of several words whose first word is the short form of an
 * organisation found before, and which is that organisation's name or a
 * longer one ("Halvorsen Grid Partners" after "Halvorsen Grid"): the
 * organisation, now under the longer name, so that every fact of one
 * company carries the fullest form the text gives (facts are held until
 * the document ends, see extract.c). Returns its index or -1. */
static int dyn_longer(const fig_sent *st, fig_docstate *ds, const char *name, int a)
{
    char first[FIG_DYN_NAME];
    size_t l = st->tok[a].len;
    if (l >= sizeof first)
        return -1;
    memcpy(first, st->doc + st->tok[a].off, l);
    first[l] = 0;
    int k = dyn_lookup(ds, first, l);
    if (k < 0 || strcmp(ds->dyn_base[k], first) != 0)
        return -1;
    size_t nl = strlen(name), ol = strlen(ds->dyn_name[k]);
    if (nl > ol && strncmp(name, ds->dyn_name[k], ol) == 0 && name[ol] == ' ') {
        /* the longer name; the shorter one is found again through the
         * short form (the table is kept at most half full) */
        if (ds->dyn_used >= NSLOT / 2)
            return k;
        snprintf(ds->dyn_name[k], sizeof ds->dyn_name[k], "%s", name);
        dyn_index(ds, ds->dyn_name[k], k);
        return k;
    }
    if (ol > nl && strncmp(ds->dyn_name[k], name, nl) == 0 && ds->dyn_name[k][nl] == ' ')
        return k; /* a shorter form of the name */
    return -1;
}

/* 1 if token i names a period, no part of a name: "Q2", "H1", "FY26",
 * "FY2026". */
static int period_word(const fig_sent *st, int i)
{
    const fig_tok *t = &st->tok[i];
    const char *w = st->doc + t->off;
    if (t->type != TK_WORD)
        return 0;
    if (t->len == 2 && (w[0] == 'Q' || w[0] == 'H') && w[1] >= '1' && w[1] <= '4')
        return w[0] == 'Q' || w[1] <= '2';
    if ((t->len == 4 || t->len == 6) && w[0] == 'F' && w[1] == 'Y') {
        for (size_t k = 2; k < t->len; k++)
            if (w[k] < '0' || w[k] > '9')
                return 0;
        return 1;
    }
    return 0;
}

/* An acronym in brackets right after the name at [a, b) ("Northwind Power
 * Cooperative (NPC)") names organisation k too for the rest of the text. */
static void dyn_abbreviation(const fig_sent *st, fig_docstate *ds, int k, int b)
{
    if (!tok_sym(st, b, '(') || !tok_sym(st, b + 2, ')') || b + 2 >= st->n || ds->dyn_abbr[k][0] ||
        ds->dyn_used >= NSLOT / 2)
        return;
    const fig_tok *t = &st->tok[b + 1];
    if (t->type != TK_WORD || !(t->flags & TF_UPPER) || t->len < 2 || t->len > 6 || (t->flags & TF_DIGIT))
        return;
    memcpy(ds->dyn_abbr[k], st->doc + t->off, t->len);
    ds->dyn_abbr[k][t->len] = 0;
    dyn_index(ds, ds->dyn_abbr[k], k);
}

/* See fig_int.h. */
int fig_org_find(const struct fig_engine *eng, const fig_sent *st, fig_docstate *ds,
                 fig_mention *out, int n, int max)
{
    const char *doc = st->doc;
    int base = (int)eng->entities.n;
    fig_mention extra[32];
    int ne = 0, next = 0;
    int sent0 = 0;
    /* a heading or bullet mark does not move the sentence start */
    while (sent0 < st->n && sent0 < 3 && st->tok[sent0].type == TK_SYM)
        sent0++;
    /* only where the tokenizer saw a capitalised unknown word (all tokens
     * when it saw too many) */
    int nc = st->ncand >= 0 ? st->ncand : st->n, ci = 0, done = -1;
    for (; ci < nc && ne < (int)NELEM(extra); ci++) {
        int i = st->ncand >= 0 ? st->cand[ci] : ci;
        if (i <= done || i >= st->n)
            continue;
        /* skip the gazetteer's mentions */
        while (next < n && out[next].tok + out[next].ntok <= i)
            next++;
        if (next < n && out[next].tok <= i)
            continue;
        if (!(st->tok[i].flags & (TF_CAP | TF_CAMEL)) || !name_start(st, i))
            continue;
        int b = i + 1;
        while (b < st->n && b < i + 6 && !(st->tok[b].flags & TF_NL) &&
               (next >= n || b < out[next].tok)) {
            if (st->tok[b - 1].flags & TF_POSS)
                break;
            /* a headline's verb ends the name: "Ellory Grid Reports Results" */
            if (tok_org(st, b) & LO_VERB)
                break;
            if (period_word(st, b))
                break; /* "Lumora Cloud Q2 2026 Earnings Call" */
            if (name_word(st, b) || (st->tok[b].type == TK_WORD && (st->tok[b].flags & TF_DIGIT) &&
                                     (st->tok[b].flags & TF_CAP))) {
                b++;
                continue;
            }
            /* "Larsen & Toubro" */
            if (tok_sym(st, b, '&') && b + 1 < st->n && name_word(st, b + 1) &&
                (next >= n || b + 1 < out[next].tok)) {
                b += 2;
                continue;
            }
            break;
        }
        /* a lower-case letter and a dash glued before it: "d-Matrix" */
        int i0 = i;
        if (i >= 2 && tok_is_dash(st, i - 1) && !(st->tok[i].flags & TF_SPACE) &&
            !(st->tok[i - 1].flags & TF_SPACE) && st->tok[i - 2].type == TK_WORD &&
            st->tok[i - 2].len == 1 && !(st->tok[i - 2].flags & TF_CAP) &&
            (next == 0 || out[next - 1].tok + out[next - 1].ntok <= i - 2))
            i = i - 2;
        char name[FIG_DYN_NAME];
        int d = -1;
        size_t nl = name_text(doc, st, i, b, name, sizeof name);
        if (nl) {
            d = ds->ndyn ? dyn_lookup(ds, name, nl) : -1;
            if (d < 0 && ds->ndyn && b - i >= 2)
                d = dyn_longer(st, ds, name, i);
            if (d < 0 && org_evidence(st, i, b, sent0, ds->dom_c1 > 0 || n > 0))
                d = dyn_add(st, ds, name, i, b);
        }
        if (d < 0)
            i = i0;
        if (d >= 0) {
            dyn_abbreviation(st, ds, d, b);
            extra[ne].tok = i;
            extra[ne].ntok = b - i;
            extra[ne].entity = base + d;
            ne++;
        }
        done = b - 1;
    }
    if (!ne)
        return n;
    /* merge in token order */
    int total = n + ne < max ? n + ne : max;
    int a = n - 1, e = ne - 1;
    for (int k = n + ne - 1; k >= 0; k--) {
        fig_mention m;
        if (e < 0 || (a >= 0 && out[a].tok > extra[e].tok))
            m = out[a--];
        else
            m = extra[e--];
        if (k < total)
            out[k] = m;
    }
    return total;
}

/* See fig_int.h. */
const fig_entity *fig_entity_at(const struct fig_engine *eng, const fig_docstate *ds, int e)
{
    size_t ne = eng->entities.n;
    if (e < 0)
        return NULL;
    if ((size_t)e < ne)
        return eng->entities.v[e];
    if (ds && (size_t)e - ne < (size_t)ds->ndyn)
        return &ds->dyn[e - ne];
    return NULL;
}
