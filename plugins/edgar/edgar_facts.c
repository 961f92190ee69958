/* edgar_facts.c - companyfacts JSON to distinct, dated fact rows. */
#include "edgar_facts.h"

#include "edgar_body.h"
#include "edgar_util.h"

#include "civil.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the concept map ---- */

int xbrl_map_parse(const char *json, xbrl_map *map, char *err, size_t errlen)
{
    memset(map, 0, sizeof *map);
    json_error_t je;
    json_t *obj = json_loads(json ? json : "", 0, &je);
    if (!json_is_object(obj) || json_object_size(obj) == 0) {
        json_decref(obj);
        snprintf(err, errlen,
                 "concepts must be a JSON object of XBRL concepts to metrics, such as "
                 "{\"us-gaap:PaymentsToAcquireProductiveAssets\": \"capex\"}");
        return -1;
    }
    map->v = calloc(json_object_size(obj), sizeof *map->v);
    if (!map->v) {
        json_decref(obj);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    const char *key;
    json_t *v;
    int rc = 0;
    json_object_foreach(obj, key, v)
    {
        const char *metric = json_string_value(v);
        const char *colon = strchr(key, ':');
        const char *name = colon ? colon + 1 : key;
        size_t tlen = colon ? (size_t)(colon - key) : 0;
        int ok = metric && *metric && *name && (!colon || tlen > 0);
        for (const char *p = name; ok && *p; p++)
            ok = isalnum((unsigned char)*p) || *p == '_' || *p == '-';
        if (!ok) {
            snprintf(err, errlen,
                     "concepts: '%s' must be \"taxonomy:Concept\" or \"Concept\" (us-gaap) mapped "
                     "to a metric name",
                     key);
            rc = -1;
            break;
        }
        xbrl_concept *c = &map->v[map->n++];
        c->taxonomy = colon ? strndup(key, tlen) : strdup("us-gaap");
        c->name = strdup(name);
        c->metric = strdup(metric);
        if (!c->taxonomy || !c->name || !c->metric) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
            break;
        }
    }
    json_decref(obj);
    if (rc)
        xbrl_map_free(map);
    return rc;
}

void xbrl_map_free(xbrl_map *map)
{
    for (size_t i = 0; i < map->n; i++) {
        free(map->v[i].taxonomy);
        free(map->v[i].name);
        free(map->v[i].metric);
    }
    free(map->v);
    memset(map, 0, sizeof *map);
}

void xbrl_map_id(const xbrl_map *map, char out[17])
{
    /* FNV-1a over the entries in order; the order is the config's. */
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < map->n; i++) {
        const char *parts[3] = {map->v[i].taxonomy, map->v[i].name, map->v[i].metric};
        for (int k = 0; k < 3; k++) {
            for (const char *p = parts[k]; *p; p++)
                h = (h ^ (unsigned char)*p) * 1099511628211ull;
            h = (h ^ 0x1f) * 1099511628211ull;
        }
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* ---- periods ---- */

/* The nominal fiscal year end in calendar year y. */
static int64_t fye_in(int y, int m, int d)
{
    int ml = civil_month_days(y, m);
    return civil_to_days(y, m, d > ml ? ml : d);
}

/* Fiscal years are named by the calendar year they end in; a 52/53-week
 * year may end up to about two weeks either side of the nominal day. */
#define FYE_SLACK 15

static int fiscal_year_of(int64_t day, int m, int d)
{
    int64_t year;
    int mm, dd;
    civil_from_days(day, &year, &mm, &dd);
    int y = (int)year;
    if (day <= fye_in(y - 1, m, d) + FYE_SLACK)
        return y - 1;
    if (day <= fye_in(y, m, d) + FYE_SLACK)
        return y;
    return y + 1;
}

/* The fiscal quarter (1-4) that ends nearest to day, in fiscal year fy. */
static int quarter_of(int64_t day, int fy, int m, int d)
{
    double q = (double)(day - fye_in(fy - 1, m, d)) / 91.31;
    int n = (int)(q + 0.5);
    return n < 1 ? 1 : n > 4 ? 4 : n;
}

void xbrl_period_label(int64_t start, int64_t end, int fye_m, int fye_d, char *out, size_t outlen,
                       int *fiscal_year)
{
    int fy = fiscal_year_of(end, fye_m, fye_d);
    int q = quarter_of(end, fy, fye_m, fye_d);
    *fiscal_year = fy;
    if (start == INT64_MIN) { /* an instant: the balance at a period's end */
        if (q == 4)
            snprintf(out, outlen, "%d", fy);
        else
            snprintf(out, outlen, "%d-Q%d", fy, q);
        return;
    }
    int64_t days = end - start + 1;
    if (days >= 330 && days <= 400)
        snprintf(out, outlen, "%d", fy);
    else if (days >= 75 && days <= 105)
        snprintf(out, outlen, "%d-Q%d", fy, q);
    else if (days >= 165 && days <= 200 && (q == 2 || q == 4))
        snprintf(out, outlen, "%d-H%d", fy, q / 2);
    else if (days >= 255 && days <= 290 && q == 3)
        snprintf(out, outlen, "%d-9M", fy);
    else {
        char a[11], b[11];
        edgar_format_date(start, a);
        edgar_format_date(end, b);
        snprintf(out, outlen, "%s..%s", a, b);
    }
}

/* ---- facts ---- */

typedef struct raw_fact {
    size_t concept; /* index into the map */
    char unit[32];
    int64_t start, end, filed;
    double value;
    char value_text[40];
    char accession[21];
    char form[24];
    int fy;
    char fp[8];
} raw_fact;

typedef struct raw_list {
    raw_fact *v;
    size_t n, cap;
} raw_list;

/* The shortest decimal text that reads back as v. */
static void shortest(double v, char out[40])
{
    for (int p = 1; p <= 17; p++) {
        snprintf(out, 40, "%.*g", p, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

/* 1 when now is then rounded to now's precision: now is a whole number
 * ending in k zeros and differs from then by at most half of 10^k. */
static int is_rounding(double then, double now)
{
    double a = now < 0 ? -now : now;
    if (a < 10 || a > 1e18 || a != (double)(long long)a)
        return 0;
    long long n = (long long)a;
    double p = 1;
    while (n % 10 == 0) {
        n /= 10;
        p *= 10;
    }
    double diff = now - then;
    return p > 1 && (diff < 0 ? -diff : diff) <= p / 2;
}

static int get_date(json_t *o, const char *key, int64_t *days)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s && edgar_parse_date(s, strlen(s), days) == 0 ? 0 : -1;
}

/* Reads one fact object into r. Returns 0, or -1 when it lacks what a row
 * needs. */
static int read_fact(json_t *o, raw_fact *r)
{
    json_t *val = json_object_get(o, "val");
    const char *accn = json_string_value(json_object_get(o, "accn"));
    if (!json_is_number(val) || !edgar_is_accession(accn) || get_date(o, "end", &r->end) ||
        get_date(o, "filed", &r->filed))
        return -1;
    if (json_object_get(o, "start")) {
        if (get_date(o, "start", &r->start) || r->start > r->end)
            return -1;
    } else {
        r->start = INT64_MIN;
    }
    if (json_is_integer(val)) {
        r->value = (double)json_integer_value(val);
        snprintf(r->value_text, sizeof r->value_text, "%lld", (long long)json_integer_value(val));
    } else {
        r->value = json_real_value(val);
        shortest(r->value, r->value_text);
    }
    memcpy(r->accession, accn, 21);
    const char *form = json_string_value(json_object_get(o, "form"));
    snprintf(r->form, sizeof r->form, "%s", form ? form : "");
    json_t *fy = json_object_get(o, "fy");
    r->fy = json_is_integer(fy) ? (int)json_integer_value(fy) : 0;
    const char *fp = json_string_value(json_object_get(o, "fp"));
    snprintf(r->fp, sizeof r->fp, "%s", fp ? fp : "");
    return 0;
}

static int raw_push(raw_list *l, const raw_fact *r)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 1024;
        raw_fact *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v, l->cap = cap;
    }
    l->v[l->n++] = *r;
    return 0;
}

static int cmp64(int64_t a, int64_t b)
{
    return a < b ? -1 : a > b;
}

/* Groups (concept, unit, start, end), then first reported first. */
static int raw_cmp(const void *pa, const void *pb)
{
    const raw_fact *a = pa, *b = pb;
    int c;
    if (a->concept != b->concept)
    return a->concept < b->concept ? -1 : 1;
    if ((c = strcmp(a->unit, b->unit)) || (c = cmp64(a->start, b->start)) ||
        (c = cmp64(a->end, b->end)) || (c = cmp64(a->filed, b->filed)))
        return c;
    return strcmp(a->accession, b->accession);
}

static int row_cmp(const void *pa, const void *pb)
{
    const xbrl_row *a = pa, *b = pb;
    int c;
    if ((c = cmp64(a->filed, b->filed)) || (c = strcmp(a->accession, b->accession)) ||
        (c = strcmp(a->concept->name, b->concept->name)) || (c = cmp64(a->end, b->end)) ||
        (c = cmp64(a->start, b->start)))
        return c;
    return strcmp(a->unit, b->unit);
}

/* Visits every fact object of every concept in the file, mapped or not,
 * for the newest filing date and the accessions filed that day. */
static int scan_last_filed(json_t *facts, xbrl_facts *out)
{
    const char *tax, *name, *unit;
    json_t *concepts, *concept, *list, *fact;
    size_t i;
    out->last_filed = INT64_MIN;
    json_object_foreach(facts, tax, concepts)
    {
        json_object_foreach(concepts, name, concept)
        {
            json_object_foreach(json_object_get(concept, "units"), unit, list)
            {
                json_array_foreach(list, i, fact)
                {
                    int64_t filed;
                    const char *accn = json_string_value(json_object_get(fact, "accn"));
                    if (get_date(fact, "filed", &filed) || !edgar_is_accession(accn) ||
                        filed < out->last_filed)
                        continue;
                    if (filed > out->last_filed) {
                        for (size_t k = 0; k < out->nlast; k++)
                            free(out->last_accessions[k]);
                        out->nlast = 0;
                        out->last_filed = filed;
                    }
                    size_t k = 0;
                    while (k < out->nlast && strcmp(out->last_accessions[k], accn) != 0)
                        k++;
                    if (k < out->nlast)
                        continue;
                    char **v = realloc(out->last_accessions, (out->nlast + 1) * sizeof *v);
                    if (!v)
                        return -1;
                    out->last_accessions = v;
                    if (!(v[out->nlast] = strdup(accn)))
                        return -1;
                    out->nlast++;
                }
            }
        }
    }
    return 0;
}

/* The fiscal year end from the facts: the end of the latest annual fact
 * a 10-K reported, as "MMDD"; "1231" when there is none. */
static void guess_fye(const raw_list *raw, char out[5])
{
    int64_t best_filed = INT64_MIN, best_end = 0;
    for (size_t i = 0; i < raw->n; i++) {
        const raw_fact *r = &raw->v[i];
        if (r->start == INT64_MIN || strncmp(r->form, "10-K", 4) != 0)
            continue;
        int64_t days = r->end - r->start + 1;
        if (days < 350 || days > 380 || r->filed < best_filed)
            continue;
        if (r->filed > best_filed || r->end > best_end)
            best_filed = r->filed, best_end = r->end;
    }
    if (best_filed == INT64_MIN) {
        memcpy(out, "1231", 5);
        return;
    }
    int64_t y;
    int m, d;
    civil_from_days(best_end, &y, &m, &d);
    snprintf(out, 5, "%02d%02d", m, d);
}

int xbrl_facts_parse(const char *body, size_t len, const char *content_type, const xbrl_map *map,
                     const char *fye, xbrl_facts *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->last_filed = INT64_MIN;
    raw_list raw = {0};
    json_t *root = edgar_json_object(body, len, content_type, err, errlen);
    if (!root)
        return -1;
    int rc = -1;
    json_t *cik = json_object_get(root, "cik");
    json_t *facts = json_object_get(root, "facts");
    char num[24];
    if (json_is_integer(cik))
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(cik));
    else
        snprintf(num, sizeof num, "%s", json_is_string(cik) ? json_string_value(cik) : "");
    if (edgar_cik10(num, out->cik) != 0 || (facts && !json_is_object(facts))) {
        snprintf(err, errlen, "a JSON object without 'cik' and 'facts': not a companyfacts file");
        goto done;
    }
    const char *entity = json_string_value(json_object_get(root, "entityName"));
    out->entity = strdup(entity && *entity ? entity : out->cik);
    if (!out->entity || scan_last_filed(facts, out) != 0) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    for (size_t c = 0; c < map->n; c++) {
        json_t *concept =
            json_object_get(json_object_get(facts, map->v[c].taxonomy), map->v[c].name);
        const char *unit;
        json_t *list, *fact;
        size_t i;
        json_object_foreach(json_object_get(concept, "units"), unit, list)
        {
            json_array_foreach(list, i, fact)
            {
                raw_fact r;
                memset(&r, 0, sizeof r);
                r.concept = c;
                if (strlen(unit) >= sizeof r.unit || read_fact(fact, &r) != 0) {
                    out->skipped++;
                    continue;
                }
                memcpy(r.unit, unit, strlen(unit) + 1);
                if (raw_push(&raw, &r) != 0) {
                    snprintf(err, errlen, "out of memory");
                    goto done;
                }
            }
        }
    }
    if (fye && strlen(fye) == 4 && atoi(fye) / 100 >= 1 && atoi(fye) / 100 <= 12 &&
        atoi(fye) % 100 >= 1)
        memcpy(out->fye, fye, 5);
    else
        guess_fye(&raw, out->fye);
    int fm = atoi(out->fye) / 100, fd = atoi(out->fye) % 100;
    if (fd > 31)
        fd = 31;

    if (raw.n)
        qsort(raw.v, raw.n, sizeof *raw.v, raw_cmp);
    out->rows = calloc(raw.n ? raw.n : 1, sizeof *out->rows);
    if (!out->rows) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    size_t g = 0;
    while (g < raw.n) { /* one group: the same concept, unit and period */
        size_t e = g + 1;
        while (e < raw.n && raw.v[e].concept == raw.v[g].concept &&
               strcmp(raw.v[e].unit, raw.v[g].unit) == 0 && raw.v[e].start == raw.v[g].start &&
               raw.v[e].end == raw.v[g].end)
            e++;
        size_t first_row = out->n;
        for (size_t k = g; k < e; k++) {
            const raw_fact *r = &raw.v[k];
            size_t j = first_row;
            while (j < out->n && out->rows[j].value != r->value)
                j++;
            if (j < out->n)
                continue; /* the same value again: already a row */
            xbrl_row *row = &out->rows[out->n];
            row->concept = &map->v[r->concept];
            memcpy(row->unit, r->unit, sizeof row->unit);
            row->start = r->start;
            row->end = r->end;
            row->value = r->value;
            memcpy(row->value_text, r->value_text, sizeof row->value_text);
            memcpy(row->accession, r->accession, sizeof row->accession);
            row->filed = r->filed;
            memcpy(row->form, r->form, sizeof row->form);
            row->fy = r->fy;
            memcpy(row->fp, r->fp, sizeof row->fp);
            xbrl_period_label(r->start, r->end, fm, fd, row->period, sizeof row->period,
                              &row->fiscal_year);
            if (out->n > first_row) {
                const xbrl_row *prev = &out->rows[out->n - 1];
                row->restates = 1;
                memcpy(row->prev_value, prev->value_text, sizeof row->prev_value);
                memcpy(row->prev_accession, prev->accession, sizeof row->prev_accession);
                row->rounding = is_rounding(prev->value, row->value);
            }
            out->n++;
        }
        g = e;
    }
    qsort(out->rows, out->n, sizeof *out->rows, row_cmp);
    rc = 0;
done:
    free(raw.v);
    json_decref(root);
    if (rc)
        xbrl_facts_free(out);
    return rc;
}

void xbrl_facts_free(xbrl_facts *f)
{
    for (size_t i = 0; i < f->nlast; i++)
        free(f->last_accessions[i]);
    free(f->last_accessions);
    free(f->rows);
    free(f->entity);
    memset(f, 0, sizeof *f);
    f->last_filed = INT64_MIN;
}
