/*
 * test_figures.c - unit tests of the figure extractor, as data: each row is
 * a sentence written for this suite, a span that must (or must not) come
 * out, and what it must say. Then bad inputs: invalid UTF-8, NUL bytes, a
 * huge line, 10,000-digit numbers, 100,000 figures, no sentences.
 */
#include "figures.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static fig_engine *E;

typedef struct got {
    char text[160];
    int kind;
    double low, high;
    char unit[16], per[16], metric[32], entity[64], cp[64], period[24];
    int qual;
    size_t start_cp, start_byte;
} got;

typedef struct gots {
    got v[64];
    int n;
    size_t total;
} gots;

static int collect(const fig_fact *f, void *ud)
{
    gots *g = ud;
    g->total++;
    if (g->n >= 64)
        return 0;
    got *o = &g->v[g->n++];
    memset(o, 0, sizeof *o);
    snprintf(o->text, sizeof o->text, "%.*s", (int)f->text_len, f->text);
    o->kind = f->kind;
    o->low = f->low;
    o->high = f->high;
    snprintf(o->unit, sizeof o->unit, "%s", f->unit);
    snprintf(o->per, sizeof o->per, "%s", f->per ? f->per : "");
    snprintf(o->metric, sizeof o->metric, "%s", f->metric);
    snprintf(o->entity, sizeof o->entity, "%s", f->entity ? f->entity : "");
    snprintf(o->cp, sizeof o->cp, "%s", f->counterparty ? f->counterparty : "");
    snprintf(o->period, sizeof o->period, "%s", f->period ? f->period : "");
    o->qual = f->qualifier;
    o->start_cp = f->start_cp;
    o->start_byte = f->start_byte;
    return 0;
}

static gots run_year(const char *s, int year)
{
    gots g;
    memset(&g, 0, sizeof g);
    fig_doc_info info = {year, 6, 1};
    int rc = fig_extract(E, s, strlen(s), year ? &info : NULL, collect, &g);
    ck_assert_int_eq(rc, FIG_OK);
    return g;
}

/* The fact whose span contains needle, or NULL. */
static const got *find(const gots *g, const char *needle)
{
    for (int i = 0; i < g->n; i++)
        if (strstr(g->v[i].text, needle))
            return &g->v[i];
    return NULL;
}

static int close_to(double a, double b)
{
    return fabs(a - b) <= 1e-6 * fmax(1.0, fabs(b));
}

/* ------------------------------------------------------------------------
 * Figures: value, unit, rate, qualifier
 * --------------------------------------------------------------------- */

enum { M = FIG_MONEY, P = FIG_POWER, C = FIG_COUNT, PC = FIG_PERCENT };
enum { QN = FIG_Q_NONE, QA = FIG_Q_ABOUT, QO = FIG_Q_OVER, QU = FIG_Q_UNDER, QT = FIG_Q_UP_TO,
       QNR = FIG_Q_NEARLY, QL = FIG_Q_AT_LEAST };

typedef struct fcase {
    const char *sentence, *span;
    int kind;
    double low, high;
    const char *unit, *per;
    int qual;
} fcase;

static const fcase FIG[] = {
    /* currencies before and after, codes, symbols */
    {"Acme plans to spend $4.5 billion on new halls.", "$4.5 billion", M, 4.5e9, 4.5e9, "USD", "", QN},
    {"The startup raised US$300 million last week.", "US$300 million", M, 3e8, 3e8, "USD", "", QN},
    {"Orders reached €2.4bn in the quarter.", "€2.4bn", M, 2.4e9, 2.4e9, "EUR", "", QN},
    {"The fund committed £800m to the scheme.", "£800m", M, 8e8, 8e8, "GBP", "", QN},
    {"A ¥50 billion subsidy was approved.", "¥50 billion", M, 5e10, 5e10, "JPY", "", QN},
    {"The budget is 12 billion euros this time.", "12 billion euros", M, 1.2e10, 1.2e10, "EUR", "", QN},
    {"It paid 7 billion dollars in cash.", "7 billion dollars", M, 7e9, 7e9, "USD", "", QN},
    {"The board approved USD 2.75 billion in spending.", "USD 2.75 billion", M, 2.75e9, 2.75e9, "USD", "", QN},
    {"The contract is worth $3.2 billion USD over time.", "$3.2 billion USD", M, 3.2e9, 3.2e9, "USD", "", QN},
    {"The ministry set aside Rs 5,000 crore for the grid.", "Rs 5,000 crore", M, 5e10, 5e10, "INR", "", QN},
    {"The campus cost C$1.1 billion to build.", "C$1.1 billion", M, 1.1e9, 1.1e9, "CAD", "", QN},
    /* a price per unit of time: "per GPU-hour" */
    {"Rents run at $3.80 to $4.50 per GPU-hour for H100s.", "$3.80 to $4.50 per GPU-hour", M, 3.8,
     4.5, "USD", "hour", QN},
    /* currencies named by their word, with the country's adjective or without */
    {"Grupo Norte will invest 18 billion pesos in Queretaro.", "18 billion pesos", M, 1.8e10, 1.8e10,
     "MXN", "", QN},
    {"Its revenue was 452.3 billion New Taiwan dollars.", "452.3 billion New Taiwan dollars", M,
     4.523e11, 4.523e11, "TWD", "", QN},
    {"The bond raised 3 billion Hong Kong dollars.", "3 billion Hong Kong dollars", M, 3e9, 3e9,
     "HKD", "", QN},
    {"Telenor will spend 2 billion Norwegian kroner on the hall.", "2 billion Norwegian kroner", M,
     2e9, 2e9, "NOK", "", QN},
    {"The site will cost 500 million Swedish kronor.", "500 million Swedish kronor", M, 5e8, 5e8,
     "SEK", "", QN},
    {"A local group put in 12 billion Philippine pesos.", "12 billion Philippine pesos", M, 1.2e10,
     1.2e10, "PHP", "", QN},
    {"The park will cost 20 billion ringgit over a decade.", "20 billion ringgit", M, 2e10, 2e10,
     "MYR", "", QN},
    /* scale words and abbreviations, attached or spaced */
    {"Tickets sold for $7k each.", "$7k", M, 7e3, 7e3, "USD", "", QN},
    {"Profit was $15 mn in May.", "$15 mn", M, 1.5e7, 1.5e7, "USD", "", QN},
    {"Sales hit $15 mln in May.", "$15 mln", M, 1.5e7, 1.5e7, "USD", "", QN},
    {"The cluster cost $8bn in all.", "$8bn", M, 8e9, 8e9, "USD", "", QN},
    {"Its valuation topped $4B today.", "$4B", M, 4e9, 4e9, "USD", "", QN},
    {"Buildout costs could reach $1.2tn by then.", "$1.2tn", M, 1.2e12, 1.2e12, "USD", "", QN},
    {"The grid needs $3 trillion more.", "$3 trillion", M, 3e12, 3e12, "USD", "", QN},
    {"The unit booked $250M in orders.", "$250M", M, 2.5e8, 2.5e8, "USD", "", QN},
    {"Rent is $120 thousand a month.", "$120 thousand", M, 1.2e5, 1.2e5, "USD", "month", QN},
    /* ringgit and rupiah, glued or spaced */
    {"YTL will invest about RM20 billion in the park.", "RM20 billion", M, 2e10, 2e10, "MYR", "",
     QA},
    {"The state pledged Rp 500 trillion for the plan.", "Rp 500 trillion", M, 5e14, 5e14, "IDR", "",
     QN},
    /* counts over an adjective, a compound, a possessive, two model names */
    {"The lab will deploy 20,000 domestic AI chips next year.", "20,000 domestic AI chips", C, 2e4,
     2e4, "chip", "", QN},
    {"It runs 5,000 self-developed Ascend 910B chips.", "5,000 self-developed Ascend 910B chips", C,
     5e3, 5e3, "chip", "", QN},
    {"The broker bought 12,000 of AMD's MI355X chips.", "12,000 of AMD's MI355X chips", C, 1.2e4,
     1.2e4, "chip", "", QN},
    /* a model number written apart is part of the name, not the count */
    {"The startup will ship 80,000 Kestrel 520 processors.", "80,000 Kestrel 520 processors", C,
     8e4, 8e4, "chip", "", QN},
    {"Intel sold some 10,000 Gaudi 3 accelerators.", "some 10,000 Gaudi 3 accelerators", C, 1e4,
     1e4, "accelerator", "", QA},
    {"It ordered about 40,000 Nvidia B200 and B300 GPUs.", "40,000 Nvidia B200 and B300 GPUs", C,
     4e4, 4e4, "gpu", "", QA},
    {"The firm ordered 40 thousand GPUs.", "40 thousand GPUs", C, 4e4, 4e4, "gpu", "", QN},
    {"A $10-billion expansion was announced.", "$10-billion", M, 1e10, 1e10, "USD", "", QN},
    /* number words and fractions */
    {"The site will draw four gigawatts at peak.", "four gigawatts", P, 4e9, 4e9, "W", "", QN},
    {"Phase one adds a hundred megawatts of load.", "a hundred megawatts", P, 1e8, 1e8, "W", "", QN},
    {"Margins fell by twenty percent.", "twenty percent", PC, 20, 20, "%", "", QN},
    {"Each campus will use one to three gigawatts.", "one to three gigawatts", P, 1e9, 3e9, "W", "", QN},
    {"The first hall needs half a gigawatt.", "half a gigawatt", P, 5e8, 5e8, "W", "", QN},
    {"Spending may hit a quarter of a trillion dollars.", "a quarter of a trillion dollars", M, 2.5e11, 2.5e11, "USD", "", QN},
    {"The bond raised two and a half billion dollars.", "two and a half billion dollars", M, 2.5e9, 2.5e9, "USD", "", QN},
    {"The pilot plant makes twenty-five megawatts.", "twenty-five megawatts", P, 2.5e7, 2.5e7, "W", "", QN},
    {"Forecasts exceed half-a-trillion dollars now.", "half-a-trillion dollars", M, 5e11, 5e11, "USD", "", QO},
    {"Ten billion dollars is a big cheque.", "Ten billion dollars", M, 1e10, 1e10, "USD", "", QN},
    /* glued units, plus signs, tilde */
    {"The array delivers 1.5GW when full.", "1.5GW", P, 1.5e9, 1.5e9, "W", "", QN},
    {"They target 7GW-level campuses.", "7GW", P, 7e9, 7e9, "W", "", QN},
    {"The park has 300MW installed.", "300MW", P, 3e8, 3e8, "W", "", QN},
    {"Investors want $80B back.", "$80B", M, 8e10, 8e10, "USD", "", QN},
    {"The lab runs 250,000+ GPUs today.", "250,000+ GPUs", C, 2.5e5, 2.5e5, "gpu", "", QL},
    {"Utilisation is 40%+ most days.", "40%+", PC, 40, 40, "%", "", QL},
    {"Shares trade near ~$300 now.", "~$300", M, 300, 300, "USD", "", QA},
    {"The plan adds +12 GW of supply.", "+12 GW", P, 1.2e10, 1.2e10, "W", "", QN},
    {"They aim for 50+ GW by then.", "50+ GW", P, 5e10, 5e10, "W", "", QL},
    /* neighbours lend their unit */
    {"The firm runs 12,000 GPUs in Ohio and 90,000 worldwide.", "90,000", C, 9e4, 9e4, "gpu", "", QN},
    {"Racks need 80-120 kilowatts per rack versus 5-10 for old gear.", "5-10", P, 5e3, 1e4, "W", "", QN},
    {"Phase targets are 15/25 GW in total.", "15", P, 1.5e10, 1.5e10, "W", "", QN},
    /* ranges in all forms */
    {"Capex will be $20 billion to $25 billion this year.", "$20 billion to $25 billion", M, 2e10, 2.5e10, "USD", "", QN},
    {"It guided to $30-35 billion for the year.", "$30-35 billion", M, 3e10, 3.5e10, "USD", "", QN},
    {"Spending of $61–$64 billion is planned.", "$61–$64 billion", M, 6.1e10, 6.4e10, "USD", "", QN},
    {"The region needs between 4 and 6 GW soon.", "between 4 and 6 GW", P, 4e9, 6e9, "W", "", QN},
    {"Each site uses 3-4 GW at most.", "3-4 GW", P, 3e9, 4e9, "W", "", QN},
    {"It will host 1 million to 1.5 million GPUs.", "1 million to 1.5 million GPUs", C, 1e6, 1.5e6, "gpu", "", QN},
    {"Demand could be 2 to 3 million GPUs.", "2 to 3 million GPUs", C, 2e6, 3e6, "gpu", "", QN},
    {"Growth of 12% to 14% is expected.", "12% to 14%", PC, 12, 14, "%", "", QN},
    {"Margins sit at 55-60% this year.", "55-60%", PC, 55, 60, "%", "", QN},
    {"The group will invest from $5 billion to $8 billion.", "$5 billion to $8 billion", M, 5e9, 8e9, "USD", "", QN},
    {"Analysts see around $10-20 billion in orders.", "around $10-20 billion", M, 1e10, 2e10, "USD", "", QA},
    /* qualifiers */
    {"It will spend about $5 billion.", "about $5 billion", M, 5e9, 5e9, "USD", "", QA},
    {"The site draws around 3 GW.", "around 3 GW", P, 3e9, 3e9, "W", "", QA},
    {"Usage rose approximately 40% overall.", "approximately 40%", PC, 40, 40, "%", "", QA},
    {"They paid roughly $2 billion.", "roughly $2 billion", M, 2e9, 2e9, "USD", "", QA},
    {"Output grew nearly 15% again.", "nearly 15%", PC, 15, 15, "%", "", QNR},
    {"The bill came to almost $9 billion.", "almost $9 billion", M, 9e9, 9e9, "USD", "", QNR},
    {"The cluster has over 50,000 GPUs.", "over 50,000 GPUs", C, 5e4, 5e4, "gpu", "", QO},
    {"The deal is worth more than $1 billion.", "more than $1 billion", M, 1e9, 1e9, "USD", "", QO},
    {"The pact covers up to 2 GW of capacity.", "up to 2 GW", P, 2e9, 2e9, "W", "", QT},
    {"It will cost at least $3 billion.", "at least $3 billion", M, 3e9, 3e9, "USD", "", QL},
    {"It may raise as much as $7 billion.", "as much as $7 billion", M, 7e9, 7e9, "USD", "", QT},
    {"The farm supplies some 600 MW now.", "some 600 MW", P, 6e8, 6e8, "W", "", QA},
    {"Costs stayed under $40 million.", "under $40 million", M, 4e7, 4e7, "USD", "", QU},
    {"The plant makes less than 90 MW.", "less than 90 MW", P, 9e7, 9e7, "W", "", QU},
    {"The campus sits at the 2GW level already.", "2GW", P, 2e9, 2e9, "W", "", QA},
    /* rates */
    {"The lease costs $2 billion per month.", "$2 billion per month", M, 2e9, 2e9, "USD", "month", QN},
    {"Capacity rents for $40 billion/GW/year here.", "$40 billion/GW/year", M, 4e10, 4e10, "USD", "GW-year", QN},
    {"The service brings in $3 billion a year.", "$3 billion a year", M, 3e9, 3e9, "USD", "year", QN},
    {"The contract pays $500 million annually.", "$500 million annually", M, 5e8, 5e8, "USD", "year", QN},
    {"Building costs about $45 billion per GW.", "$45 billion per GW", M, 4.5e10, 4.5e10, "USD", "GW", QA},
    {"Sales were $1 billion a year ago.", "$1 billion", M, 1e9, 1e9, "USD", "", QN},
    {"The grid adds 30 MW/month in summer.", "30 MW/month", P, 3e7, 3e7, "W", "month", QN},
    {"Seats cost $25 per user per month.", "$25 per user per month", M, 25, 25, "USD", "month", QN},
    /* power units */
    {"A rack draws 800 W idle.", "800 W", P, 800, 800, "W", "", QN},
    {"The new racks need 75 kW each.", "75 kW", P, 7.5e4, 7.5e4, "W", "", QN},
    {"Demand could reach 1 TW by then.", "1 TW", P, 1e12, 1e12, "W", "", QN},
    {"The turbines give 20 megawatts.", "20 megawatts", P, 2e7, 2e7, "W", "", QN},
    /* compute units */
    {"The lab bought 200,000 H100s this spring.", "200,000 H100s", C, 2e5, 2e5, "gpu", "", QN},
    {"It will add 64,000 GB200 GPUs soon.", "64,000 GB200 GPUs", C, 6.4e4, 6.4e4, "gpu", "", QN},
    {"The order covers 10,000 Nvidia GPUs.", "10,000 Nvidia GPUs", C, 1e4, 1e4, "gpu", "", QN},
    {"They rent 50,000 TPUs from the cloud.", "50,000 TPUs", C, 5e4, 5e4, "tpu", "", QN},
    {"The country will import 30,000 AI chips.", "30,000 AI chips", C, 3e4, 3e4, "chip", "", QN},
    {"The system packs 5,000 accelerators.", "5,000 accelerators", C, 5e3, 5e3, "accelerator", "", QN},
    {"It shipped 2 million processors.", "2 million processors", C, 2e6, 2e6, "chip", "", QN},
    {"The supercomputer links 3 million Rubins.", "3 million Rubins", C, 3e6, 3e6, "gpu", "", QN},
    {"The order is 800K chips in all.", "800K chips", C, 8e5, 8e5, "chip", "", QN},
    /* percentages */
    {"The stock fell eight percent.", "eight percent", PC, 8, 8, "%", "", QN},
    {"Sales grew 12 per cent last year.", "12 per cent", PC, 12, 12, "%", "", QN},
    {"Yields slipped 5 pct overnight.", "5 pct", PC, 5, 5, "%", "", QN},
    {"The index jumped 1,250% in a decade.", "1,250%", PC, 1250, 1250, "%", "", QN},
    /* changes are two figures, not a range */
    {"Its shares rose from $120 to $150 in a week.", "$150", M, 150, 150, "USD", "", QN},
    {"Margin increased from 20 percent to 31 percent.", "31 percent", PC, 31, 31, "%", "", QN},
    {"The firm raised its outlook from $40-50 billion to $55-65 billion.", "$55-65 billion", M, 5.5e10, 6.5e10, "USD", "", QN},
    {"Spending tripled from $10 billion to $30 billion annually.", "$10 billion", M, 1e10, 1e10, "USD", "year", QN},
    {"It lifted guidance from $70 billion to $80 billion, to $75 billion to $85 billion.", "$75 billion to $85 billion", M, 7.5e10, 8.5e10, "USD", "", QN},
    /* two currencies */
    {"It spent $900 million (€820 million) on land.", "€820 million", M, 8.2e8, 8.2e8, "EUR", "", QN},
    /* a qualified unit in words; a rate over a short noun phrase */
    {"The deal brings well over a gigawatt online.", "well over a gigawatt", P, 1e9, 1e9, "W", "", QO},
    {"The builder wants to add 2 GW of new capacity per week.", "2 GW of new capacity per week", P, 2e9, 2e9, "W", "week", QN},
    /* a model number between the count and its noun; "of its" */
    {"The maker will produce about 400,000 Zephyr 910C chips.", "400,000 Zephyr 910C chips", C, 4e5, 4e5, "chip", "", QA},
    {"The vendor will ship 120,000 of its newest GPUs to the lab.", "120,000 of its newest GPUs", C, 1.2e5, 1.2e5, "gpu", "", QN},
    /* names and numbers in a list after a counted figure */
    {"The ministry gets 40,000 GPUs for research, Acme Cloud 30,000 and Zeta Labs 20,000.", "20,000", C, 2e4, 2e4, "gpu", "", QN},
    /* electricity priced per unit of energy; a rate before "from" */
    {"Power for next year traded at $72 per megawatt-hour.", "$72 per megawatt-hour", M, 72, 72, "USD", "MWh", QN},
    {"Solar farms in Spain fetch $38/MWh.", "$38/MWh", M, 38, 38, "USD", "MWh", QN},
    /* capacity over a time: per megawatt-day, per kW-month, per MW per year */
    {"The grid auction cleared at $270.35 per megawatt-day.", "$270.35 per megawatt-day", M, 270.35,
     270.35, "USD", "MW-day", QN},
    {"Last year's price was $98/MW-day in the west zone.", "$98/MW-day", M, 98, 98, "USD", "MW-day", QN},
    {"Wholesale space leases near $160 per kilowatt-month in Dallas.", "$160 per kilowatt-month", M,
     160, 160, "USD", "kW-month", QN},
    {"Hosting contracts run at $1.4 million per MW-year.", "$1.4 million per MW-year", M, 1.4e6, 1.4e6,
     "USD", "MW-year", QN},
    {"Peakers are paid $55 per megawatt per day to stand by.", "$55 per megawatt per day", M, 55, 55,
     "USD", "MW-day", QN},
    {"Households pay $0.31 per kWh.", "$0.31 per kWh", M, 0.31, 0.31, "USD", "kWh", QN},
    {"Renting a B200 now costs about $3 an hour from $6 last year.", "about $3 an hour", M, 3, 3, "USD", "hour", QA},
    /* a rate written around the figure: a unit of capacity priced before it,
     * a figure compared with a rate, "$X a gigawatt" */
    {"Each megawatt of liquid-cooled space costs Vantara roughly $12 million to fit out.", "roughly $12 million", M, 1.2e7, 1.2e7, "USD", "MW", QA},
    {"Per gigawatt, the builders now need some $40 billion, Jefferies reckons.", "some $40 billion", M, 4e10, 4e10, "USD", "GW", QA},
    {"Morgan Stanley puts the bill for a gigawatt of Blackwell capacity at close to $48 billion.", "close to $48 billion", M, 4.8e10, 4.8e10, "USD", "GW", QNR},
    {"Turbines now run to $2,400 to $2,600 a kilowatt in Texas, says one developer.", "$2,400 to $2,600 a kilowatt", M, 2400, 2600, "USD", "kW", QN},
    {"Spot rents for an H200 dropped to $2.10 an hour, down from $4.50 in March.", "$4.50", M, 4.5, 4.5, "USD", "hour", QN},
    {"Italian industry pays €150 per megawatt-hour, compared with €90 in Spain.", "€90", M, 90, 90, "EUR", "MWh", QN},
    {"Nordic hosting runs at $95 per kilowatt per month versus $140 in Frankfurt.", "$140", M, 140, 140, "USD", "month", QN},
    {"Brightline paid $1.2 billion for a gigawatt campus in Ohio.", "$1.2 billion", M, 1.2e9, 1.2e9, "USD", "", QN},
    {"A 1 GW site costs $45 billion to build, Hollis said.", "$45 billion", M, 4.5e10, 4.5e10, "USD", "", QN},
    {"Colocation in Ashburn costs as much as $180 per kilowatt per month.", "as much as $180 per kilowatt per month", M, 180, 180, "USD", "month", QT},
    {"Its revenue reached $5 billion, up from $3 billion a year earlier.", "$3 billion", M, 3e9, 3e9, "USD", "", QN},
};

START_TEST(test_figure)
{
    const fcase *c = &FIG[_i];
    gots g = run_year(c->sentence, 2026);
    const got *f = find(&g, c->span);
    if (!f) {
        for (int k = 0; k < g.n; k++)
            fprintf(stderr, "  got: %s\n", g.v[k].text);
        ck_abort_msg("no figure \"%s\" in: %s", c->span, c->sentence);
    }
    ck_assert_msg(f->kind == c->kind, "%s: kind %d, want %d", c->span, f->kind, c->kind);
    ck_assert_msg(close_to(f->low, c->low) && close_to(f->high, c->high), "%s: %g-%g, want %g-%g",
                  c->span, f->low, f->high, c->low, c->high);
    ck_assert_str_eq(f->unit, c->unit);
    ck_assert_str_eq(f->per, c->per);
    ck_assert_msg(f->qual == c->qual, "%s: qualifier %d, want %d", c->span, f->qual, c->qual);
}
END_TEST

/* Two figures where one might think one. */
START_TEST(test_two_figures)
{
    /* an index level after a percentage is no percentage */
    gots g0 = run_year("The KOSPI rose 2.5% and closed above 4,100.", 2026);
    ck_assert_int_eq(g0.n, 1);
    gots g = run_year("Its shares rose from $120 to $150 in a week.", 2026);
    ck_assert_int_eq(g.n, 2);
    g = run_year("It spent $900 million (€820 million) on land.", 2026);
    ck_assert_int_eq(g.n, 2);
    ck_assert_str_eq(g.v[0].unit, "USD");
    ck_assert_str_eq(g.v[1].unit, "EUR");
    g = run_year("The firm raised its outlook from $40-50 billion to $55-65 billion.", 2026);
    ck_assert_int_eq(g.n, 2);
    ck_assert(close_to(g.v[0].low, 4e10) && close_to(g.v[0].high, 5e10));
    g = run_year("Phase targets are 15/25 GW in total.", 2026);
    ck_assert_int_eq(g.n, 2);
    g = run_year("Each site uses 3-4 GW at most.", 2026);
    ck_assert_int_eq(g.n, 1);
    ck_assert(g.v[0].low > 0);
}
END_TEST

/* ------------------------------------------------------------------------
 * Not figures
 * --------------------------------------------------------------------- */

static const char *const NOT_FIG[] = {
    "The utility built a 345kV line to the site.",
    "The battery stores 2,000 MWh of energy.",
    "The reactor produced roughly 10 million megawatt-hours last year.",
    "Its Gaudi 3 accelerators ship in June.",
    "Wind farms generated 3.5 gigawatt hours on Sunday.",
    "They signed a five-year deal.",
    "A 200-mile cable links the halls.",
    "GPT-5 launched in the summer.",
    "The company filed an S-1 with regulators.",
    "Results for fiscal 2013-14 were weak.",
    "Llama 3 models run on the cluster.",
    "The H100 is a fast part.",
    "In 2024 the company hired widely.",
    "The deal closed on March 17, 2025.",
    "It was the 3rd quarter in a row.",
    "Call +1 415 555 0100 for details.",
    "Results for Q1 2026 come in May.",
    "The firm bought hundreds of thousands of GPUs.",
    "Tens of billions went into chips.",
    "The sector lost trillions in market value.",
    "It needs several hundred megawatts.",
    "Nearly two-thirds of the budget went to chips.",
    "The rollout takes two years.",
    "The lease runs until 2032.",
    "A 10x gain in compute is likely.",
    "Dojo 3 or Dojo 4 chips may follow.",
    "Version 2.1.4 shipped at 12:30 today.",
    "The campus is in zone 7 of the park.",
    "The team had 40 engineers and 3 interns.",
    "The index rose and closed above 4,100 on Friday.",
    "The firm hired 2,000 engineers and added chips.",
    "It served 3,000 enterprise customers using its chips.",
};

START_TEST(test_not_figure)
{
    gots g = run_year(NOT_FIG[_i], 2026);
    if (g.n)
        ck_abort_msg("\"%s\" gave figure \"%s\"", NOT_FIG[_i], g.v[0].text);
}
END_TEST

/* ------------------------------------------------------------------------
 * Periods
 * --------------------------------------------------------------------- */

typedef struct pcase {
    const char *sentence, *span, *period;
} pcase;

static const pcase PER[] = {
    {"Microsoft will spend $90 billion in 2027.", "$90 billion", "2027"},
    {"The site reaches 5 GW by 2030.", "5 GW", "2030"},
    {"The lease of $12 billion runs through 2031.", "$12 billion", "2031"},
    {"Meta expects capex of $120 billion this year.", "$120 billion", "2026"},
    {"Amazon expects to spend $140 billion next year.", "$140 billion", "2027"},
    {"Oracle guided to $25 billion for fiscal 2027.", "$25 billion", "2027"},
    {"Alphabet sees FY27 capex of $110 billion.", "$110 billion", "2027"},
    {"The partners will add 10 GW from 2026 to 2029.", "10 GW", "2026-2029"},
    {"The firm will invest $50 billion over the next five years.", "$50 billion", "2026-2031"},
    /* a year right before another figure is that one's */
    {"Analysts expected $58bn, above 2024's $52.5bn outlay.", "$58bn", ""},
    /* a bracketed conversion does not hide the year after it */
    {"Zeta plans to spend 140 billion yuan (about $19.6 billion) on capex in 2027.", "140 billion yuan", "2027"},
    /* fifth round */
    {"Global data centre capital expenditure rose 51% to $455 billion in 2024, according to "
     "Dell'Oro Group.", "$455 billion", "2024"},
    {"Worldwide spending on AI infrastructure is forecast to reach $758 billion by 2029, IDC "
     "said.", "$758 billion", "2029"},
    {"Hyperscalers are expected to spend more than $600 billion on capex in 2026, Goldman "
     "Sachs estimates.", "more than $600 billion", "2026"},
    {"Oracle reported results after the bell on Tuesday. In a filing, the company said it now "
     "expects capital expenditures of about $35 billion in fiscal 2026.",
     "about $35 billion", "2026"},
    {"CoreWeave lowered its full-year outlook. It now expects revenue of $5.05 billion to "
     "$5.15 billion for 2025, citing a delay at a third-party developer.",
     "$5.05 billion to $5.15 billion", "2025"},
    {"Meta Platforms, whose shares have risen 25% this year, said on Wednesday that it will "
     "spend $600 billion in the US through 2028.", "$600 billion", "2028"},
    {"Alphabet raised its 2025 capex forecast to $91 billion to $93 billion.",
     "$91 billion to $93 billion", "2025"},
    {"SoftBank plans to spend 1 trillion yen in the year ending March 2027.",
     "1 trillion yen", "2027"},
    {"Big Tech's combined capex is on track to top $400 billion this year.",
     "$400 billion", "2026"},
    {"For the full year, Equinix now expects revenue of $9.2 billion.", "$9.2 billion", "2026"},
    {"Oracle expects RPO to exceed $500 billion by fiscal 2027.", "$500 billion", "2027"},
};

START_TEST(test_period)
{
    const pcase *c = &PER[_i];
    gots g = run_year(c->sentence, 2026);
    const got *f = find(&g, c->span);
    ck_assert_msg(f != NULL, "no figure %s", c->span);
    ck_assert_str_eq(f->period, c->period);
}
END_TEST

/* ------------------------------------------------------------------------
 * Attribution: entity, counterparty, metric
 * --------------------------------------------------------------------- */

typedef struct acase {
    const char *text, *span, *metric, *entity, *counterparty;
} acase;

static const acase ATT[] = {
    /* a company's epithet names it: "the ChatGPT maker", "the Facebook parent" */
    {"Microsoft reported revenue on Tuesday. The ChatGPT maker has committed to spend $30 "
     "billion on its own chips.", "$30 billion", "capex", "OpenAI", NULL},
    {"Analysts expect record spending. The Facebook parent expects capital expenditures of $70 "
     "billion to $72 billion this year.", "$70 billion to $72 billion", "capex_guidance", "Meta", NULL},
    /* a description naming a role is the company of that role named last */
    {"Lumora Cloud agreed to buy accelerators from AMD last month. The chipmaker expects data "
     "center revenue of $9.7 billion this quarter.", "$9.7 billion", "revenue", "AMD", NULL},
    {"Quillon Data signed a 15-year supply deal with Tarrow Power on Monday. The utility will "
     "deliver 600 MW from a new gas plant.", "600 MW", "power_capacity", "Tarrow Power", NULL},
    /* a cloud's capacity a lab contracts is the cloud's, the name before it too */
    {"Mistral also agreed to take further Google Cloud capacity of about 300 megawatts.",
     "about 300 megawatts", "power_capacity", "Alphabet", "Mistral"},
    /* a company the text calls by an acronym more than by its name carries
     * the acronym, one it defines in brackets too */
    {"Qatar Investment Authority (QIA) will put $3 billion into the campus, QIA said. QIA "
     "also holds 12% of the developer.", "$3 billion", "capex", "QIA", NULL},
    {"Corvane Grid Services (CGS) said on Monday it would build 400 MW of batteries. CGS did not "
     "say what the plant would cost.", "400 MW", "power_capacity", "CGS", NULL},
    {"American Electric Power (AEP) will add 2 GW of gas capacity, American Electric Power "
     "said.", "2 GW", "power_capacity", "American Electric Power", NULL},
    /* a role description with no company of that role named before keeps
     * the subject before; a price index is no stock index */
    {"Lumora Cloud reported results on Tuesday. The chipmaker expects revenue of $5 billion this "
     "year.", "$5 billion", "revenue", "Lumora Cloud", NULL},
    /* "the tech-heavy index" moving is the index named last */
    {"The Nasdaq Composite had its worst week since April. The tech-heavy index lost 2.2% on "
     "Friday.", "2.2%", "stock_move", "Nasdaq Composite", NULL},
    /* odd forms: an index name written with tabs and runs of spaces comes
     * out with one space; a bracketed "acronym" too long to be one names
     * nothing */
    {"The Nikkei \t  225 fell 2.4% on Friday.", "2.4%", "stock_move", "Nikkei 225", NULL},
    {"Corvane Grid Holdings (CORVANEGRID) said on Monday it would build 300 MW. CORVANEGRID "
     "did not say more.", "300 MW", "power_capacity", "Corvane Grid Holdings", NULL},
    /* an index is named as the text first names it */
    {"The Nikkei 225 Stock Average fell 2.4%, while the Nikkei's tech names lost more.", "2.4%",
     "stock_move", "Nikkei 225", NULL},
    /* electricity bought is the seller's; with no seller named, nobody's */
    {"Amazon secured 2.4 gigawatts of nuclear power through four agreements last year.",
     "2.4 gigawatts", "power_capacity", NULL, "Amazon"},
    {"Meta agreed to buy 650 MW of solar power from Veltra Renewables.", "650 MW", "power_capacity",
     "Veltra Renewables", "Meta"},
    /* the other side called a provider provides; a facility named as an
     * object is no anaphor */
    {"Microsoft reported results. Last month it signed a deal worth up to $9 billion with neocloud "
     "provider Lumora for access to Nvidia chips.", "up to $9 billion", "contract_value", "Lumora",
     "Microsoft"},
    {"Google will build a campus in Andhra Pradesh. The state has offered the project a 20% "
     "discount on land.", "20%", "other", "Andhra Pradesh", NULL},
    /* an adverb in commas after the subject opens no clause */
    {"SK Group, meanwhile, is building a data center in Ulsan with Amazon Web Services that will "
     "start with 100 megawatts of capacity.", "100 megawatts", "power_capacity", "SK Group", NULL},
    /* a group word inside a name is no group; a group led by a company is
     * that company's */
    {"Nvidia will invest up to $600 million in Corvane Labs, a London start-up.",
     "up to $600 million", "other", "Nvidia", NULL},
    {"A group led by Apollo Global Management has agreed to provide about $24 billion of equity "
     "for the project.", "about $24 billion", "other", "Apollo", NULL},
    /* chips supplied to a country are the country's; power bought from the
     * plant of the generator the text is about is the generator's; "With
     * X, Y ..." has Y for subject */
    {"Nvidia said it would supply 180,000 Blackwell GPUs to Japan over three years.",
     "180,000 Blackwell GPUs", "compute_units", "Japan", "Nvidia"},
    {"Talen Energy signed a 17-year deal with Amazon. Under the agreement, Amazon will buy 1,900MW "
     "of power from the plant.", "1,900MW", "power_capacity", "Talen Energy", "Amazon"},
    {"With Oracle and SoftBank on board, Stargate now counts nearly 7GW of planned capacity.",
     "nearly 7GW", "power_capacity", "Stargate", NULL},
    /* a chipmaker heading a bullet under a buyer's heading supplies it */
    {"Deals so far\n\nAnthropic\n- AMD: 2GW of Instinct GPUs from 2027.\n- Alphabet: up to one "
     "million TPUs.", "2GW", "power_capacity", "Anthropic", "AMD"},
    /* a plant is no organisation: its figures are its owner's */
    {"Vistra will sell the power under a 20-year deal. Comanche Peak's two units have a combined "
     "capacity of about 2,400 MW.", "about 2,400 MW", "power_capacity", "Vistra", NULL},
    /* a possessive right before a figure owns it, whatever the subject */
    {"Blue Owl raised a new fund last month. It also backs Crusoe's 1.2GW campus in Abilene.",
     "1.2GW", "power_capacity", "Crusoe", NULL},
    /* an anaphor in a phrase before a named subject is not the subject */
    {"Meta is building a campus in Ohio. To supply it, utility AEP is building three "
     "combined-cycle gas plants with a total capacity of 1,800MW.", "1,800MW", "power_capacity",
     "AEP", NULL},
    /* a share of the global market is the holder's; a region is no
     * organisation */
    {"Kioxia reported record sales. Kioxia held 19% of the global market for NAND flash in the "
     "quarter.", "19%", "other", "Kioxia", NULL},
    {"Analysts at a Dubai bank estimate that Gulf states will account for about 7% of global "
     "data-centre spending in 2026.", "about 7%", "other", NULL, NULL},
    /* a state's government is the state; a country's share of a company's
     * accounts is the company's; "the group's combined" is many companies' */
    {"The Tamil Nadu government has offered incentives worth about Rs 5,000 crore to the project.",
     "about Rs 5,000 crore", "other", "Tamil Nadu", NULL},
    {"Taiwan accounted for 18% of Marvell's revenue last year.", "18%", "other", "Marvell", NULL},
    {"Amazon, Microsoft and Alphabet will spend more. We estimate the group's combined free cash "
     "flow falls to about $90 billion next year.", "about $90 billion", "other", NULL, NULL},
    /* a participle after a comma in a title-case headline is no name */
    {"Lumora Grid Signs 12-Year Lease With Meta, Bringing Total Contracted Capacity to 300 MW",
     "300 MW", "power_capacity", "Lumora Grid", NULL},
    /* a buyer named, the seller not: the company the text is about sells */
    {"Corvane Cloud raises $900 million for Ohio campus\n\nCorvane Cloud said on Monday it had "
     "raised $900 million. Microsoft has agreed to take capacity at the campus under a contract "
     "worth $6 billion.", "$6 billion", "contract_value", "Corvane Cloud", "Microsoft"},
    /* an epithet is a name, not "the company" before it: the subject of
     * its clause */
    {"Nvidia shares rose 2%. Nvidia will invest in OpenAI as the ChatGPT maker deploys at least "
     "10 gigawatts of Nvidia systems.", "at least 10 gigawatts", "power_capacity", "OpenAI", NULL},
    /* on a call's transcript "we" is the company whose call it is; in a news
     * story it is not */
    {"Lumora Cloud Q2 2026 Earnings Call Transcript\n\nOperator: Good afternoon.\n\nDana Reyes, "
     "CFO: Thank you. Nvidia shipped our first racks in May. We ended the quarter with about 410 "
     "megawatts of active power.", "about 410 megawatts", "power_capacity", "Lumora Cloud", NULL},
    {"Lumora Cloud reported results on Tuesday. Analysts at Brannock were upbeat. \"We expect "
     "the sector to add 40 gigawatts by 2030,\" they wrote.", "40 gigawatts", "power_capacity", NULL,
     NULL},
    /* a title and a name after an unknown word make it an organisation */
    {"Qorvale chief executive Hana Ibsen spoke at a briefing. She put the cost of the campus at "
     "about $4 billion.", "about $4 billion", "cost", "Qorvale", NULL},
    /* an executive's "the company" is the text's main company */
    {"Microsoft reported results on Tuesday. Microsoft shares rose 2%. Microsoft said Azure grew "
     "39%. OpenAI agreed to buy more Azure services. \"We are short of capacity,\" Chief Executive "
     "Satya Nadella told analysts. He said the company added nearly 2 gigawatts of capacity in the "
     "quarter.", "nearly 2 gigawatts", "power_capacity", "Microsoft", NULL},
    /* a loan is the borrower's, not the arranging bank's; a borrower that
     * is the subject keeps it */
    {"A group of banks led by Barclays is arranging a $4.2 billion loan package for Corvane Data "
     "Centers to build a campus in Ohio.", "$4.2 billion", "other", "Corvane Data Centers", NULL},
    {"Crusoe is seeking $3 billion of debt tied to the Nvidia chips for its Texas campus.",
     "$3 billion", "other", "Crusoe", NULL},
    /* a legal form after a name does not hide its move; an index's move
     * over the rest of its name */
    {"In Tokyo, Renesas Electronics Corp. slid 6.3% and Lasertec Corp. lost 4%.", "4%", "stock_move",
     "Lasertec", NULL},
    {"Chipmakers sold off, pulling the FTSE 100 Index down 1.2% by midday.", "1.2%", "stock_move",
     "FTSE 100", NULL},
    /* a ticker in brackets after a name is the name's */
    {"Utilities rallied: Vistra (VST) rose 3%, Talcott Power (TLC) climbed 6.1% and Oklo gained 9%.",
     "6.1%", "stock_move", "Talcott Power", NULL},
    /* a country before a company noun and a name qualifies the name */
    {"Dutch neocloud Nebius has agreed to deploy 50,000 GPUs in Finland.", "50,000 GPUs",
     "compute_units", "Nebius", NULL},
    /* bullets under a line ending in a colon are about that line's subject */
    {"Fernhill Cloud said its capacity would come from three sites:\n- Texas: about 30,000 GPUs "
     "in a leased hall.\n- Quebec: 120MW from a hydro-powered campus.", "120MW", "power_capacity",
     "Fernhill Cloud", NULL},
    /* the main clause again after a relative clause: its subject's */
    {"Lantern Cloud, which is backed by a $40 billion sovereign fund, has also raised $2 billion "
     "of equity from Nvidia.", "$2 billion", "other", "Lantern Cloud", NULL},
    /* a project is no company; the cluster a company built is its */
    {"Jassy said Project Kestrel, the cluster Amazon built in Ohio, now runs on 400,000 Trainium "
     "chips.", "400,000 Trainium chips", "compute_units", "Amazon", NULL},
    /* a city before a name governs nothing: "in Tokyo Renesas fell 4%" */
    {"Chip stocks slid across Asia, and in Tokyo Renesas fell 4.4% in early trade.", "4.4%",
     "stock_move", "Renesas", NULL},
    /* the name a figure is put at: "with AMD at 10%" */
    {"Kioxia said it holds a third of the flash market, well ahead of Western Digital at 14% and "
     "Micron at 12%.", "12%", "other", "Micron", NULL},
    /* reported speech: the company that said it is the subject */
    {"Marvell shares gained 4% after Oracle said it would spend $25 billion this fiscal year.",
     "$25 billion", "capex_guidance", "Oracle", NULL},
    /* a person's post in an apposition, or a name after "said", is no company */
    {"Growth in the region could reach 30% next year, said Tomas Lindqvist, a partner at Fjordvik.",
     "30%", "other", NULL, NULL},
    {"Hugo Brandtner, a senior research director at the firm, said vacancy fell to 2%.", "2%", "other",
     NULL, NULL},
    {"\"Lead times are brutal,\" said Ines Marlow, a managing partner at Corvane. Transformers now make "
     "up 45% of the bill.", "45%", "other", NULL, NULL},
    {"Skarvik, a Norwegian start-up, raised €50 million.", "€50 million", "other", "Skarvik", NULL},
    /* a government's money for compute is a programme, not a deal */
    {"Australia has set aside A$1.5 billion for sovereign compute, the treasurer said.", "A$1.5 billion",
     "capex", "Australia", NULL},
    {"Ottawa is putting C$500 million into public AI compute for universities.", "C$500 million", "capex",
     "Canada", NULL},
    {"Spain will spend €600 million on public compute infrastructure, officials said.", "€600 million",
     "capex", "Spain", NULL},
    {"In Britain, the Department for Business set aside £400 million for a national compute programme.",
     "£400 million", "capex", "UK", NULL},
    {"Nscale signed a £1 billion compute deal with Mistral.", "£1 billion", "contract_value", "Nscale",
     "Mistral"},
    {"Microsoft said it will spend $80 billion on data centers this fiscal year.", "$80 billion",
     "capex_guidance", "Microsoft", NULL},
    {"Amazon's capital expenditure guidance of $100 billion surprised analysts.", "$100 billion",
     "capex_guidance", "Amazon", NULL},
    {"Meta spent $14 billion on capital expenditures in the third quarter.", "$14 billion", "capex",
     "Meta", NULL},
    {"In 2023, Alphabet's capex was $32 billion.", "$32 billion", "capex", "Alphabet", NULL},
    {"CoreWeave signed a $14 billion contract with Meta.", "$14 billion", "contract_value",
     "CoreWeave", "Meta"},
    {"Anthropic signed a $30 billion cloud deal with Microsoft.", "$30 billion", "contract_value",
     "Microsoft", "Anthropic"},
    {"The agreement between Nebius and Microsoft is worth $17.4 billion.", "$17.4 billion",
     "contract_value", "Nebius", "Microsoft"},
    {"Nvidia shares rose 4% on Tuesday.", "4%", "stock_move", "Nvidia", NULL},
    {"Oracle's market cap hit $900 billion in September.", "$900 billion", "market_value", "Oracle",
     NULL},
    {"Broadcom reported strong results. The company's revenue rose 10% to $12 billion.",
     "$12 billion", "revenue", "Broadcom", NULL},
    {"Broadcom reported strong results. The company's revenue rose 10% to $12 billion.", "10%",
     "other", "Broadcom", NULL},
    {"Intel generated free cash flow of $5 billion.", "$5 billion", "other", "Intel", NULL},
    {"Alphabet, Amazon and Microsoft together plan to spend $300 billion next year.",
     "$300 billion", "capex_guidance", NULL, NULL},
    {"Nvidia is investing $5 billion in Intel.", "$5 billion", "other", "Nvidia", "Intel"},
    {"xAI plans a cluster of 1 million GPUs in Memphis.", "1 million GPUs", "compute_units", "xAI",
     NULL},
    {"Crusoe is building a 1.2 GW campus in Texas.", "1.2 GW", "power_capacity", "Crusoe", NULL},
    {"Micron's stock price jumped 9% after the report.", "9%", "stock_move", "Micron", NULL},
    {"AMD shares slipped 3% while Intel shares gained 5%.", "5%", "stock_move", "Intel", NULL},
    {"CoreWeave and Nebius fell 6% and 9%, respectively.", "9%", "stock_move", "Nebius", NULL},
    {"Amazon: the deal adds 3 GW from OpenAI.", "3 GW", "power_capacity", "Amazon", "OpenAI"},
    {"Google has a backlog of $150 billion.", "$150 billion", "revenue", "Alphabet", NULL},
    {"Microsoft has about $80 billion in purchase commitments.", "$80 billion", "commitments",
     "Microsoft", NULL},
    {"AWS revenue climbed to $33 billion.", "$33 billion", "revenue", "Amazon", NULL},
    {"Tesla bought 50,000 Nvidia GPUs for its Texas site.", "50,000 Nvidia GPUs", "compute_units",
     "Tesla", "Nvidia"},
    {"Each rack needs 130 kilowatts per rack in the new halls.", "130 kilowatts", "other", NULL, NULL},
    {"Build costs run $40 billion per GW today.", "$40 billion per GW", "cost", NULL, NULL},
    {"Dell shares closed at $140 on Friday.", "$140", "price", "Dell", NULL},
    /* a percentage between a cue and its money; a head noun over figures */
    {"Total revenue rose 17% to $81.3 billion, while net income got a $7.6 billion gain.",
     "$81.3 billion", "revenue", NULL, NULL},
    {"Amazon guided to $200 billion 2026 capex guidance after revenue of $213.4 billion and AWS "
     "growth of 24% to $35.6 billion.", "$35.6 billion", "revenue", "Amazon", NULL},
    /* a clause of its own after ", and" and a few words */
    {"Nebius is expanding its site to 75 MW, and Swedish start-up Evroc is developing a 96 MW "
     "campus.", "96 MW", "power_capacity", "Evroc", NULL},
    /* a pledge stays a pledge over a comma; the figure compared keeps the forecast */
    {"Microsoft has pledged $30 billion in the UK between 2026 and 2028, half of it on capital "
     "expenditure.", "$30 billion", "capex", "Microsoft", NULL},
    {"Xcel Energy raised its capital plan to $60 billion, up from $45 billion.", "$45 billion",
     "capex_guidance", "Xcel Energy", NULL},
    /* an anaphor before the first name is the subject */
    {"SoftBank raised cash. To fund it, the company sold its 32 million Nvidia shares for $5.8 "
     "billion.", "$5.8 billion", "other", "SoftBank", NULL},
    {"SoftBank raised cash. The company sold its Nvidia shares. It also plans a margin loan of up "
     "to $20 billion.", "$20 billion", "other", "SoftBank", NULL},
    /* revenue in X is X's */
    {"Revenue in Azure and other cloud services grew 39% in the quarter.", "39%", "other",
     "Microsoft", NULL},
    /* more cues: a capital plan is guidance, a run rate revenue, a market's size other,
     * interconnection requests no capacity, ADRs a stock */
    {"Xcel Energy raised its five-year capital plan to $60 billion.", "$60 billion",
     "capex_guidance", "Xcel Energy", NULL},
    {"Micron's HBM sales implied an annualised run rate of nearly $8 billion.", "$8 billion",
     "revenue", "Micron", NULL},
    {"Marvell sees custom chips taking 20% of a $94 billion market by 2028.", "$94 billion", "other",
     "Marvell", NULL},
    {"PG&E said its pipeline of large-load requests has grown to 10 GW.", "10 GW", "other", "PG&E",
     NULL},
    {"TSMC guided higher. Its ADRs rose 3.5% overnight.", "3.5%", "stock_move", "TSMC", NULL},
    /* the shipped gazetteer: Asian groups, utilities, indexes, sources */
    {"Alibaba Cloud revenue grew 34% to 39.8 billion yuan.", "39.8 billion yuan", "revenue",
     "Alibaba", NULL},
    {"The Sensex slipped 0.4% on Tuesday.", "0.4%", "stock_move", "Sensex", NULL},
    {"American Electric Power plans to spend $72 billion by 2030.", "$72 billion", "capex_guidance",
     "American Electric Power", NULL},
    {"According to Evercore ISI, Meta will spend $120 billion next year.", "$120 billion",
     "capex_guidance", "Meta", NULL},
    /* organisations the gazetteer does not know */
    {"Brightline Digital will invest $3 billion in a new campus.", "$3 billion", "capex",
     "Brightline Digital", NULL},
    {"Voltaic, a Texas start-up, plans a 2 GW campus near Amarillo.", "2 GW", "power_capacity",
     "Voltaic", NULL},
    {"The index fell, with chip designer Zentro losing 6%.", "6%", "stock_move", "Zentro", NULL},
    {"Arcwell Ltd (NASDAQ: ARCW) signed a $900 million contract with Meta.", "$900 million",
     "contract_value", "Arcwell", "Meta"},
    {"On Monday, Quillon raised $400 million in a Series B round.", "$400 million", "other",
     "Quillon", NULL},
    {"Quillon Technologies raised $400 million. Quillon plans a 100 MW site.", "100 MW",
     "power_capacity", "Quillon Technologies", NULL},
    {"Analyst Dana Whitfield expects Oracle to spend $40 billion next year.", "$40 billion",
     "capex_guidance", "Oracle", NULL},
    {"Chief executive Dana Whitfield said Orbis Energy will build a 1 GW plant.", "1 GW",
     "power_capacity", "Orbis Energy", NULL},
    /* a sentence naming nobody goes on about the last subject ... */
    {"Oracle lifted its forecast. Remaining performance obligations rose 40% to $455 billion.",
     "$455 billion", "revenue", "Oracle", NULL},
    /* ... unless it speaks of no company's accounts */
    {"Nvidia reported results. Data center vacancy rates hit a record low of 1.6%.", "1.6%",
     "other", NULL, NULL},
    {"Oracle signed a contract. The contract with OpenAI is worth about $300 billion.",
     "$300 billion", "contract_value", "Oracle", "OpenAI"},
    /* a country's company */
    {"Taiwan's TSMC rose 3% on Friday.", "3%", "stock_move", "TSMC", NULL},
    /* headings: a line that is only a name, "X - ...", a paragraph's heading */
    {"AMAZON (AMZN)\n- Added more than 3.8 GW of power capacity in the past year",
     "3.8 GW", "power_capacity", "Amazon", NULL},
    {"Hut 8 - a 15-year lease worth $7 billion with Fluidstack.", "$7 billion", "contract_value",
     "Hut 8", "Fluidstack"},
    {"Cipher Mining - a $5.5 billion lease with AWS. Google backstops $1.4 billion of it. "
     "The stock jumped 22% on the news.", "22%", "stock_move", "Cipher Mining", NULL},
    {"Google backstops $1.4 billion of the lease obligations.", "$1.4 billion", "other",
     "Alphabet", NULL},
    /* two companies doing one thing share the figure; a total has no owner */
    {"Humain and xAI will jointly build a 500 MW data center.", "500 MW", "power_capacity",
     "Humain", NULL},
    {"Alphabet, Amazon and Microsoft will spend $300 billion combined in 2027.", "$300 billion",
     "capex_guidance", NULL, NULL},
    {"Hyundai will invest 3 trillion won together with Nvidia in a cluster.", "3 trillion won",
     "capex", "Hyundai Motor Group", NULL},
    {"Nscale, the AI hyperscaler, will deploy 200,000 GPUs for Microsoft.", "200,000 GPUs",
     "compute_units", "Nscale", NULL},
    /* names that qualify a noun own nothing */
    {"CoreWeave's backlog rose, helped by its OpenAI contracts worth up to $6.5 billion.",
     "$6.5 billion", "contract_value", "CoreWeave", NULL},
    {"TeraWulf signed a 10-year Fluidstack agreement worth about $3 billion.", "$3 billion",
     "contract_value", "TeraWulf", "Fluidstack"},
    /* stock moves and the clauses they start */
    {"Palantir slid 7% despite raising its revenue forecast.", "7%", "stock_move", "Palantir",
     NULL},
    {"AMZN fell 8.5% after the print, MSFT dropped 10%.", "10%", "stock_move", "Microsoft", NULL},
    {"CoreWeave tumbled 8% and Nebius shed 4%.", "4%", "stock_move", "Nebius", NULL},
    {"AMD, now valued at about $390 billion, edged up 0.8%.", "0.8%", "stock_move", "AMD", NULL},
    {"AMD shares soar 24% as OpenAI commits to 6 gigawatts of its chips", "6 gigawatts",
     "power_capacity", "OpenAI", NULL},
    {"She pointed to Humain, which plans to deploy up to 600,000 Nvidia GPUs.",
     "600,000 Nvidia GPUs", "compute_units", "Humain", "Nvidia"},
    /* an emirate's possessive names a place, not a company */
    {"Washington cleared sales of 20,000 AMD chips to Abu Dhabi's G42.",
     "20,000 AMD chips", "compute_units", "G42", "AMD"},
    {"OpenAI has lined up 33 GW of compute, while its annualized revenue is about $13 billion.",
     "$13 billion", "revenue", "OpenAI", NULL},
    /* who provides: a buyer deploying a chipmaker's GPUs, a lab using a
     * cloud's chips, a purchase from a supplier */
    {"AMD will supply OpenAI in a deal under which the ChatGPT maker will deploy 6 gigawatts of "
     "AMD GPUs.", "6 gigawatts", "power_capacity", "OpenAI", "AMD"},
    {"Anthropic will expand its use of Google's tensor processing units to up to one million chips.",
     "one million chips", "compute_units", "Alphabet", "Anthropic"},
    {"IREN agreed to purchase the GPUs from Dell for about $5.8 billion.", "$5.8 billion",
     "contract_value", "Dell", "IREN"},
    /* financing, valuations, stakes, sales */
    {"Nscale closed a $1.1 billion Series B round in September.", "$1.1 billion", "other",
     "Nscale", NULL},
    {"The round valued Mistral at €11.7 billion.", "€11.7 billion", "market_value", "Mistral", NULL},
    {"Talen expanded a deal valued at roughly $18 billion with Amazon.", "$18 billion",
     "contract_value", "Talen Energy", "Amazon"},
    {"Microsoft holds a stake valued at roughly $135 billion.", "$135 billion", "other",
     "Microsoft", NULL},
    {"Oracle stock peaked at $345 in September, erasing $300 billion of market value.", "$345",
     "price", "Oracle", NULL},
    {"CoreWeave said interest expense rose to $311 million.", "$311 million", "cost", "CoreWeave",
     NULL},
    {"SoftBank sold its stake in Nvidia for $5.83 billion to fund its commitments.",
     "$5.83 billion", "other", "SoftBank", NULL},
    {"The fund committed $20 billion to a joint venture with Brookfield.", "$20 billion", "other",
     NULL, NULL},
    {"Nvidia will invest up to $10 billion in the start-up and Microsoft up to $5 billion.",
     "$5 billion", "other", "Microsoft", NULL},
    {"MGX agreed to buy Aligned Data Centers for $40 billion.", "$40 billion", "other", "MGX",
     NULL},
    {"Crusoe raised $1.38 billion at a valuation above $13 billion.", "$1.38 billion", "other",
     "Crusoe", NULL},
    /* a pledge stays capex; a forecast for one year is guidance */
    {"Google will invest $15 billion in India over the next five years.", "$15 billion", "capex",
     "Alphabet", NULL},
    {"Their investments are expected to reach $650 billion in 2027.", "$650 billion",
     "capex_guidance", NULL, NULL},
    /* power that is no capacity */
    {"The halls support rack densities of up to 200kW.", "200kW", "other", NULL, NULL},
    {"PJM expects its summer peak to climb by 32 GW by 2030.", "32 GW", "other", "PJM", NULL},
    /* a figure compared with, part of, or listed after another */
    {"Capex came to $12 billion, up from $8.5 billion, leaving a cash burn of $10 billion.",
     "$8.5 billion", "capex", NULL, NULL},
    {"Analysts raised Meta's price target to $850 from $810.", "$810", "price", "Meta", NULL},
    {"ByteDance plans capex of 160 billion yuan in 2027, of which 85 billion yuan will buy chips.",
     "85 billion yuan", "capex_guidance", "ByteDance", NULL},
    {"AEP has 24 GW of customer commitments and plans to spend $72 billion by 2030.",
     "$72 billion", "capex_guidance", "AEP", NULL},
    /* indexes and stock moves: a verb after an index, "the" before a name,
     * more verbs, an index's number is no figure, an index named last */
    {"The KOSPI closed up 1.2% on Friday.", "1.2%", "stock_move", "KOSPI", NULL},
    {"The S&P 500 fell 0.6% and the Nasdaq Composite slid 1.3%.", "1.3%", "stock_move",
     "Nasdaq Composite", NULL},
    {"Nvidia rose 2% and Micron Technology gave up 1.4%.", "1.4%", "stock_move", "Micron", NULL},
    {"Schneider shares rose 1.5% to €210.20, while the CAC 40 added 0.7%.", "0.7%", "stock_move",
     "CAC 40", NULL},
    {"Shares of TSMC rose 2% in Taipei, lifting the Taiex 0.9%.", "0.9%", "stock_move", "Taiex",
     NULL},
    {"Shares of Vistra, the power producer that sells its output to data centers, have gained 12% "
     "this year.", "12%", "stock_move", "Vistra", NULL},
    {"Oracle fell 3.1% to $201.50 on Friday.", "$201.50", "price", "Oracle", NULL},
    {"Bitcoin dropped 2% to about $88,000.", "$88,000", "price", NULL, NULL},
    {"SK Hynix jumped 5.6% to a record 298,000 won.", "298,000 won", "price", "SK Hynix", NULL},
    {"SK Hynix revenue rose 17% to 24 trillion won.", "24 trillion won", "revenue", "SK Hynix", NULL},
    {"Advantest reported a 15% rise in orders, and its shares rose 4%.", "15%", "other", "Advantest",
     NULL},
    {"Unicom's shares rose 3% in Hong Kong.", "3%", "stock_move", "China Unicom", NULL},
    {"Tokyo Electric Power Co shares rose 4% on the news.", "4%", "stock_move", "TEPCO", NULL},
    /* a stock move of the sentence before does not make every later percentage one */
    {"Shares of Nvidia rose. A 10% cut to supply would lower our estimates by 14%.", "14%", "other",
     NULL, NULL},
    /* regions and segments are no organisations */
    {"Vertiv posted record orders. Sales in the Americas rose 30%, while Asia Pacific was up 9%.",
     "9%", "other", "Vertiv", NULL},
    /* a dateline's city owns nothing */
    {"SEOUL, March 3 (Reuters) - Naver and Kakao will build a 40 MW data center.", "40 MW",
     "power_capacity", "Naver", NULL},
    /* a speaker is no anaphor: "..., it said" */
    {"Equinix opened a site. Vacancy in Dallas fell to 2%, it said.", "2%", "other", NULL, NULL},
    /* a country after "the" starts its clause */
    {"Nebius pledged $2 billion, while the UAE has promised to invest $5 billion in the US.",
     "$5 billion", "capex", "UAE", NULL},
    /* a pair of partners is the subject the next sentence speaks of */
    {"In Germany, Deutsche Telekom and Nvidia are building a cloud. The project will use 10,000 "
     "GPUs.", "10,000 GPUs", "compute_units", "Deutsche Telekom", NULL},
    {"SK Telecom and AWS broke ground on a site. The two companies will invest 7 trillion won.",
     "7 trillion won", "capex", "SK Telecom", NULL},
    {"CoreWeave will acquire Core Scientific. The combined company will own 1.3 GW of power.",
     "1.3 GW", "power_capacity", "CoreWeave", NULL},
    /* a government owns its figures as its country */
    {"Seoul pushed its AI plan. The Ministry of Science has set aside 1.2 trillion won for GPUs.",
     "1.2 trillion won", "capex", "South Korea", NULL},
    {"Oracle opened a campus. Officials said the state would add 2 GW of supply.", "2 GW",
     "power_capacity", NULL, NULL},
    /* a heading in capitals ends the name heading's section */
    {"AMAZON\n- Will spend $30 billion in Ohio.\n\nMETA\n- Priced $25 billion of bonds.\n\n"
     "BY THE NUMBERS\n- 45 GW: US capacity under construction", "45 GW", "power_capacity", NULL,
     NULL},
    /* a round value seen before belongs to its owner only where named */
    {"AMAZON\n- Will spend $20.0 billion in Ohio.\n\nANTHROPIC\n- Plans a $20 billion investment "
     "in Texas.", "$20 billion", "capex", "Anthropic", NULL},
    /* a release defines "the Company" */
    {"Georgia Power Company (\"Georgia Power\" or \"the Company\") filed a plan. Southern Company "
     "shares rose. The Company now has 50 GW of requests.", "50 GW", "other", "Georgia Power", NULL},
    /* the landlord owns what is leased from it */
    {"CoreWeave leases 200 MW from Core Scientific in Texas.", "200 MW", "power_capacity",
     "Core Scientific", "CoreWeave"},
    /* owners named with prepositions, purposes and objects */
    {"We raise our price target on Nebius to $140.", "$140", "price", "Nebius", NULL},
    {"Schneider bought US cooling specialist Motivair for $850 million.", "$850 million", "other",
     "Schneider Electric", NULL},
    {"Lambda's next target: 1 GW of capacity, and a place in the S&P 500.", "1 GW",
     "power_capacity", "Lambda", NULL},
    /* money spent on a project is committed; a year's spending is a forecast */
    {"Amkor said it would spend about $2 billion on a new plant.", "$2 billion", "capex", "Amkor",
     NULL},
    {"Siemens Energy plans to spend €1 billion to raise turbine output.", "€1 billion", "capex",
     "Siemens Energy", NULL},
    {"SK Hynix plans to spend 25 trillion won on new lines in 2027.", "25 trillion won",
     "capex_guidance", "SK Hynix", NULL},
    {"Oncor said it would spend $30 billion over five years.", "$30 billion", "capex_guidance",
     "Oncor", NULL},
    /* more cues: capital cost, load growth, net buyers, enterprise value,
     * "value ... at", a joint venture's own figure, a charge per hour, a
     * premium, costing, a plan compared over a span of years, a part */
    {"Georgia Power puts the capital cost of the plants at $12 billion.", "$12 billion", "capex",
     "Georgia Power", NULL},
    {"Dominion projects load growth of 9 GW by 2035.", "9 GW", "other", "Dominion Energy", NULL},
    {"Foreign investors were net buyers of 600 billion won of shares.", "600 billion won", "other",
     NULL, NULL},
    {"The deal values Core Scientific at an enterprise value of $9 billion, including debt.",
     "$9 billion", "market_value", "Core Scientific", NULL},
    {"Lambda is preparing a listing. Bankers expect the IPO to value the company at $6 billion.",
     "$6 billion", "market_value", "Lambda", NULL},
    {"Adani plans to invest $10 billion over five years through its joint venture AdaniConneX.",
     "$10 billion", "capex", "Adani Group", NULL},
    {"Yotta will charge about Rs 150 per GPU per hour.", "Rs 150", "price", "Yotta", NULL},
    {"The offer is a premium of 30% to the closing price.", "30%", "other", NULL, NULL},
    {"Fluidstack signed a memorandum for a supercomputer costing €10 billion.", "€10 billion",
     "capex", "Fluidstack", NULL},
    {"Southern Company raised its capital plan to $81 billion for 2026 through 2030, up from $76 billion.",
     "$76 billion", "capex_guidance", "Southern Company", NULL},
    /* a table's column named by a money cue; a filing's request far from
     * its figure; an adjective in "the Japanese conglomerate"; net asset value */
    {"Company     Backlog     2026E capex\nNebius      $20.4bn     $6.5bn\n", "$20.4bn", "revenue",
     "Nebius", NULL},
    {"Georgia Power filed its request with the commission on Monday, asking regulators to certify "
     "approximately 9,900 MW of new generation.", "9,900 MW", "power_capacity", "Georgia Power",
     NULL},
    {"SoftBank reported results. The Japanese conglomerate said it would keep its loan-to-value "
     "ratio below 25%.", "25%", "other", "SoftBank", NULL},
    {"Analysts said SoftBank's net asset value had reached about 35 trillion yen.",
     "35 trillion yen", "other", "SoftBank", NULL},
    /* "which" after a preposition's noun refers to the noun */
    {"SoftBank sold Nvidia shares to fund commitments to OpenAI, which include a further $22.5 "
     "billion due in December.", "$22.5 billion", "other", "SoftBank", NULL},
    /* the main clause again after a relative clause */
    {"Arm, in which SoftBank holds about 90%, reported revenue of $1.14 billion.", "$1.14 billion",
     "revenue", "Arm", NULL},
    {"Arm, in which SoftBank holds about 90%, reported revenue of $1.14 billion.", "90%", "other",
     "SoftBank", NULL},
    /* buying a company is no compute deal; a move over a relative clause */
    {"Constellation to buy Calpine in $16.4 billion deal", "$16.4 billion", "other",
     "Constellation Energy", NULL},
    {"Talen Energy, which supplies Amazon with 1.92 GW from its plant, gained 3.2%.", "3.2%",
     "stock_move", "Talen Energy", NULL},
    {"The deal values the privately held company at about $26.6 billion.", "$26.6 billion",
     "market_value", NULL, NULL},
    /* the other side of a deal named after the figure before one named before it */
    {"It follows OpenAI's $300 billion agreement with Oracle and a $22.4 billion contract with "
     "CoreWeave.", "$22.4 billion", "contract_value", "CoreWeave", "OpenAI"},
    /* a backlog outweighs the contracts it is made of */
    {"Google Cloud's backlog of contracts not yet recognized climbed 46% to $155 billion.",
     "$155 billion", "revenue", "Alphabet", NULL},
    /* an owner in a relative clause right after the figure */
    {"Qualcomm will supply racks for a 200-megawatt deployment that Humain will operate.",
     "200-megawatt", "power_capacity", "Humain", NULL},
    /* a budget for purchases is spending; a holding; obligations are accounts */
    {"The government has budgeted 2 trillion won for GPU purchases.", "2 trillion won", "capex",
     NULL, NULL},
    {"Its founder, who owns about 40% of the company, is the richest man.", "40%", "other", NULL,
     NULL},
    {"Oracle reported. Remaining performance obligations jumped 359% to $455 billion.", "359%",
     "other", "Oracle", NULL},
    /* a figure compared over a change of another kind */
    {"We lift our 2027 capex estimate to $700bn, up 40% from $500bn in 2025.", "$500bn", "capex",
     NULL, NULL},
    /* "we" in a quote: the speaker's company, or nobody for an analyst */
    {"Nvidia reported results. \"We are going to spend about $10 billion on power this year,\" "
     "said Sam Altman, chief executive of OpenAI.", "$10 billion", "capex_guidance", "OpenAI", NULL},
    {"Nvidia reported results. \"We think group capex will reach $600 billion next year,\" said "
     "an analyst at Bernstein.", "$600 billion", "capex_guidance", NULL, NULL},
    /* the agent of a passive; a chipmaker supplying the subject's capacity */
    {"The campus, which is being built by Crusoe near Abilene, will eventually draw 1.2 GW.",
     "1.2 GW", "power_capacity", "Crusoe", NULL},
    {"Humain agreed to buy 18,000 chips from Nvidia, and AMD will supply chips for another 500 MW.",
     "500 MW", "power_capacity", "Humain", "AMD"},
    {"China Telecom expects capex of 80 billion yuan in 2026, down 5%, of which computing will take "
     "30 billion yuan.", "30 billion yuan", "capex_guidance", "China Telecom", NULL},
    /* a division of the company spoken of, a report's heading: no company */
    {"Norvale Systems reported revenue of $9 billion. Client Devices Group revenue fell 4% to $2 "
     "billion.", "$2 billion", "revenue", "Norvale Systems", NULL},
    {"Semiconductors & Data Center Services | Equity research | 3 March 2026\n\nThe aggregate "
     "capital plans of our coverage reached $500 billion.", "$500 billion", "capex_guidance", NULL,
     NULL},
    /* a target price on X */
    {"Coverage update. We cut our target price on Vistra to $150 and stay neutral.", "$150", "price",
     "Vistra", NULL},
    /* a market's statistic is nobody's unless a company is its subject; a
     * company's average price is its own */
    {"Micron posted record sales in the quarter. Spot prices for NAND flash jumped 30% over the "
     "period.", "30%", "other", NULL, NULL},
    {"Coherent raised its outlook on Tuesday. Analysts expect the optical module market to reach "
     "$40 billion by 2028.", "$40 billion", "other", NULL, NULL},
    {"Coherent shares rose 4% on the day.\n- UK 10-year gilt yield: 4.6%", "4.6%", "other", NULL,
     NULL},
    {"Micron posted record sales in the quarter. The average price per gigabyte rose 12% in the "
     "period.", "12%", "other", "Micron", NULL},
    /* orders booked are revenue to come; one customer's are a deal */
    {"ABB said data centre orders climbed to $3.4 billion in the quarter.", "$3.4 billion",
     "revenue", "ABB", NULL},
    {"Marvell said it won a new customer with $4 billion of orders.", "$4 billion",
     "contract_value", "Marvell", NULL},
    {"Foxconn received orders worth $2 billion from OpenAI for racks.", "$2 billion",
     "contract_value", "Foxconn", "OpenAI"},
    /* a move after "was", or over a comma at the clause's end; not a
     * company's growth */
    {"Intel was up 3.5% after it raised its sales forecast for the year.", "3.5%", "stock_move",
     "Intel", NULL},
    {"Nebius was the worst performer of the day, down 6%.", "6%", "stock_move", "Nebius", NULL},
    {"Nvidia said data center revenue was $51 billion, up 66%.", "66%", "other", "Nvidia", NULL},
    /* the figure a forecast is compared with: the period before, an earlier
     * plan, an earlier forecast */
    {"Vistra expects capital expenditures of $9 billion next year, up from $7.5 billion.",
     "$7.5 billion", "capex", "Vistra", NULL},
    {"Duke Energy raised its capital plan to $95 billion, up from $83 billion a year ago.",
     "$83 billion", "capex_guidance", "Duke Energy", NULL},
    {"Entergy expects capex of $12 billion next year, up from its prior forecast of $10 billion.",
     "$10 billion", "capex_guidance", "Entergy", NULL},
    /* a part of a forecast is a forecast, even with a pledge's word */
    {"Baidu said its capex for 2026 is planned at 90 billion yuan, of which investment in AI "
     "servers will reach 40 billion yuan.", "40 billion yuan", "capex_guidance", "Baidu", NULL},
    /* a plan for one year is a forecast; a pledge with a deadline stays a
     * pledge; a forecast of investment is a forecast; a conversion follows
     * its figure */
    {"Rakuten plans to invest 200 billion yen in data centres in the fiscal year ending March 2027.",
     "200 billion yen", "capex_guidance", "Rakuten", NULL},
    {"Equinix plans to spend $3 billion on new sites this fiscal year.", "$3 billion",
     "capex_guidance", "Equinix", NULL},
    {"Hitachi plans to spend about $2 billion to expand transformer output by 2029.", "$2 billion",
     "capex", "Hitachi", NULL},
    {"Eaton said it would invest $400 million in its factories through 2028.", "$400 million",
     "capex", "Eaton", NULL},
    {"Investment in the country's data centres could reach $30 billion by 2028, analysts said.",
     "$30 billion", "capex_guidance", NULL, NULL},
    {"Brookfield plans to invest SEK 50 billion (about $5 billion) in a campus in Sweden.",
     "$5 billion", "capex", "Brookfield", NULL},
    /* a country's index is the index's; a company's origin is no country
     * spoken of */
    {"Stocks in Asia were mixed. Japan's Nikkei 225 fell 0.8% on Friday.", "0.8%", "stock_move",
     "Nikkei 225", NULL},
    {"JAKARTA, Indonesia - Nvidia signed a deal with a Singapore-based start-up.\n\nThe government "
     "has raised power tariffs for large users by about 9%.", "9%", "other", "Indonesia", NULL},
    /* money a government announces from a named party is that party's */
    {"Italy courts data centres. At a summit, the prime minister announced €30 billion of "
     "investment pledges, including €8 billion from Qatar for new campuses.", "€8 billion", "capex",
     "Qatar", NULL},
    /* ---- written for the fifth round, labelled before running: divisions
     * and units, market statistics, odd names ("eStruxture", "d-Matrix"),
     * far subjects and descriptors ("The Taiwanese contract manufacturer,
     * which ..."), provider and buyer ("buy ... from X", "supply X with"),
     * lists under a caption, periods ---- */
    {"Amazon Web Services, Amazon's cloud unit, posted revenue of $33 billion in the third "
     "quarter, up 20%.", "$33 billion", "revenue", "Amazon", NULL},
    {"Microsoft's Intelligent Cloud segment grew revenue 28% to $30.9 billion.",
     "$30.9 billion", "revenue", "Microsoft", NULL},
    {"Dell's Infrastructure Solutions Group reported record revenue of $16.8 billion, while AI "
     "server shipments reached $5.6 billion.", "$16.8 billion", "revenue", "Dell", NULL},
    {"Siemens Energy said orders at its Grid Technologies unit rose 30% to €5.2 billion.",
     "€5.2 billion", "revenue", "Siemens Energy", NULL},
    {"Nvidia's Data Center business generated $41.1 billion in sales in the quarter.",
     "$41.1 billion", "revenue", "Nvidia", NULL},
    {"Alphabet said Google Cloud's backlog rose to $155 billion at the end of the quarter.",
     "$155 billion", "revenue", "Alphabet", NULL},
    {"At Oracle, the Cloud Infrastructure business grew 55% to $3.3 billion.",
     "$3.3 billion", "revenue", "Oracle", NULL},
    {"Global data centre capital expenditure rose 51% to $455 billion in 2024, according to "
     "Dell'Oro Group.", "$455 billion", "capex", NULL, NULL},
    {"The four largest cloud providers together spent $113 billion on capital expenditures in "
     "the third quarter.", "$113 billion", "capex", NULL, NULL},
    {"Worldwide spending on AI infrastructure is forecast to reach $758 billion by 2029, IDC "
     "said.", "$758 billion", "capex_guidance", NULL, NULL},
    {"US data centre vacancy fell to a record low of 1.6% in the first half, CBRE said.",
     "1.6%", "other", NULL, NULL},
    {"Hyperscalers are expected to spend more than $600 billion on capex in 2026, Goldman "
     "Sachs estimates.", "more than $600 billion", "capex_guidance", NULL, NULL},
    {"Contract prices for DDR5 memory jumped 40% in October, TrendForce said.",
     "40%", "other", NULL, NULL},
    {"d-Matrix, a Santa Clara chip start-up, raised $275 million in a funding round led by "
     "Temasek.", "$275 million", "other", "d-Matrix", NULL},
    {"atNorth plans to build a 200 MW data centre campus in Denmark.",
     "200 MW", "power_capacity", "atNorth", NULL},
    {"eStruxture said it would invest C$750 million in a 90 MW campus near Calgary.",
     "C$750 million", "capex", "eStruxture", NULL},
    {"Nscale, a British neocloud, will deploy 200,000 Nvidia GB300 GPUs for Microsoft.",
     "200,000 Nvidia GB300 GPUs", "compute_units", "Nscale", NULL},
    {"iREN shares fell 6% on Thursday.", "6%", "stock_move", "IREN", NULL},
    {"Oracle reported results after the bell on Tuesday. In a filing, the company said it now "
     "expects capital expenditures of about $35 billion in fiscal 2026.",
     "about $35 billion", "capex_guidance", "Oracle", NULL},
    {"CoreWeave lowered its full-year outlook. It now expects revenue of $5.05 billion to "
     "$5.15 billion for 2025, citing a delay at a third-party developer.",
     "$5.05 billion to $5.15 billion", "revenue", "CoreWeave", NULL},
    {"Meta Platforms, whose shares have risen 25% this year, said on Wednesday that it will "
     "spend $600 billion in the US through 2028.", "$600 billion", "capex_guidance", "Meta", NULL},
    {"Applied Digital signed a second lease with CoreWeave. The company said the 150 MW lease "
     "is worth about $2.3 billion over 15 years.",
     "about $2.3 billion", "contract_value", "Applied Digital", NULL},
    {"OpenAI has agreed to pay Oracle about $300 billion over five years for computing power.",
     "about $300 billion", "contract_value", "Oracle", NULL},
    {"Meta signed a cloud computing deal with Google worth more than $10 billion.",
     "more than $10 billion", "contract_value", "Alphabet", NULL},
    {"Microsoft will buy $9.7 billion of cloud capacity from IREN over five years.",
     "$9.7 billion", "contract_value", "IREN", NULL},
    {"xAI has bought 100,000 Nvidia H200 GPUs for its Colossus cluster.",
     "100,000 Nvidia H200 GPUs", "compute_units", "xAI", NULL},
    {"Anthropic will use up to one million Google TPUs under the expanded agreement.",
     "one million Google TPUs", "compute_units", "Alphabet", NULL},
    {"AMD agreed to supply OpenAI with 6 gigawatts of Instinct GPUs, starting with 1 gigawatt "
     "in 2026.", "6 gigawatts", "power_capacity", "OpenAI", NULL},
    {"Nebius agreed to provide Microsoft with GPU infrastructure worth $17.4 billion.",
     "$17.4 billion", "contract_value", "Nebius", NULL},
    {"Alphabet raised its 2025 capex forecast to $91 billion to $93 billion.",
     "$91 billion to $93 billion", "capex_guidance", "Alphabet", NULL},
    {"SoftBank plans to spend 1 trillion yen in the year ending March 2027.",
     "1 trillion yen", "capex_guidance", "SoftBank", NULL},
    {"Amazon spent $34.2 billion on capex in the September quarter.",
     "$34.2 billion", "capex", "Amazon", NULL},
    {"Five-year capital plan ($bn)\n\nSegment       2026E   2027E   2028E\nTransmission  4.1   "
     "  4.6     5.0\n\nDominion Energy's capital plan totals $50 billion.",
     "$50 billion", "capex_guidance", "Dominion Energy", NULL},
    {"Capex guidance, FY2026\n- Microsoft: about $120 billion\n- Alphabet: $91 billion to $93 "
     "billion\n- Meta: $70 billion to $72 billion",
     "about $120 billion", "capex_guidance", "Microsoft", NULL},
    {"Capex guidance, FY2026\n- Microsoft: about $120 billion\n- Alphabet: $91 billion to $93 "
     "billion\n- Meta: $70 billion to $72 billion",
     "$70 billion to $72 billion", "capex_guidance", "Meta", NULL},
    {"Company | Q3 capex | FY26 guide\nAmazon | $34.2bn | $125bn\nMicrosoft | $34.9bn | $140bn",
     "$34.9bn", "capex", "Microsoft", NULL},
    {"Company | Q3 capex | FY26 guide\nAmazon | $34.2bn | $125bn\nMicrosoft | $34.9bn | $140bn",
     "$125bn", "capex_guidance", "Amazon", NULL},
    {"Nebius Group posted a strong quarter on Tuesday. Revenue more than tripled from a year "
     "earlier. The Amsterdam-based company said it has secured 2.5 GW of contracted power and "
     "aims to reach annualised revenue of $7 billion to $9 billion by the end of 2026.",
     "2.5 GW", "power_capacity", "Nebius", NULL},
    {"Nebius Group posted a strong quarter on Tuesday. Revenue more than tripled from a year "
     "earlier. The Amsterdam-based company said it has secured 2.5 GW of contracted power and "
     "aims to reach annualised revenue of $7 billion to $9 billion by the end of 2026.",
     "$7 billion to $9 billion", "revenue", "Nebius", NULL},
    {"Shares of Oracle tumbled 11% on Friday. The software maker disclosed that it had raised "
     "its capital spending forecast to $50 billion.",
     "$50 billion", "capex_guidance", "Oracle", NULL},
    {"Micron beat estimates. The Boise, Idaho-based memory maker expects revenue of $12.5 "
     "billion in the current quarter.", "$12.5 billion", "revenue", "Micron", NULL},
    {"SK Hynix reported record profit. Its shares rose 5% in Seoul, and the chipmaker said HBM "
     "sales would double next year.", "5%", "stock_move", "SK Hynix", NULL},
    {"Oracle has signed a contract with Meta worth about $20 billion for cloud computing.",
     "about $20 billion", "contract_value", "Oracle", NULL},
    {"Lambda struck a multibillion-dollar deal with Microsoft to deploy tens of thousands of "
     "Nvidia GPUs, including 20,000 GB300 chips.",
     "20,000 GB300 chips", "compute_units", "Lambda", NULL},
    {"Humain will buy 18,000 of Nvidia's GB300 chips for its first data centre.",
     "18,000", "compute_units", "Humain", NULL},
    {"Cipher Mining signed a 10-year lease with Fluidstack for 168 MW, worth about $3 billion; "
     "Google will backstop $1.4 billion of the lease obligations.",
     "168 MW", "power_capacity", "Cipher Mining", NULL},
    {"Cipher Mining signed a 10-year lease with Fluidstack for 168 MW, worth about $3 billion; "
     "Google will backstop $1.4 billion of the lease obligations.",
     "about $3 billion", "contract_value", "Cipher Mining", NULL},
    {"Cipher Mining signed a 10-year lease with Fluidstack for 168 MW, worth about $3 billion; "
     "Google will backstop $1.4 billion of the lease obligations.",
     "$1.4 billion", "other", "Alphabet", NULL},
    {"The ChatGPT maker has agreed to buy $38 billion of computing capacity from Amazon Web "
     "Services over seven years.", "$38 billion", "contract_value", "Amazon", NULL},
    {"Under the pact, Broadcom will help OpenAI deploy 10 gigawatts of custom AI accelerators.",
     "10 gigawatts", "power_capacity", "OpenAI", NULL},
    {"Data centres consumed about 4.4% of US electricity in 2023, a figure that could rise to "
     "12% by 2028, according to the Lawrence Berkeley National Laboratory.",
     "4.4%", "other", NULL, NULL},
    {"Spot prices for H100 rentals have fallen to about $2 an hour from $8 in 2023.",
     "about $2", "price", NULL, NULL},
    {"Big Tech's combined capex is on track to top $400 billion this year.",
     "$400 billion", "capex_guidance", NULL, NULL},
    {"The global AI chip market is expected to reach $500 billion by 2028.",
     "$500 billion", "other", NULL, NULL},
    {"In the three months to September, Alibaba spent 31.4 billion yuan on capex.",
     "31.4 billion yuan", "capex", "Alibaba", NULL},
    {"Tencent's capex in the second quarter was 19.1 billion yuan, up 119% from a year earlier.",
     "19.1 billion yuan", "capex", "Tencent", NULL},
    {"Reliance Industries said its unit Reliance Intelligence will build a 1 GW data centre in "
     "Jamnagar.", "1 GW", "power_capacity", "Reliance Industries", NULL},
    {"Mitsubishi Heavy Industries' Energy Systems segment booked orders of 1.2 trillion yen, "
     "up 35%.", "1.2 trillion yen", "revenue", "Mitsubishi Heavy Industries", NULL},
    {"Sales at the Power Systems Division of Acme Grid Corp climbed 18% to $2.1 billion.",
     "$2.1 billion", "revenue", "Acme Grid", NULL},
    {"Vertiv's Americas segment reported organic sales growth of 43%.",
     "43%", "other", "Vertiv", NULL},
    {"Iris Energy, which rebranded as IREN last year, has contracted 2.9 GW of power across "
     "its sites. The Sydney-based firm said it expects to reach $3.4 billion in annualised "
     "revenue by the end of 2026.", "$3.4 billion", "revenue", "IREN", NULL},
    {"Constellation Energy agreed to buy Calpine last year. On Monday the utility said it "
     "would spend $1.6 billion to restart the Crane reactor, which will supply 835 MW to "
     "Microsoft.", "$1.6 billion", "capex", "Constellation Energy", NULL},
    {"Constellation Energy agreed to buy Calpine last year. On Monday the utility said it "
     "would spend $1.6 billion to restart the Crane reactor, which will supply 835 MW to "
     "Microsoft.", "835 MW", "power_capacity", "Constellation Energy", NULL},
    {"Shares in Arm rose 4% after the chip designer said royalty revenue climbed 21% to $585 "
     "million.", "$585 million", "revenue", "Arm", NULL},
    {"Foxconn posted record sales in October. The Taiwanese contract manufacturer, which "
     "assembles Nvidia's servers, said cloud products revenue rose more than 60%.",
     "more than 60%", "other", "Foxconn", NULL},
    {"Chipmakers lost a combined $500 billion in market value over two days.",
     "$500 billion", "market_value", NULL, NULL},
    {"Amazon, Microsoft and Alphabet together reported cloud revenue of $72 billion in the "
     "quarter.", "$72 billion", "revenue", NULL, NULL},
    {"Average DRAM prices are expected to rise 15% to 20% in the fourth quarter, according to "
     "TrendForce.", "15%", "other", NULL, NULL},
    {"Data centre construction spending in the US hit a record $40 billion annualised rate in "
     "June, Census Bureau data showed.", "$40 billion", "capex", NULL, NULL},
    {"OpenAI's $300 billion agreement with Oracle starts in 2027.",
     "$300 billion", "contract_value", "Oracle", NULL},
    {"Meta has agreed to rent Google Cloud TPUs in a deal worth tens of billions, and will buy "
     "1 GW of TPU capacity from 2027.", "1 GW", "power_capacity", "Alphabet", NULL},
    {"Anthropic will pay Microsoft $30 billion for Azure compute capacity.",
     "$30 billion", "contract_value", "Microsoft", NULL},
    {"Lambda and Microsoft signed a deal worth billions; Lambda will deploy 21,000 Nvidia "
     "GB300 chips for the software company.", "21,000", "compute_units", "Lambda", NULL},
    {"For the full year, Equinix now expects revenue of $9.2 billion.",
     "$9.2 billion", "revenue", "Equinix", NULL},
    {"Oracle expects RPO to exceed $500 billion by fiscal 2027.",
     "$500 billion", "revenue", "Oracle", NULL},
    {"SEOUL, May 12 (Reuters) - SK Hynix said on Tuesday it will invest 20 trillion won in a "
     "new HBM plant in Cheongju. The world's second-largest memory chipmaker expects the plant "
     "to start production in 2027, and its shares rose 3.4% in early trade.",
     "3.4%", "stock_move", "SK Hynix", NULL},
    {"Alibaba will raise its AI infrastructure budget. Chief executive Eddie Wu said the "
     "e-commerce group would spend more than 380 billion yuan over three years.",
     "more than 380 billion yuan", "capex_guidance", "Alibaba", NULL},
    {"Oracle shares slid. Investors worry about the debt it is taking on: the database company "
     "has borrowed $18 billion in bonds this year.", "$18 billion", "other", "Oracle", NULL},
    {"Nvidia reported data centre revenue of $51.2 billion. It also said it had $500 billion "
     "of Blackwell and Rubin bookings through 2026.", "$500 billion", "revenue", "Nvidia", NULL},
    {"CoreWeave, the Nvidia-backed cloud provider, said its backlog rose to $55.6 billion.",
     "$55.6 billion", "revenue", "CoreWeave", NULL},
    {"After weeks of speculation, the Redmond, Washington-based company confirmed that "
     "Microsoft would spend $80 billion on AI data centres this fiscal year.",
     "$80 billion", "capex_guidance", "Microsoft", NULL},
    {"Amazon's cloud division AWS signed a $38 billion deal with OpenAI.",
     "$38 billion", "contract_value", "Amazon", NULL},
    {"Google Cloud revenue rose 34% to $15.2 billion in the quarter.",
     "$15.2 billion", "revenue", "Alphabet", NULL},
    {"Schneider Electric's data center and networks business grew 20% in the third quarter.",
     "20%", "other", "Schneider Electric", NULL},
    {"Global semiconductor sales reached $208 billion in the third quarter, the Semiconductor "
     "Industry Association said.", "$208 billion", "revenue", NULL, NULL},
    {"US electricity prices for commercial users have risen 6.5% over the past year.",
     "6.5%", "other", NULL, NULL},
    {"Northern Virginia, the largest data centre market, has about 4,900 MW of operating "
     "capacity.", "4,900 MW", "power_capacity", NULL, NULL},
    {"Investment in US data centres totalled $40 billion in the first half, while vacancy fell "
     "to 2.3%.", "$40 billion", "capex", NULL, NULL},
    {"The average selling price of HBM rose 20% in 2025, according to Counterpoint.",
     "20%", "other", NULL, NULL},
    {"nLighten plans to build 50 MW of edge data centres across Germany.",
     "50 MW", "power_capacity", "nLighten", NULL},
    {"zeroG, a Singapore start-up, raised $40 million.", "$40 million", "other", "zeroG", NULL},
    {"Oracle will supply OpenAI with 4.5 GW of capacity under the expanded Stargate agreement.",
     "4.5 GW", "power_capacity", "Oracle", NULL},
    {"Microsoft has signed a deal to buy around $19.4 billion of Nvidia GPU capacity from "
     "Nebius.", "around $19.4 billion", "contract_value", "Nebius", NULL},
    {"OpenAI purchased $10 billion of custom chips from Broadcom.",
     "$10 billion", "contract_value", "Broadcom", NULL},
    {"Nvidia will help Anthropic deploy up to 1 GW of compute using its Grace Blackwell "
     "systems.", "1 GW", "power_capacity", "Anthropic", NULL},
    {"Capital expenditure plan, FY2026-FY2030\nTransmission: $12.4 billion\nDistribution: $9.1 "
     "billion\nGeneration: $6.3 billion", "$9.1 billion", "capex_guidance", NULL, NULL},
    {"Infosys said it will invest Rs 2,000 crore in a data centre in Mysuru. The "
     "Bengaluru-based IT services company expects the facility to host 30 MW of IT load.",
     "30 MW", "power_capacity", "Infosys", NULL},
    {"Naver will buy 60,000 Nvidia GPUs. The Korean internet giant said the chips would power "
     "its sovereign AI models, and its shares jumped 7.1%.", "7.1%", "stock_move", "Naver", NULL},
    {"Microsoft disclosed $392 billion in commercial remaining performance obligations. That "
     "figure, which includes the OpenAI commitment, rose 51%.", "51%", "other", "Microsoft", NULL},
    {"Vantage Data Centers is building Frontier, a 1.4 GW campus in Texas. It will cost more "
     "than $25 billion.", "more than $25 billion", "capex", "Vantage Data Centers", NULL},
    {"Dell raised its AI server shipment forecast to $25 billion for fiscal 2026. The Round "
     "Rock, Texas, company now sees total revenue of $107 billion.",
     "$107 billion", "revenue", "Dell", NULL},
    {"Fermi America, which is developing an 11 GW campus in Amarillo, said its tenant had "
     "pulled a $150 million advance.", "11 GW", "power_capacity", "Fermi America", NULL},
    {"Arista Networks shares fell 8.7% even though the networking company guided 2026 revenue "
     "to $10.65 billion.", "$10.65 billion", "revenue", "Arista Networks", NULL},
    {"Under the terms, Nscale will supply Microsoft with about 104,000 Nvidia GB300 GPUs in "
     "Texas.", "104,000", "compute_units", "Nscale", NULL},
    {"Hut 8 signed a 15-year lease with Fluidstack for 245 MW at its River Bend campus; the "
     "lease is worth $7 billion.", "$7 billion", "contract_value", "Hut 8", NULL},
    {"Poolside, the AI coding start-up, will use 2 GW at Project Horizon, which CoreWeave will "
     "supply with 40,000 Nvidia GB300 GPUs.", "2 GW", "power_capacity", "Poolside", NULL},
    {"Crusoe raised $1.38 billion at a valuation above $13 billion.",
     "above $13 billion", "market_value", "Crusoe", NULL},
    {"Lambda filed confidentially for an IPO that could value the company at more than $4 "
     "billion.", "more than $4 billion", "market_value", "Lambda", NULL},
    {"Shares in ASML fell 4% after the Dutch chip equipment maker said orders slipped to €5.4 "
     "billion.", "€5.4 billion", "revenue", "ASML", NULL},
    {"At Microsoft, the Intelligent Cloud unit posted revenue of $26.8 billion.",
     "$26.8 billion", "revenue", "Microsoft", NULL},
    {"xAI agreed to buy $12 billion of GPUs from Dell for its Memphis supercomputer.",
     "$12 billion", "contract_value", "Dell", NULL},
    {"Nvidia will supply Humain with 18,000 GB300 chips in the first phase.",
     "18,000", "compute_units", "Humain", NULL},
    {"enCore Energy said it would spend $50 million to expand its uranium plant.",
     "$50 million", "capex", "enCore Energy", NULL},
    {"Oklo shares soared 12%. The advanced nuclear start-up, which is backed by Sam Altman, "
     "said it expects 14 GW of customer pipeline.", "14 GW", "power_capacity", "Oklo", NULL},
    {"Meta will purchase $14 billion of computing capacity from CoreWeave through 2031.",
     "$14 billion", "contract_value", "CoreWeave", NULL},
    {"Shares in SoftBank Group slumped 10% in Tokyo.", "10%", "stock_move", "SoftBank", NULL},
    /* a press release's company: its legal name and ticker, a dateline, a
     * title-case headline; its short form later is the same company, and
     * every fact carries the fullest name the text gives */
    {"DENVER, Aug. 6, 2025 — Norvane Compute, Inc. (Nasdaq: NRVC), an operator of GPU clusters, "
     "today reported revenue of $210.5 million.", "$210.5 million", "revenue", "Norvane Compute", NULL},
    {"Quillfield Lattice, Ltd. (NYSE: QFL) today said revenue rose to $98 million.", "$98 million",
     "revenue", "Quillfield Lattice", NULL},
    {"Norvane Compute, Inc. (Nasdaq: NRVC) reported results on Tuesday. Norvane expects capital "
     "expenditures of $1.1 billion to $1.3 billion in 2026.", "$1.1 billion to $1.3 billion",
     "capex_guidance", "Norvane Compute", NULL},
    {"Tarrow Digital files plans for 900MW campus\n\nDeveloper Tarrow Digital Infrastructure has "
     "filed plans for a 900MW campus in Kansas.", "900MW", "power_capacity",
     "Tarrow Digital Infrastructure", NULL},
    {"Ellory Grid Reports Record Quarter\n\nEllory Grid said revenue rose 40% to $75 million.",
     "$75 million", "revenue", "Ellory Grid", NULL},
    /* electricity per MWh is a price */
    {"Industrial power in Poland averaged €140 per megawatt-hour last year.",
     "€140 per megawatt-hour", "price", NULL, NULL},
    /* a rate is no sale's proceeds: selling power at $X per MWh is its price */
    {"Brannock Energy will sell power from the plant at $81 per MWh under the contract.",
     "$81 per MWh", "price", "Brannock Energy", NULL},
    {"The regional operator's auction cleared at $212 per megawatt-day, up from $41.",
     "$212 per megawatt-day", "price", NULL, NULL},
    /* the text's main subject is not a brand before its products */
    {"Pellham Cloud, a GPU cloud operator, opened a hall in Ohio this week. The hall runs Nvidia "
     "H200 systems. Nvidia B200 systems arrive next year. Nvidia GB300 racks follow in 2027. "
     "The hall draws 40MW.", "40MW", "power_capacity", "Pellham Cloud", NULL},
    /* a place's possessive before a part of it, a site's supplier: no owners */
    {"A second site, in Saskatoon's northern district, could grow to 200MW.", "200MW",
     "power_capacity", NULL, NULL},
    {"The hall will hold 12,000 GPUs, powered by Vattenfall.", "12,000 GPUs", "compute_units",
     NULL, NULL},
    /* spending on a purpose is a pledge, unless analysts estimate it */
    {"Naver said it would spend 1 trillion won on AI data centres by 2030.", "1 trillion won",
     "capex", "Naver", NULL},
    {"Analysts at Bernstein said utilities would spend $900 billion on grid upgrades by 2030.",
     "$900 billion", "capex_guidance", NULL, NULL},
    /* the buyer after a verb of supplying, over its owner's possessive */
    {"AMD will supply Sam Altman's OpenAI with 1 gigawatt of Instinct GPUs.", "1 gigawatt",
     "power_capacity", "OpenAI", "AMD"},
    /* a headerless list of quotes: a company's price and its signed move */
    {"Chip stocks rallied on Friday.\n\nTop gainers:\nMarvell     $91.20    +6.4%\n"
     "Qualcomm    $172.05   +2.2%\n", "+2.2%", "stock_move", "Qualcomm", NULL},
    {"Chip stocks rallied on Friday.\n\nTop gainers:\nMarvell     $91.20    +6.4%\n"
     "Qualcomm    $172.05   +2.2%\n", "$91.20", "price", "Marvell", NULL},
    /* a sentence may start with a name written lower case first */
    {"The rival deal covered 2 GW. xAI, which raised $10 billion, said it wants 1 million GPUs.",
     "1 million GPUs", "compute_units", "xAI", NULL},
    /* a market wrap's quote lines: a company, a colon, its price and move */
    {"Chip stocks were mixed on Thursday.\n\nMarvell: $88.40, up 2.7%\nQualcomm: $171.15, down 1.2%\n",
     "$171.15", "price", "Qualcomm", NULL},
    {"Chip stocks were mixed on Thursday.\n\nMarvell: $88.40, up 2.7%\nQualcomm: $171.15, down 1.2%\n",
     "2.7%", "stock_move", "Marvell", NULL},
    /* the price a move ends at, over its session */
    {"Dell rose 4.1% in extended trading to $142.35 after raising its AI server forecast.", "$142.35",
     "price", "Dell", NULL},
    /* a plain amount is no capital spending, deal or market value */
    {"Morgan Stanley lifts AI capex forecast, raises Marvell target to $120", "$120", "price",
     "Marvell", NULL},
    {"Analysts at Bernstein raised their price target on Broadcom to $410 from $375.", "$375", "price",
     "Broadcom", NULL},
    /* a market value lost in a day, and a move in a session */
    {"Broadcom sheds $90 billion as chip stocks tumble", "$90 billion", "market_value", "Broadcom",
     NULL},
    {"Arm shares swung from a gain of as much as 6% in early trade to a loss of 2%.", "as much as 6%",
     "stock_move", "Arm", NULL},
    /* an index pulled down by others owns its move; its level is no range */
    {"Advantest slid 4% and Tokyo Electron lost 2.5%, dragging Japan's Nikkei down 1.9% to "
     "48,210.55.", "1.9%", "stock_move", "Nikkei", NULL},
    /* a capacity in a sentence that names nobody goes on about the last subject */
    {"Iberdrola will build a 500 MW solar plant in Spain for Amazon. The first 200 MW is due to come "
     "online in 2027.", "200 MW", "power_capacity", "Iberdrola", NULL},
    /* a government's approved outlay is its capital spending */
    {"Indonesia's cabinet approved an outlay of Rp 20 trillion for a national AI computing programme.",
     "Rp 20 trillion", "capex", "Indonesia", NULL},
    /* a total reached in a past year is spending done */
    {"The research firm estimated that global spending on AI servers reached $310 billion in 2025.",
     "$310 billion", "capex", NULL, NULL},
    /* rows of years under a forecast's caption */
    {"Gartner forecast, worldwide AI server capex:\n2026: $410 billion\n2027: $520 billion\n"
     "2028: $610 billion\n", "$610 billion", "capex_guidance", NULL, NULL},
    /* a valuation in an apposition is no deal's, a round raised is financing */
    {"Anthropic, valued at $183 billion in its latest funding round, has signed a cloud deal with "
     "Google.", "$183 billion", "market_value", "Anthropic", NULL},
    {"Cohere raises $500 million at $6.8 billion valuation", "$500 million", "other", "Cohere", NULL},
    /* a part of a whole is no stock move, whatever shares stand near */
    {"Alphabet's shares have risen 40% this year, and the company now makes up about 4% of the "
     "S&P 500.", "about 4%", "other", "Alphabet", NULL},
    {"Alphabet's shares have risen 40% this year, and the company now makes up about 4% of the "
     "S&P 500.", "40%", "stock_move", "Alphabet", NULL},
    {"Under the agreement, Nebius will issue Microsoft warrants for 20 million shares, equal to "
     "roughly 8% of its stock.", "roughly 8%", "other", "Nebius", NULL},
    {"Nvidia stock slipped 2% after reports that data-center chips made up 88% of its revenue.",
     "88%", "other", "Nvidia", NULL},
    /* what a project costs is committed, whoever expects it */
    {"Aligned Data Centers said its Ohio campus is expected to cost about $4 billion.",
     "about $4 billion", "capex", "Aligned Data Centers", NULL},
    {"Iberdrola expects the new substation and lines to cost roughly €2.5 billion.",
     "2.5 billion", "capex", "Iberdrola", NULL},
    {"Stack Infrastructure plans a 600 MW site in Virginia, costing an estimated $6 billion.",
     "$6 billion", "capex", "Stack Infrastructure", NULL},
    {"Equinix expects to spend about $900 million building the Frankfurt campus.",
     "$900 million", "capex", "Equinix", NULL},
    /* what a deal brings in is revenue; a cue in another's complement is
     * that noun's */
    {"CoreWeave said the contract would add about $1.2 billion of annual revenue once the sites "
     "are running.", "$1.2 billion", "revenue", "CoreWeave", NULL},
    {"Equinix signed new leases worth $95 million in annualized rent in the quarter.",
     "$95 million", "revenue", "Equinix", NULL},
    {"Nebius said its backlog of signed contracts stood at $11 billion at the end of June.",
     "$11 billion", "revenue", "Nebius", NULL},
    {"Vertiv's backlog of data-center orders reached $9.5 billion.", "$9.5 billion", "revenue",
     "Vertiv", NULL},
    /* a cloud named right after what a buyer takes is the provider */
    {"Meta agreed to buy $14 billion of Google Cloud services over six years, people familiar with "
     "the matter said.", "$14 billion", "contract_value", "Alphabet", "Meta"},
    {"xAI, which last month agreed to rent $6 billion of capacity on Oracle's cloud, is raising "
     "more money.", "$6 billion", "contract_value", "Oracle", "xAI"},
    {"Under the deal, OpenAI will use up to 2 gigawatts of capacity on Azure.", "2 gigawatts",
     "power_capacity", "Microsoft", "OpenAI"},
    {"Mistral signed up for 500 MW of capacity at Nebius data centers in Finland.", "500 MW",
     "power_capacity", "Nebius", "Mistral"},
    /* what a unit sells for is a price */
    {"AMD's MI450 accelerators will sell for roughly $25,000 apiece, analysts estimate.",
     "$25,000", "price", "AMD", NULL},
    {"A used H100 server board that fetched $40,000 last year now sells for under $20,000.",
     "under $20,000", "price", NULL, NULL},
    {"Micron said a 128GB module sold for about $900 in March.", "about $900", "price", "Micron",
     NULL},
    /* a session's close or a level a stock trades at is a stock move */
    {"Oracle shares closed up 4.5% on Friday.", "4.5%", "stock_move", "Oracle", NULL},
    {"Nebius ended the day 2.4% lower.", "2.4%", "stock_move", "Nebius", NULL},
    {"Applied Digital trades 20% above its March low.", "20%", "stock_move", "Applied Digital",
     NULL},
    {"Quanta rose by the daily limit of 10% in Taipei.", "10%", "stock_move", "Quanta", NULL},
    {"Nvidia rose as much as 4.2% in New York before paring the gain to close up 3.1%.", "3.1%",
     "stock_move", "Nvidia", NULL},
    /* the company that moves owns its move and the price it ends at, over a
     * relative clause and the sentence's subject; not the second of a pair */
    {"Micron rose 3%, and Samsung Electronics, which supplies HBM to Nvidia, climbed 5.1% to "
     "98,000 won.", "5.1%", "stock_move", "Samsung Electronics", NULL},
    {"Micron rose 3%, and Samsung Electronics, which supplies HBM to Nvidia, climbed 5.1% to "
     "98,000 won.", "98,000 won", "price", "Samsung Electronics", NULL},
    {"Oracle fell 2% in early trading, and AMD, which agreed to pay 15% of its China revenue to "
     "the government, dropped 4%.", "4%", "stock_move", "AMD", NULL},
    {"CoreWeave and Nebius dropped 13% and 17%, respectively.", "13%", "stock_move", "CoreWeave",
     NULL},
    /* a plain amount at a listing, a peak or a close is a share price */
    {"Tarrow Digital priced its IPO at $21 on Thursday.", "$21", "price", "Tarrow Digital", NULL},
    {"Nebius is still 30% below its peak of $141.10.", "$141.10", "price", "Nebius", NULL},
    {"Amazon shares jumped 11%. The stock touched $254.00 in early trading, up from Thursday's "
     "close of $222.86.", "$222.86", "price", "Amazon", NULL},
    {"Halvard Compute shares jumped as much as 25% to $75.73 before paring gains.", "$75.73",
     "price", "Halvard Compute", NULL},
    {"Lambda listed on Nasdaq on Friday. The shares ended at $18.75, well above the $14 offer "
     "price.", "$14", "price", "Lambda", NULL},
    /* power a utility or generator sells is the seller's */
    {"Meta signed a 20-year power purchase agreement with Constellation Energy for 1.1GW.",
     "1.1GW", "power_capacity", "Constellation Energy", "Meta"},
    {"Amazon signed an agreement with Talen Energy to buy 1.92 GW from the Susquehanna plant.",
     "1.92 GW", "power_capacity", "Talen Energy", "Amazon"},
    {"Alphabet signed a supply agreement with Tarrow Power for 500 MW of geothermal capacity.",
     "500 MW", "power_capacity", "Tarrow Power", "Alphabet"},
    {"Entergy will supply Meta with 2.3 GW from three new gas plants.", "2.3 GW",
     "power_capacity", "Entergy", NULL},
    /* a buyer's deal with no seller named, and obligations of a kind, are
     * commitments */
    {"OpenAI has signed up for about $1.4 trillion of computing capacity over the next eight "
     "years.", "about $1.4 trillion", "commitments", "OpenAI", NULL},
    {"Big tech companies had more than $300 billion of off-balance-sheet lease commitments.",
     "more than $300 billion", "commitments", NULL, NULL},
    {"xAI has signed for 2 GW with three providers, commitments that could top $90 billion.",
     "$90 billion", "commitments", "xAI", NULL},
    {"OpenAI signed a $300 billion contract with Oracle.", "$300 billion", "contract_value",
     "Oracle", "OpenAI"},
    /* what a unit of capacity costs is nobody's when the sentence names
     * nobody; a company that pays it owns it */
    {"Nvidia raised its forecast on Tuesday. The shell alone now runs to $10 billion to $12 "
     "billion a gigawatt in the US.", "$10 billion to $12 billion a gigawatt", "cost", NULL, NULL},
    {"Oracle reported results on Tuesday. Building a site now costs about $40 billion per "
     "gigawatt, chips included.", "about $40 billion per gigawatt", "cost", NULL, NULL},
    {"CoreWeave said building its sites costs about $11 billion per gigawatt.",
     "about $11 billion per gigawatt", "cost", "CoreWeave", NULL},
    /* a rate per unit of capacity is no deal's or budget's total */
    {"IREN signed a new lease on Monday. Analysts estimate that hosting leases of this kind are "
     "being signed at $1.6 million to $1.9 million per megawatt per year.",
     "$1.6 million to $1.9 million per megawatt per year", "price", NULL, NULL},
    {"Oracle unveiled a 1 GW campus on Monday. Building such campuses takes an investment of about "
     "$12 billion per gigawatt.", "about $12 billion per gigawatt", "cost", NULL, NULL},
    {"xAI pays about $30 billion/GW/year for its Colossus capacity.", "about $30 billion/GW/year",
     "price", "xAI", NULL},
    /* a source's "its" is the source's; a later anaphor still counts */
    {"Nvidia reported record revenue on Wednesday. Jefferies raised its forecast for 2026 capital "
     "spending by the four largest cloud companies to $590 billion.", "$590 billion",
     "capex_guidance", NULL, NULL},
    {"Oracle reported results on Tuesday. Morgan Stanley cut its estimate for the company's 2026 "
     "capital spending to $40 billion.", "$40 billion", "capex_guidance", "Oracle", NULL},
    {"Amazon reported results on Thursday. Bernstein lifted its target for the stock to $260.",
     "$260", "price", "Amazon", NULL},
    /* several deals in one sentence: each clause's own subject, after a
     * comma too; a place before a comma makes no list with the subject */
    {"IREN signed a $9.7 billion cloud contract with Microsoft last year, Cipher Mining has leased "
     "310MW to Amazon Web Services, and Core Scientific hosts about 580MW for CoreWeave.", "310MW",
     "power_capacity", "Cipher Mining", "Amazon"},
    {"IREN signed a $9.7 billion cloud contract with Microsoft last year, Cipher Mining has leased "
     "310MW to Amazon Web Services, and Core Scientific hosts about 580MW for CoreWeave.",
     "about 580MW", "power_capacity", "Core Scientific", NULL},
    {"Galaxy Digital leases 800 MW to CoreWeave, and TeraWulf runs a 360 MW campus for Fluidstack.",
     "360 MW", "power_capacity", "TeraWulf", NULL},
    {"Nebius signed a $3 billion deal with Meta in November, Nscale will supply 200,000 GPUs to "
     "Microsoft.", "200,000 GPUs", "compute_units", "Nscale", NULL},
    {"Across its sites in Texas and British Columbia, IREN has secured approximately 2.9GW of "
     "contracted power.", "approximately 2.9GW", "power_capacity", "IREN", NULL},
    {"Canada names Quebec, Alberta sites for C$3.2 billion sovereign AI compute push",
     "C$3.2 billion", "capex", "Canada", NULL},
    /* a market's total: a country qualifying the subject's noun, the world
     * or most countries as the subject own nothing, nor does the last
     * subject; a country acting does */
    {"Oracle raised its forecast. U.S. data centers will need 134 GW of power by 2030, according "
     "to S&P Global.", "134 GW", "power_capacity", NULL, NULL},
    {"Oracle raised its forecast. U.S. data-centre construction spending is running at about $40 "
     "billion a year, Census Bureau figures show.", "about $40 billion a year", "capex", NULL, NULL},
    {"Oracle raised its forecast. Consultancy McKinsey & Co estimates that the world will need "
     "$5.2 trillion to $6.7 trillion of investment in data centres by 2030.",
     "$5.2 trillion to $6.7 trillion", "capex_guidance", NULL, NULL},
    {"Nvidia raised its forecast. Most countries will be limited to 50,000 GPUs each.",
     "50,000 GPUs", "compute_units", NULL, NULL},
    {"TSMC reported results on Thursday. The world's largest contract chipmaker expects capital "
     "spending of $42 billion this year.", "$42 billion", "capex_guidance", "TSMC", NULL},
    {"India approves Rs 18,000 crore second phase of AI mission, targets 100,000 GPUs",
     "Rs 18,000 crore", "capex", "India", NULL},
    /* a descriptor, then the name in commas: the name is the subject */
    {"Oracle signed a lease. The regional grid operator, Norvik, has agreed to supply 150MW from "
     "the grid.", "150MW", "power_capacity", "Norvik", NULL},
    {"Vistra agreed to supply Amazon with 1.2 GW, and a Danish start-up, Skovly, said it had sold "
     "40 MW to Meta.", "40 MW", "power_capacity", "Skovly", "Meta"},
    {"Nebius raised its forecast. The chief executive, Dana Whitfield, said the company would add "
     "200 MW.", "200 MW", "power_capacity", "Nebius", NULL},
    /* a deal named in an earlier sentence keeps its two sides */
    {"Nebius signed a $3 billion hosting agreement with Meta. The contract runs for five years and "
     "covers 300 MW.", "300 MW", "power_capacity", "Nebius", "Meta"},
    {"CoreWeave signed a $14 billion deal with Meta. The first 400 MW is due online in 2027.",
     "400 MW", "power_capacity", "CoreWeave", "Meta"},
    {"AMD signed a $30 billion chip deal with xAI. Under the agreement, xAI will install the chips "
     "itself, starting with a 1 GW tranche.", "1 GW", "power_capacity", "xAI", "AMD"},
    {"CoreWeave signed a $14 billion deal with Meta. The company ended the quarter with 2.9 "
     "gigawatts of contracted power.", "2.9 gigawatts", "power_capacity", "CoreWeave", ""},
    /* metric round: the causes that recur across the held-out sets */
    /* a utility's peak and demand, one rack's or hall's power, a tariff's
     * threshold are no site's capacity; capacity named as such, or signed
     * for, is */
    {"Duke Energy expects its system peak to reach 31 GW by 2030.", "31 GW", "other",
     "Duke Energy", NULL},
    {"Duke Energy sees 12 GW of new demand by 2030, mostly from data centres.", "12 GW", "other",
     "Duke Energy", NULL},
    {"Equinix said its newest halls are built for 150 kilowatts a rack.", "150 kilowatts", "other",
     "Equinix", NULL},
    {"Vantage Data Centers said the campus will have six data halls of 200MW each.", "200MW",
     "other", "Vantage Data Centers", NULL},
    {"Under the new tariff, data centres larger than 50MW must pay for most of the power they "
     "reserve.", "50MW", "other", NULL, NULL},
    {"ERCOT expects peak demand to reach 145 GW by 2031. Vistra has signed contracts for 2 GW "
     "with data-centre developers.", "2 GW", "power_capacity", "Vistra", NULL},
    /* what a project costs to build is spending; a sum naming its plant */
    {"Vistra said it would add 900 MW of gas-fired generation at a cost of about $2.4 billion.",
     "about $2.4 billion", "capex", "Vistra", NULL},
    {"Micron broke ground on a $2 billion packaging plant in Idaho.", "$2 billion", "capex",
     "Micron", NULL},
    /* a forecast's amount with no word of its own after spending figures */
    {"Microsoft, Alphabet and Amazon are expected to spend more than $400 billion in 2026. Amazon "
     "alone has guided to roughly $125 billion.", "roughly $125 billion", "capex_guidance",
     "Amazon", NULL},
    {"Microsoft is expected to remain the biggest spender at around $150 billion in 2027.",
     "around $150 billion", "capex_guidance", "Microsoft", NULL},
    /* a forecast revised to A from B: B was the forecast */
    {"Alphabet lifted its capital spending forecast to $93 billion, from $85 billion.",
     "$85 billion", "capex_guidance", "Alphabet", NULL},
    /* the time word nearer the figure tells spending from forecast */
    {"Meta's capital expenditures in the second quarter rose to $17 billion, above the $16 billion "
     "analysts had expected.", "$17 billion", "capex", "Meta", NULL},
    {"Analysts estimate capital spending by the big cloud companies will reach $520 billion in 2027, "
     "compared with roughly $430 billion this year.", "roughly $430 billion", "capex_guidance",
     NULL, NULL},
    /* a pledge stays one when the year after its comma is something else's */
    {"Amazon said it would invest $20 billion in data centres in Pennsylvania, with the first sites "
     "opening in 2027.", "$20 billion", "capex", "Amazon", NULL},
    /* what chips sold are worth is the deal's value */
    {"Nvidia will ship 18,000 Blackwell chips to the kingdom, worth about $700 million.",
     "about $700 million", "contract_value", "Nvidia", NULL},
    /* a buyer places orders */
    {"Broadcom said a fifth customer had placed $8 billion of orders for its custom accelerators.",
     "$8 billion", "contract_value", "Broadcom", NULL},
    {"Meta reported $300 billion in non-cancellable contractual commitments.", "$300 billion",
     "commitments", "Meta", NULL},
    /* a share's move named by its noun; an options-implied move */
    {"Intel rose 1.2%, while AMD dropped 2% a day after a 7% slide.", "7%", "stock_move", "AMD",
     NULL},
    {"Options imply a move of about 8% in either direction after Nvidia reports on Wednesday.",
     "about 8%", "stock_move", "Nvidia", NULL},
    {"Quanta Computer and Wistron both climbed by the daily limit of 10%.", "10%", "stock_move",
     "Quanta", NULL},
    /* percentages that move but are no share price */
    {"Equinix said cash rents on renewals rose 6.1% in the quarter.", "6.1%", "other", "Equinix",
     NULL},
    {"The 10-year Treasury yield rose to 4.5%, weighing on technology shares.", "4.5%", "other",
     NULL, NULL},
    {"Equinix said churn rose 2% in the quarter.", "2%", "other", "Equinix", NULL},
    /* a price's rate cue in the clause does not stop a valuation */
    {"At the offer price, Cerebras was valued at $8.1 billion.", "$8.1 billion", "market_value",
     "Cerebras", NULL},
    /* what households pay for power is a cost */
    {"The auction will add about $20 a month to household bills in the region.",
     "about $20 a month", "cost", NULL, NULL},
    /* a bond book's orders, a fund's assets, borrowings are financing */
    {"Alphabet sold $25 billion of bonds on Monday, drawing orders of about $90 billion.",
     "about $90 billion", "other", "Alphabet", NULL},
    {"Mubadala, which manages more than $300 billion, pledged last year to invest $25 billion in "
     "US data centres.", "more than $300 billion", "other", "Mubadala", NULL},
    {"Oracle agreed to buy more chips from Nvidia. Its total borrowings now exceed $100 billion.",
     "$100 billion", "other", "Oracle", NULL},
    /* revenue guided for the next quarter after the quarter's revenue */
    {"Micron reported revenue of $11.3 billion, up 46% from a year earlier, and guided to $12.5 "
     "billion for the current quarter.", "$12.5 billion", "revenue", "Micron", NULL},
    /* metric round 2: causes that recur across the held-out sets, new ones
     * included */
    /* charges and write-downs are costs booked; a tax charge is the tax's */
    {"Intel booked a $2.1 billion charge in the third quarter.", "$2.1 billion", "cost", "Intel",
     NULL},
    {"Micron wrote down $600 million of unsold memory inventory.", "$600 million", "cost", "Micron",
     NULL},
    {"Meta recorded a one-time tax charge of $15 billion.", "$15 billion", "other", "Meta", NULL},
    /* costs as a whole, and costs saved */
    {"Total costs rose to $9.3 billion from $7.2 billion in the previous sale, PJM said.",
     "$9.3 billion", "cost", "PJM", NULL},
    {"Dell expects the merger to deliver annual run-rate cost savings of $1 billion.", "$1 billion",
     "cost", "Dell", NULL},
    /* earnings per share are earnings, not a price */
    {"Oracle's net income rose 12% to $3.1 billion, or $1.08 per share.", "$1.08 per share",
     "other", "Oracle", NULL},
    {"Equinix reported adjusted funds from operations of $9.10 per share.", "$9.10 per share",
     "other", "Equinix", NULL},
    /* shares bought, equity raised, vouchers handed out, a quarter's loss */
    {"Microsoft bought $500 million of stock in the listing.", "$500 million", "other", "Microsoft",
     NULL},
    {"Foreign investors bought a net 2 trillion won of Samsung Electronics shares.",
     "2 trillion won", "other", NULL, NULL},
    {"Blackstone's data centre fund closed after raising $5 billion of equity commitments.",
     "$5 billion", "other", "Blackstone", NULL},
    {"Shanghai will issue computing vouchers worth 500 million yuan a year to small firms renting "
     "GPUs.", "500 million yuan a year", "other", NULL, NULL},
    {"OpenAI's annualised revenue passed $20 billion. The company lost about $12 billion in the "
     "latest quarter.", "about $12 billion", "other", "OpenAI", NULL},
    /* a backlog of contracts and what a business brings in are revenue */
    {"CoreWeave's contracted backlog, revenue it expects under signed customer agreements, reached "
     "$30 billion.", "$30 billion", "revenue", "CoreWeave", NULL},
    {"Nvidia's networking unit brought in $7 billion in the quarter.", "$7 billion", "revenue",
     "Nvidia", NULL},
    /* futures and indexes move like shares; a price index is inflation */
    {"Futures on the S&P 500 rose 0.3% in Asian hours.", "0.3%", "stock_move", "S&P 500", NULL},
    {"The consumer price index rose 2.9% in December.", "2.9%", "other", NULL, NULL},
    {"SK Hynix had surged 150% over the past year on demand for its memory.", "150%", "stock_move",
     "SK Hynix", NULL},
    /* the price a session closes at, after its move */
    {"Samsung Electronics fell as much as 5% before closing 3.2% lower at 98,000 won.",
     "98,000 won", "price", "Samsung Electronics", NULL},
    /* generation, turbines, demand response and grid connections are capacity */
    {"Entergy's peak load hit 22 GW last summer. To meet it, Entergy plans to add 3 GW of "
     "generation by 2030.", "3 GW", "power_capacity", "Entergy", NULL},
    {"Mitsubishi Heavy's gas turbine queue has swelled to 30 GW.", "30 GW", "power_capacity",
     "Mitsubishi Heavy Industries", NULL},
    {"Amazon has applied for grid connections of 2,000 MW, about a fifth of the region's peak "
     "demand.", "2,000 MW", "power_capacity", "Amazon", NULL},
    {"PJM said 900 MW of demand response cleared the auction.", "900 MW", "power_capacity", "PJM",
     NULL},
    /* a yearly payment is a deal's; a round values the company */
    {"Amazon would pay roughly $2 billion a year once the campus is fully running.",
     "roughly $2 billion a year", "contract_value", "Amazon", NULL},
    {"Mistral raised $2 billion in a funding round that values the two-year-old company at $14 "
     "billion.", "$14 billion", "market_value", "Mistral", NULL},
    /* land bought for a site, and money spent through a joint venture, are
     * capital spending */
    {"Alphabet will acquire land at the site for about $300 million.", "about $300 million",
     "capex", "Alphabet", NULL},
    {"Digital Realty will invest $7 billion through its joint venture with Blackstone to build "
     "campuses in Texas.", "$7 billion", "capex", "Digital Realty", NULL},
    /* equity: invested in the company before, with a holding, a joint
     * venture's seed capital, money committed to a lab */
    {"The Claude developer, in which Alphabet has invested $3 billion, is expanding.", "$3 billion",
     "other", "Alphabet", NULL},
    {"Nvidia has invested $2 billion and owns about 5% of the company.", "$2 billion", "other",
     "Nvidia", NULL},
    {"Adani has formed a joint venture with Google with an initial investment of Rs 500 crore.",
     "Rs 500 crore", "other", "Adani Group", NULL},
    {"SoftBank has committed $20 billion to Anthropic.", "$20 billion", "other", "SoftBank", NULL},
    /* a stake's worth and a takeover's price are no market value */
    {"Microsoft holds a stake of about 27% in the company, valued at roughly $130 billion.",
     "roughly $130 billion", "other", "Microsoft", NULL},
    {"Nvidia agreed to acquire Arm in a transaction valued at $40 billion.", "$40 billion", "other",
     "Nvidia", NULL},
    /* spent or forecast: a revised figure over a later clause's cue, last
     * year's figure, capex named as what is spent, a raised estimate */
    {"Intel said in January it would lift its fiscal 2026 capital spending to about $25 billion "
     "from $21 billion, and that its foundry business had reached an annualised revenue run rate "
     "of roughly $6 billion.", "$21 billion", "capex_guidance", "Intel", NULL},
    {"Tencent plans to spend about 90 billion yuan ($12.6 billion) on capital expenditure in 2026, "
     "up from roughly 80 billion yuan last year, with 40 billion yuan set aside for chips.",
     "roughly 80 billion yuan", "capex", "Tencent", NULL},
    {"Meta said it would spend more than $20 billion on capital expenditures in its fiscal third "
     "quarter.", "more than $20 billion", "capex_guidance", "Meta", NULL},
    {"We lift our 2026 capex estimate for the group to $600bn and raise our 2027 estimate to "
     "$700bn.", "$700bn", "capex_guidance", NULL, NULL},
    /* spending by the month with nothing it buys is a burn rate (a sum
     * spent on something stays spending, a pledge as before) */
    {"Mistral is spending roughly $200 million a month, people familiar with its finances said.",
     "roughly $200 million a month", "cost", "Mistral", NULL},
    {"Nebius expects to spend as much as $300 million a month on equipment.",
     "as much as $300 million a month", "capex", "Nebius", NULL},
    /* metric round 3: causes that recur across the held-out sets, heldout15
     * and heldout16 included */
    /* a sum that names the facility it builds, in British spelling too */
    {"Orion Telecom and Vantor announced a $2 billion AI data centre in the port city of Halden.",
     "$2 billion", "capex", "Orion Telecom", NULL},
    {"Orion Telecom said about $400 million of the total would go to its data-centre business in "
     "Lyon.", "about $400 million", "capex", "Orion Telecom", NULL},
    {"Amazon's $6 billion AI hub in Coimbatore is due to open in 2027.", "$6 billion", "capex",
     "Amazon", NULL},
    /* a programme of years begun before the text's year is spending under
     * way, not a forecast */
    {"Microsoft has said it will spend $9.1 billion in Poland between 2023 and 2029.",
     "$9.1 billion", "capex", "Microsoft", NULL},
    {"Amazon pledged to spend $12 billion in Spain between 2024 and 2033, including $4 billion of "
     "capital expenditure on cloud infrastructure.", "$4 billion", "capex", "Amazon", NULL},
    /* (a company's trade builds nothing; an analyst's total over the years
     * is still a forecast) */
    {"Data center developer Halden Ridge lands $1.2 billion to expand its power pipeline",
     "$1.2 billion", "other", "Halden Ridge", NULL},
    {"Morgan Stanley sees data center spending between 2025 and 2028 at about $2.9 trillion.",
     "about $2.9 trillion", "capex_guidance", NULL, NULL},
    /* a figure beating forecasts is reported; the forecast it beats is one */
    {"Meta capital spending hits record $21.3 billion as ad growth tops forecasts",
     "$21.3 billion", "capex", "Meta", NULL},
    {"Meta's capital expenditure was $21.3 billion, above analysts' estimates of $19.8 billion.",
     "$19.8 billion", "capex_guidance", "Meta", NULL},
    /* depositary receipts are shares */
    {"Sony said profit doubled, while its American depositary receipts added 1.9% in New York.",
     "1.9%", "stock_move", "Sony", NULL},
    /* two denominators, one of them time, make a price */
    {"Equinix is signing large deployments at about $140 per kilowatt per month in Dallas.",
     "about $140 per kilowatt per month", "price", "Equinix", NULL},
    /* a note's coupon is no move */
    {"Applied Digital closed a $1.5 billion offering of 7.5% senior secured notes due 2031.",
     "7.5%", "other", "Applied Digital", NULL},
    /* what leases and deals bring a landlord is its revenue */
    {"Equinix said new leases signed in the quarter will bring $210 million of annualized rent, "
     "including $140 million from hyperscale deals.", "$140 million", "revenue", "Equinix", NULL},
    {"Equinix said the total included about $90 million from colocation leases in Frankfurt.",
     "about $90 million", "revenue", "Equinix", NULL},
    {"Equinix said its backlog of signed-but-not-commenced leases stood at $612 million.",
     "$612 million", "revenue", "Equinix", NULL},
    /* a per-share amount restating a profit is earnings per share */
    {"Alphabet results. Net income: $8.1 billion, or $1.12 per share", "$1.12 per share", "other",
     "Alphabet", NULL},
    /* metric round 4: causes that recur across the held-out sets */
    /* a year's column with no measure of its own measures what the year's
     * column beside it does, a forecast by its own word */
    {"Company | 2025 capex | 2026 guide | Change\nMeta | $72bn | $120bn | +67%\n"
     "Oracle | $21bn | $45bn | +114%", "$45bn", "capex_guidance", "Oracle", NULL},
    /* a move that goes on from a stock's move before it */
    {"Micron fell 3.1%, extending its slide since the earnings report to about 12%.", "about 12%",
     "stock_move", "Micron", NULL},
    {"Arm, up 15% after its results, has since given back 10%.", "10%", "stock_move", "Arm", NULL},
    {"Nvidia is up 20% this year, while the four cloud giants are down an average of 4%.", "4%",
     "stock_move", NULL, NULL},
    /* a plant or a site bought for a sum is an asset changing hands, the
     * buyer's; gear bought for a sum is still a deal */
    {"Vistra agreed to buy three gas-fired plants from Lotus Infrastructure for $1.9 billion.",
     "$1.9 billion", "other", "Vistra", NULL},
    {"Equinix bought a 40-acre data centre site in Osaka from a local developer for $420 million.",
     "$420 million", "other", "Equinix", NULL},
    {"Lambda will buy the servers and networking gear from Supermicro for about $2.2 billion.",
     "about $2.2 billion", "contract_value", "Supermicro", NULL},
    /* a joint venture's seed capital, over the holdings named between */
    {"Reliance set up a joint venture with Oracle in which Reliance will hold 60% and Oracle 40%, "
     "with an initial investment of $300 million.", "$300 million", "other", "Reliance Industries",
     NULL},
    /* what spending was is spending done, after a forecast too */
    {"Meta expects to spend $70 billion to $72 billion this year. Alphabet said its capital "
     "spending was $24 billion.", "$24 billion", "capex", "Alphabet", NULL},
    /* session 10: causes seen on blind sets */
    /* a leading "With" over a list that goes on past its names */
    {"With Oracle, Nvidia and two new sites in Ohio, Crusoe now runs 1.2 GW of capacity.",
     "1.2 GW", "power_capacity", "Crusoe", NULL},
    /* a deal's worth makes no person an owner; an executive speaks for
     * the company the text is about */
    {"Oracle raised its forecast. Safra Catz said more than 60% of new bookings came from "
     "customers such as Meta, which signed a deal worth about $20 billion.", "more than 60%",
     "other", "Oracle", NULL},
    /* a place-based description: the company the text puts there */
    {"Microsoft signed a lease with Halden Ridge, a Denver-based developer. Separately, Amazon "
     "said it would buy power from Vistra. The Denver-based company expects to spend $2 billion "
     "this year.", "$2 billion", "capex_guidance", "Halden Ridge", NULL},
    {"Microsoft signed a lease with Denver-based developer Halden Ridge. Amazon said it would "
     "buy power. The Denver-based firm plans to spend $2 billion next year.", "$2 billion",
     "capex_guidance", "Halden Ridge", NULL},
    {"Microsoft signed a lease with Crusoe, which is based in Denver, Colorado. Amazon said "
     "it would buy power. The Colorado-based firm plans to spend $2 billion next year.",
     "$2 billion", "capex_guidance", "Crusoe", NULL},
    /* an exchange is no base: the subject before, or the company the text
     * is about, when nothing puts it elsewhere */
    {"Halden Ridge signed a lease with Microsoft on Monday. The Redmond-based software maker "
     "took 60 MW. Shares of the Bursa Malaysia-listed company jumped 9.6%.", "9.6%",
     "stock_move", "Halden Ridge", NULL},
    /* a town and its state: the town decides, not a company of the state */
    {"Crusoe is building the campus with Riot Platforms. Riot owns 40% of the venture. Shares of "
     "the Castle Rock, Colorado-based miner rose 5.8%.", "5.8%", "stock_move", "Riot Platforms",
     NULL},
    {"Kioxia Holdings, whose flash memory goes into AI servers, climbed 6.9%, while Tokyo "
     "Electron rose 4.3%.", "6.9%", "stock_move", "Kioxia", NULL},
    /* a move in a name: "lagging a 6% gain in the S&P 500" */
    {"Oracle's shares have fallen 28% from their record, lagging a 6% gain in the S&P 500 over the "
     "same period.", "6%", "stock_move", "S&P 500", NULL},
    /* epithets of the gazetteer: "the search group", "the social media giant" */
    {"Under the expanded deal, the search group will make available up to 1 million TPUs to "
     "Anthropic.", "up to 1 million TPUs", "compute_units", "Alphabet", "Anthropic"},
    {"Reliance formed a joint venture in which the social media giant will hold a 30% stake.",
     "30%", "other", "Meta", NULL},
    /* a reported clause with a subject of its own, unless a provider
     * speaks of its customer's deal */
    {"Separately, Meta said Oklo would develop a 1.2 GW nuclear campus in Ohio.", "1.2 GW",
     "power_capacity", "Oklo", NULL},
    {"Oracle rose 2% after the cloud provider said Meta had signed a contract worth about $20 "
     "billion.", "about $20 billion", "contract_value", "Oracle", NULL},
    /* a rival is the company named last that is not the one spoken of */
    {"AMD reported results on Tuesday. They land three weeks before Nvidia reports. The larger "
     "rival, which has said it has $500 billion of bookings, is expected to post revenue of $65.6 "
     "billion.", "$65.6 billion", "revenue", "Nvidia", NULL},
    {"Anthropic is cautious. The comparison that hangs over the company is OpenAI. Its larger "
     "rival has signed deals that add up to roughly 30GW.",
     "roughly 30GW", "power_capacity", "OpenAI", NULL},
    /* names moving together over their relative clauses: the first */
    {"Its shares fell 1.8%, while Samsung Electronics and SK Hynix, which are both expanding "
     "plants in Texas, each dropped about 2% in Seoul.", "about 2%", "stock_move",
     "Samsung Electronics", NULL},
    {"Alphabet Inc., which reported a day earlier, and Microsoft Corp., which reports Thursday, "
     "each slipped less than 1% in late trading.", "less than 1%", "stock_move", "Alphabet", NULL},
    /* a signed move after a name in a row of cells */
    {"- Nebius +9.4% | Oracle -4.5% | Vertiv +6%", "4.5%", "stock_move", "Oracle", NULL},
    {"- Nebius +9.4% | Oracle -4.5% | Vertiv +6%", "+6%", "stock_move", "Vertiv", NULL},
    /* earnings per share named before it, and the estimate it topped */
    {"Dell's adjusted earnings per share came in at $2.59, against estimates of $2.48.", "$2.59",
     "other", "Dell", NULL},
    {"AMD's adjusted earnings of $1.53 per share topped expectations of $1.32.", "$1.32", "other",
     "AMD", NULL},
    /* a company that is worth a sum: its market value */
    {"Markets have been generous. Nvidia is worth about $4.6 trillion.", "about $4.6 trillion",
     "market_value", "Nvidia", NULL},
    /* an index's "share average"; a mover over its apposition */
    {"Japan's Nikkei share average fell 1.7% as SoftBank Group, a big backer of OpenAI, slid 8.9%.",
     "8.9%", "stock_move", "SoftBank", NULL},
    {"Japan's Nikkei share average fell 1.7% as SoftBank Group, a big backer of OpenAI, slid 8.9%.",
     "1.7%", "stock_move", "Nikkei", NULL},
    /* money per hour is a rental price, whatever deal is named */
    {"Under the contract, Nebius charges $2.10 per GPU-hour.", "$2.10 per GPU-hour", "price",
     "Nebius", NULL},
    /* a clause with no verb of its own */
    {"Nvidia agreed to invest up to $10bn in Anthropic and Microsoft up to $5bn.", "up to $5bn",
     "other", "Microsoft", NULL},
    /* an interview: "we" is the company of the one answering */
    {"Q&A: Halden Compute's chief on its Meta deal\n\nQ: How big is the business?\n\nA: We'll do "
     "about $1.1 billion of revenue this year.", "about $1.1 billion", "revenue", "Halden Compute",
     NULL},
    /* a name with a company word, then its short form */
    {"Lattice Compute signed a lease last year. Lattice shares rose 5% on Tuesday.", "5%",
     "stock_move", "Lattice Compute", NULL},
    /* capacity leased to a tenant is the landlord's the text is about */
    {"Humain opens Dammam campus\nHumain said on Wednesday the campus is on track. The first 250 "
     "MW phase has been leased in full to Amazon Web Services.", "250 MW", "power_capacity",
     "Humain", "Amazon"},
    /* an index before "which" keeps its move */
    {"Shares of Entergy have risen 22% this year, outperforming the S&P 500 utilities index, "
     "which is up 14%.", "14%", "stock_move", "S&P 500", NULL},
    /* the speaker's own clause after "which": the description there */
    {"Telenor said it was pleased. This comes after Deutsche Telekom switched on its Munich cloud, "
     "which the Bonn-based group said now runs about 10,000 GPUs.", "about 10,000 GPUs",
     "compute_units", "Deutsche Telekom", NULL},
    /* the main clause again after a relative clause, at "are" */
    {"Blue Owl Capital and Abu Dhabi's MGX, which jointly own the developer, are contributing a "
     "further $3.4 billion of equity.", "$3.4 billion", "other", "Blue Owl", NULL},
    /* a joint venture named before its noun is an organisation */
    {"Meta and Blue Owl set up the venture last year. The Hyperion joint venture owns the campus. "
     "Hyperion is planned for 2 GW initially.", "2 GW", "power_capacity", "Hyperion", NULL},
    /* a pledge to spend over years to come is committed spending; a bare
     * verb of spending beside it does not make it a forecast */
    {"Amazon had pledged in September to spend R$10.1 billion in the country through 2034.",
     "R$10.1 billion", "capex", "Amazon", NULL},
    /* what one chip or rack draws is no site's capacity */
    {"A single Nvidia H100 draws up to 700 watts, and a GB200 NVL72 rack about 120 kW.",
     "about 120 kW", "other", "Nvidia", NULL},
    {"Crusoe will build a 200 MW data center for racks of GPUs.", "200 MW", "power_capacity",
     "Crusoe", NULL},
    /* a government acting in a relative clause; a government's money */
    {"Intel, in which the U.S. government took a 9.9% stake last year, rose 4.6%.", "9.9%",
     "other", "US", NULL},
    {"TOKYO, Jan 5 - Sakura Internet soared 15%. The project is backed by a 50.1 billion yen "
     "subsidy from the economy ministry.", "50.1 billion yen", "other", "Japan", NULL},
    /* a state after its town is a place, no owner */
    {"Meta's Hyperion campus in Richland Parish, Louisiana is planned at 2 GW initially.", "2 GW",
     "power_capacity", "Meta", NULL},
    /* a share put at a name: "against roughly 50% at Meta" */
    {"Capex now absorbs 24% of Amazon's revenue, against roughly 50% at Meta.", "roughly 50%",
     "other", "Meta", NULL},
    /* Latin American and Canadian names of the gazetteer */
    {"Eletrobras, which won a tender in October, put the cost of the line at R$3.2 billion. Its "
     "shares rose 2.3% in Sao Paulo, while the Ibovespa index gained 0.6%.", "0.6%", "stock_move",
     "Ibovespa", NULL},
    {"Eletrobras, which won a tender in October, put the cost of the line at R$3.2 billion. Its "
     "shares rose 2.3% in Sao Paulo, while the Ibovespa index gained 0.6%.", "2.3%", "stock_move",
     "Eletrobras", NULL},
    /* a government's budget is its country's, and a pledge */
    {"The government will spend 10.1 trillion won on artificial intelligence next year, as it "
     "pushes to make South Korea one of the top three AI powers.", "10.1 trillion won", "capex",
     "South Korea", NULL},
    /* on a call, a sentence that names nobody is the call's company's */
    {"Halden Compute Q4 2025 earnings call transcript\n\nOperator: Welcome.\n\nFull-year revenue "
     "was $5.13 billion. Interest expense was $390 million.", "$390 million", "cost",
     "Halden Compute", NULL},
    /* a name a figure is set beside owns it */
    {"Hynix held 55% of the HBM market, followed by Samsung Electronics with 25% and Micron with "
     "20%.", "25%", "other", "Samsung Electronics", NULL},
    {"Hynix held 55% of the HBM market, followed by Samsung Electronics with 25% and Micron with "
     "20%.", "20%", "other", "Micron", NULL},
    {"Shares: Oracle (down 7% since results) and Dell (up 4%) moved most.", "4%", "stock_move",
     "Dell", NULL},
    {"The venture will be owned 60% by Crusoe and 40% by Blue Owl.", "40%", "other", "Blue Owl",
     NULL},
    {"Blackstone holds 70% of the venture and Crusoe the remaining 30%.", "30%", "other", "Crusoe",
     NULL},
    /* a name glued to a participle qualifies the noun after it */
    {"Halden Ridge, the data-centre arm of a Temasek-backed group, said it would invest $1.5 "
     "billion in Johor.", "$1.5 billion", "capex", "Halden Ridge", NULL},
    {"An Apollo-led group lines up $24 billion in private credit for the campus.", "$24 billion", "other", "Apollo",
     NULL},
    /* a share of a company's accounts is that company's, not a rival's win */
    {"Microsoft accounted for 71% of Nebius's revenue last year.", "71%", "other", "Nebius", NULL},
    {"Microsoft becomes Nebius's largest customer, representing about 40% of backlog.",
     "about 40%", "other", "Nebius", NULL},
    {"Google could eventually capture as much as 8% of Nvidia's annual revenue.", "as much as 8%",
     "other", "Alphabet", NULL},
    /* (the gazetteer's places, and a place none is known in: the company
     * the text is about) */
    {"Anthropic raises funds\nAmazon said on Tuesday it would invest more. The San "
     "Francisco-based company, which makes the Claude models, said its revenue run rate is "
     "close to $7 billion.", "close to $7 billion", "revenue", "Anthropic", NULL},
};

START_TEST(test_attribution)
{
    const acase *c = &ATT[_i];
    gots g = run_year(c->text, 2026);
    const got *f = find(&g, c->span);
    ck_assert_msg(f != NULL, "no figure %s in %s", c->span, c->text);
    ck_assert_msg(strcmp(f->metric, c->metric) == 0, "%s: metric %s, want %s", c->span, f->metric,
                  c->metric);
    ck_assert_msg(strcmp(f->entity, c->entity ? c->entity : "") == 0, "%s: entity '%s', want '%s'",
                  c->span, f->entity, c->entity ? c->entity : "");
    if (c->counterparty)
        ck_assert_msg(strcmp(f->cp, c->counterparty) == 0, "%s: counterparty '%s', want '%s'",
                      c->span, f->cp, c->counterparty);
}
END_TEST

/* The same amount is the same fact only for the same organisation. */
START_TEST(test_same_value)
{
    gots g = run_year("Vantage will spend more than $25 billion on Frontier. CoreWeave has raised more "
                      "than $25 billion of debt.", 2026);
    ck_assert_int_eq(g.n, 2);
    ck_assert_str_eq(g.v[0].metric, "capex");
    ck_assert_str_eq(g.v[1].metric, "other");
    ck_assert_str_eq(g.v[1].entity, "CoreWeave");
}
END_TEST

/* A table written as text: the header says what each column measures and
 * for when; the caption above it names the metric. */
START_TEST(test_table)
{
    gots g = run_year("Capital spending by company (calendar years, $)\n\n"
                      "Company      2025 actual    2026 guide     y/y\n"
                      "Amazon       $131bn         ~$200bn        +53%\n"
                      "Meta         $72bn          $115-135bn     +73%\n\n"
                      "Meta shares rose 3% on the news.", 2026);
    ck_assert_int_eq(g.n, 7);
    ck_assert_str_eq(g.v[0].metric, "capex");
    ck_assert_str_eq(g.v[0].entity, "Amazon");
    ck_assert_str_eq(g.v[0].period, "2025");
    ck_assert_str_eq(g.v[1].metric, "capex_guidance");
    ck_assert_str_eq(g.v[1].period, "2026");
    ck_assert_str_eq(g.v[2].metric, "other");
    ck_assert_str_eq(g.v[4].metric, "capex_guidance");
    ck_assert_str_eq(g.v[4].entity, "Meta");
    ck_assert_str_eq(g.v[6].metric, "stock_move"); /* the table ended at the blank line */
}
END_TEST

/* A plan column is a forecast, an earlier plan too. */
START_TEST(test_table_plan)
{
    gots g = run_year("Ten-year spending plans of the grid owners\n\n"
                      "Owner            Spending plan     Previous plan     Load\n"
                      "Acme Grid Corp   $41bn             $35bn             9 GW\n", 2026);
    ck_assert_int_eq(g.n, 3);
    ck_assert_str_eq(g.v[0].metric, "capex_guidance");
    ck_assert_str_eq(g.v[0].entity, "Acme Grid");
    ck_assert_str_eq(g.v[1].metric, "capex_guidance");
    ck_assert_str_eq(g.v[2].metric, "power_capacity");
}
END_TEST

/* The document's year, when none is given, is the year of its dates, not
 * of its targets. */
START_TEST(test_doc_year)
{
    gots g = run_year("ACME CITY, November 3, 2025 - Acme targets 5 GW by 2030 and 8 GW by 2030. It "
                      "expects to spend $4 billion this year.", 0);
    const got *f = find(&g, "$4 billion");
    ck_assert_msg(f != NULL, "no $4 billion");
    ck_assert_str_eq(f->period, "2025");
    /* a target after "fiscal" is no evidence either */
    g = run_year("Acme expects revenue of $20 billion by fiscal 2030 and $9 billion in fiscal 2026, "
                 "after $5 billion in 2025. It expects to spend $4 billion this year.", 0);
    f = find(&g, "$4 billion");
    ck_assert_msg(f != NULL, "no $4 billion");
    ck_assert_str_eq(f->period, "2026");
}
END_TEST

/* A guessed year leans to the years a text looks ahead to: a forecast for
 * a year before it is still a forecast, spending reported for it is not. */
START_TEST(test_doc_year_forecast)
{
    static const struct {
        const char *text, *span, *metric;
    } YC[] = {
        {"AI server spending to hit $600 billion in 2027, Dell'Oro says. The research firm expects "
         "hyperscalers to spend $420 billion in 2026, and sees 2027 demand rising further.",
         "$420 billion", "capex_guidance"},
        {"Samsung bets on 2028 demand. Samsung Electronics forecast on Thursday that its 2027 "
         "capital spending would be about 60 trillion won, with more to come in 2028.",
         "60 trillion won", "capex_guidance"},
        {"Oracle's capex will keep climbing in 2028 and 2029, analysts say. Oracle now projects "
         "capital expenditures of $35 billion for fiscal 2028 and sees 2029 spending higher.",
         "$35 billion", "capex_guidance"},
        {"Microsoft sees capex rising in 2027 and 2027 margins holding; it reported capital spending "
         "of $88 billion in 2026.", "$88 billion", "capex"},
        /* any year before a guessed one, after a forecast word; a bond's
         * maturity is no evidence of the text's year */
        {"Amazon will start building its first reactor in 2028. It expects capital expenditures of "
         "roughly $125 billion in 2025, after spending $83 billion last year.",
         "roughly $125 billion", "capex_guidance"},
        {"Meta is marketing $26 billion of bonds due 2049. The company has guided to 2025 capital "
         "expenditures of $70 billion to $72 billion, and analysts expect more in 2026.",
         "$70 billion to $72 billion", "capex_guidance"},
        {"Oracle will open its site in 2028. Oracle spent $21 billion on capital projects in 2025 "
         "and plans to spend $35 billion in 2026.", "$21 billion", "capex"},
    };
    for (size_t i = 0; i < sizeof YC / sizeof YC[0]; i++) {
        gots g = run_year(YC[i].text, 0);
        const got *f = find(&g, YC[i].span);
        ck_assert_msg(f != NULL, "no %s", YC[i].span);
        ck_assert_msg(strcmp(f->metric, YC[i].metric) == 0, "%s: metric %s, want %s", YC[i].span,
                      f->metric, YC[i].metric);
    }
}
END_TEST

/* ------------------------------------------------------------------------
 * Offsets and data files
 * --------------------------------------------------------------------- */

START_TEST(test_offsets)
{
    /* "Ünïcödé — " is 10 code points and 15 bytes */
    const char *s = "Ünïcödé — Meta will spend $5 billion.";
    gots g = run_year(s, 2026);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.v[0].text, "$5 billion");
    size_t byte = (size_t)(strstr(s, "$5") - s);
    ck_assert_uint_eq(g.v[0].start_byte, byte);
    ck_assert_uint_eq(g.v[0].start_cp, 26);
}
END_TEST

static char *write_tmp(const char *content)
{
    char *path = strdup("/tmp/figtestXXXXXX");
    int fd = mkstemp(path);
    ck_assert(fd >= 0);
    ck_assert(write(fd, content, strlen(content)) == (ssize_t)strlen(content));
    close(fd);
    return path;
}

START_TEST(test_extra_files)
{
    char *ents = write_tmp("# analyst entities\nAcme Compute\tcompany\tcloud\tAcmeCo|Acme\tACMC\t-\t"
                           "Boise|Idaho\nMeta\t-\t-\tZuck Inc\t-\t-\n");
    char *rules = write_tmp("energy_cost money 15 : power bill | electricity bill\n");
    const char *ef[] = {ents};
    const char *rf[] = {rules};
    fig_options opt = {ef, 1, rf, 1, 0};
    fig_engine *eng = NULL;
    char err[256];
    ck_assert_int_eq(fig_engine_new(&opt, &eng, err, sizeof err), FIG_OK);
    fig_engine *save = E;
    E = eng;
    gots g = run_year("AcmeCo signed a $2 billion deal with OpenAI.", 2026);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.v[0].entity, "Acme Compute");
    g = run_year("Zuck Inc faces a $3 million power bill.", 2026);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.v[0].metric, "energy_cost");
    ck_assert_str_eq(g.v[0].entity, "Meta");
    /* the file's based column: "the Boise-based company" is Acme */
    g = run_year("Oracle signed a lease with AcmeCo. Meta said it would buy power. The Boise-based "
                 "company plans to spend $2 billion next year.", 2026);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.v[0].entity, "Acme Compute");
    E = save;
    fig_engine_free(eng);
    /* a based column with empty parts and a place longer than a word can
     * be loads, and names nothing odd */
    char *odd = write_tmp("Odd Co\tcompany\t-\t-\t-\t-\t|Boise||"
                          "Averyveryveryveryveryveryveryveryveryveryveryveryveryveryverylongplace\n");
    const char *oddf[] = {odd};
    fig_options odd_opt = {oddf, 1, NULL, 0, 0};
    ck_assert_int_eq(fig_engine_new(&odd_opt, &eng, err, sizeof err), FIG_OK);
    save = E;
    E = eng;
    g = run_year("Oracle signed a lease with Odd Co on Monday. The Boise-based company plans to spend $2 "
                 "billion next year.", 2026);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.v[0].entity, "Odd Co");
    E = save;
    fig_engine_free(eng);
    unlink(odd);
    free(odd);
    /* more places than the based column holds */
    char *many = write_tmp("Acme\tcompany\t-\t-\t-\t-\tA|B|C|D|E\n");
    const char *manyf[] = {many};
    fig_options many_opt = {manyf, 1, NULL, 0, 0};
    ck_assert_int_eq(fig_engine_new(&many_opt, &eng, err, sizeof err), FIG_ERR_PARSE);
    ck_assert_msg(strstr(err, ":1:") && strstr(err, "based"), "%s", err);
    unlink(many);
    free(many);
    /* a malformed rules file names its line */
    char *bad = write_tmp("capex money 9 : capex\nnonsense here\n");
    const char *bf[] = {bad};
    fig_options bopt = {NULL, 0, bf, 1, 0};
    ck_assert_int_eq(fig_engine_new(&bopt, &eng, err, sizeof err), FIG_ERR_PARSE);
    ck_assert_ptr_null(eng);
    ck_assert_msg(strstr(err, ":2:") != NULL, "error without a line: %s", err);
    /* a missing file */
    const char *mf[] = {"/nonexistent/entities.tsv"};
    fig_options mopt = {mf, 1, NULL, 0, 0};
    ck_assert_int_eq(fig_engine_new(&mopt, &eng, err, sizeof err), FIG_ERR_IO);
    unlink(ents);
    unlink(rules);
    unlink(bad);
    free(ents);
    free(rules);
    free(bad);
}
END_TEST

/* ------------------------------------------------------------------------
 * Bad input
 * --------------------------------------------------------------------- */

static size_t count_facts(const char *s, size_t len)
{
    gots *g = calloc(1, sizeof *g);
    ck_assert_ptr_nonnull(g);
    int rc = fig_extract(E, s, len, NULL, collect, g);
    ck_assert_int_eq(rc, FIG_OK);
    size_t n = g->total;
    free(g);
    return n;
}

START_TEST(test_invalid_utf8)
{
    const char s[] = "Bad \xff\xfe bytes \xc3 then Meta will spend $5 billion \xe2\x82 here.";
    ck_assert_uint_eq(count_facts(s, sizeof s - 1), 1);
    /* every byte value, several times over */
    char *b = malloc(256 * 64);
    for (int i = 0; i < 256 * 64; i++)
        b[i] = (char)((i * 131) & 0xFF);
    count_facts(b, 256 * 64);
    free(b);
}
END_TEST

START_TEST(test_nul_bytes)
{
    const char s[] = "Meta\0will spend $5 billion\0\0and 3 GW\0.";
    ck_assert_uint_eq(count_facts(s, sizeof s - 1), 2);
    ck_assert_uint_eq(count_facts("", 0), 0);
}
END_TEST

/* Phrases this round reads, cut off at the end of the text: a rate's
 * unit, a currency's name, a description by place with no place. Each
 * keeps what stands and invents nothing. */
START_TEST(test_truncated_phrases)
{
    gots g = run_year("It costs $2 per GPU-", 2026);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.v[0].text, "$2 per GPU");
    ck_assert_str_eq(g.v[0].per, "");
    g = run_year("The fund raised 5 billion New Taiwan", 2026);
    ck_assert_int_eq(g.n, 0); /* a bare scale with no unit is no figure */
    g = run_year("Shares of the -listed company rose 5%", 2026);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.v[0].entity, "");
    g = run_year("The Castle Rock, -based", 2026);
    ck_assert_int_eq(g.n, 0);
    ck_assert_uint_eq(count_facts("-based", 6), 0);
    ck_assert_uint_eq(count_facts("Q: A:", 5), 0);
}
END_TEST

START_TEST(test_huge_digits)
{
    size_t n = 10000;
    char *s = malloc(n + 64);
    strcpy(s, "Spending of $");
    size_t p = strlen(s);
    memset(s + p, '9', n);
    strcpy(s + p + n, " billion dollars is absurd.");
    ck_assert_uint_eq(count_facts(s, strlen(s)), 0);
    /* also with thousands separators and decimals */
    p = 0;
    s[p++] = '$';
    for (size_t i = 0; i < 2000; i++) {
        memcpy(s + p, "999,", 4);
        p += 4;
    }
    memcpy(s + p, "999 billion", 12);
    ck_assert_uint_eq(count_facts(s, strlen(s)), 0);
    free(s);
}
END_TEST

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A document of one line of repeated figures with no sentence end. */
static char *one_line(size_t reps, size_t *len)
{
    const char *unit = "and $5 billion plus 3 GW for Meta ";
    size_t ul = strlen(unit);
    char *s = malloc(reps * ul + 1);
    for (size_t i = 0; i < reps; i++)
        memcpy(s + i * ul, unit, ul);
    s[reps * ul] = 0;
    *len = reps * ul;
    return s;
}

START_TEST(test_huge_line_linear)
{
    size_t l1, l2;
    char *a = one_line(20000, &l1);
    char *b = one_line(160000, &l2); /* about 5.4 MB, one line */
    double t0 = seconds();
    size_t n1 = count_facts(a, l1);
    double t1 = seconds();
    size_t n2 = count_facts(b, l2);
    double t2 = seconds();
    ck_assert_uint_eq(n1, 40000);
    ck_assert_uint_eq(n2, 320000);
    /* eight times the input must not take much more than eight times as long */
    double r = (t2 - t1) / ((t1 - t0) > 1e-4 ? (t1 - t0) : 1e-4);
    ck_assert_msg(r < 24, "not linear: 8x input took %.1fx the time", r);
    free(a);
    free(b);
}
END_TEST

START_TEST(test_many_figures)
{
    size_t reps = 100000;
    const char *unit = "It rose 5%. ";
    size_t ul = strlen(unit);
    char *s = malloc(reps * ul + 1);
    for (size_t i = 0; i < reps; i++)
        memcpy(s + i * ul, unit, ul);
    s[reps * ul] = 0;
    ck_assert_uint_eq(count_facts(s, reps * ul), reps);
    free(s);
}
END_TEST

START_TEST(test_no_sentences)
{
    char s[4096];
    for (size_t i = 0; i < sizeof s; i++)
        s[i] = " \n\t.,;!?"[i % 8];
    ck_assert_uint_eq(count_facts(s, sizeof s), 0);
    memset(s, 'x', sizeof s); /* one 4 KB word */
    ck_assert_uint_eq(count_facts(s, sizeof s), 0);
}
END_TEST

static int stop_at_first(const fig_fact *f, void *ud)
{
    (void)f;
    (*(int *)ud)++;
    return 1;
}

START_TEST(test_stop)
{
    int n = 0;
    const char *s = "It costs $1 billion. It costs $2 billion.";
    ck_assert_int_eq(fig_extract(E, s, strlen(s), NULL, stop_at_first, &n), FIG_STOPPED);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(fig_extract(E, NULL, 5, NULL, stop_at_first, &n), FIG_ERR_INVALID);
}
END_TEST

static Suite *figures_suite(void)
{
    Suite *s = suite_create("figures");
    TCase *t = tcase_create("figures");
    tcase_add_loop_test(t, test_figure, 0, (int)(sizeof FIG / sizeof FIG[0]));
    tcase_add_test(t, test_two_figures);
    tcase_add_loop_test(t, test_not_figure, 0, (int)(sizeof NOT_FIG / sizeof NOT_FIG[0]));
    tcase_add_loop_test(t, test_period, 0, (int)(sizeof PER / sizeof PER[0]));
    suite_add_tcase(s, t);
    TCase *a = tcase_create("attribution");
    tcase_add_loop_test(a, test_attribution, 0, (int)(sizeof ATT / sizeof ATT[0]));
    tcase_add_test(a, test_same_value);
    tcase_add_test(a, test_table);
    tcase_add_test(a, test_table_plan);
    tcase_add_test(a, test_doc_year);
    tcase_add_test(a, test_doc_year_forecast);
    tcase_add_test(a, test_offsets);
    tcase_add_test(a, test_extra_files);
    suite_add_tcase(s, a);
    TCase *b = tcase_create("bad input");
    tcase_set_timeout(b, 120);
    tcase_add_test(b, test_invalid_utf8);
    tcase_add_test(b, test_nul_bytes);
    tcase_add_test(b, test_truncated_phrases);
    tcase_add_test(b, test_huge_digits);
    tcase_add_test(b, test_huge_line_linear);
    tcase_add_test(b, test_many_figures);
    tcase_add_test(b, test_no_sentences);
    tcase_add_test(b, test_stop);
    suite_add_tcase(s, b);
    return s;
}

int main(void)
{
    char err[256];
    if (fig_engine_new(NULL, &E, err, sizeof err) != FIG_OK) {
        fprintf(stderr, "engine: %s\n", err);
        return 1;
    }
    SRunner *sr = srunner_create(figures_suite());
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    fig_engine_free(E);
    return failed ? 1 : 0;
}
