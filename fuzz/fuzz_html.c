/*
 * fuzz_html.c - libFuzzer target: HTML to visible text on any bytes; the
 * text must always be valid UTF-8.
 */
#include "html_text.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = NULL, *title = NULL, err[256];
    size_t len = 0;
    if (html_to_text((const char *)data, size, NULL, &text, &len, &title, err, sizeof err) == 0) {
        if (!utf8_valid(text, len))
            abort();
        free(text);
        free(title);
    }
    return 0;
}
