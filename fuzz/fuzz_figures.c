/*
 * fuzz_figures.c - libFuzzer target: the figure extractor on any bytes.
 * Every fact it reports must lie inside the input and have low <= high.
 */
#include "figures.h"

#include <stdint.h>
#include <stdlib.h>

static fig_engine *engine;

static int check_fact(const fig_fact *f, void *ud)
{
    size_t len = *(const size_t *)ud;
    if (f->start_byte > f->end_byte || f->end_byte > len || !(f->low <= f->high))
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!engine) {
        fig_options opt = {0};
        char err[256];
        if (fig_engine_new(&opt, &engine, err, sizeof err) != 0)
            abort();
    }
    fig_doc_info info = {2026, 11, 23};
    fig_extract(engine, (const char *)data, size, size % 2 ? &info : NULL, check_fact, &size);
    return 0;
}
