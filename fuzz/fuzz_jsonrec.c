/*
 * fuzz_jsonrec.c - libFuzzer target: one JSON-lines record into the facts
 * schema, and a pipeline file's position scan, on any bytes.
 */
#include "jsonpos.h"
#include "record.h"
#include "schema.h"

#include <stdint.h>
#include <stdlib.h>

static assay_stream *facts;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!facts) {
        assay_stream_def def = {"facts", NULL, NULL};
        char err[256];
        facts = stream_resolve(&def, NULL, err, sizeof err);
        if (!facts)
            abort();
    }
    assay_record *r = record_new(NULL, facts);
    if (record_set_from_json(r, (const char *)data, size) == ASSAY_OK) {
        buf b;
        buf_init(&b);
        record_to_json(r, &b); /* what was accepted serialises */
        assay_record *again = record_new(NULL, facts);
        if (record_set_from_json(again, b.data, b.len) != ASSAY_OK)
            abort(); /* and reads back */
        record_free(again);
        buf_free(&b);
    }
    record_free(r);
    jpos_free(jpos_scan((const char *)data, size));
    return 0;
}
