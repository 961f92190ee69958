/*
 * broken.c - deliberately broken plugins for the loader's tests, one per
 * BROKEN_* definition. Each must be refused with a clear message.
 */
#include <assay/assay.h>

#include <stdint.h>

__attribute__((unused)) static assay_rc run(void *self, assay_ctx *ctx)
{
    (void)self;
    (void)ctx;
    return ASSAY_OK;
}

__attribute__((unused)) static const assay_stream_def streams[] = {{"documents", NULL, NULL}, {NULL, NULL, NULL}};

#if defined(BROKEN_NOSYM)
ASSAY_EXPORT int not_a_descriptor = 1;
#elif defined(BROKEN_TINY)
/* the right name, but a 4-byte integer */
ASSAY_EXPORT const uint32_t assay_plugin_descriptor = ASSAY_PLUGIN_MAGIC;
#else
#if defined(BROKEN_MAGIC)
#define MAGIC 0xdeadbeefu
#else
#define MAGIC ASSAY_PLUGIN_MAGIC
#endif
#if defined(BROKEN_MAJOR)
#define MAJOR (ASSAY_ABI_MAJOR + 1)
#else
#define MAJOR ASSAY_ABI_MAJOR
#endif
#if defined(BROKEN_MINOR)
#define MINOR (ASSAY_ABI_MINOR + 1)
#else
#define MINOR ASSAY_ABI_MINOR
#endif
#if defined(BROKEN_SIZE)
#define SIZE 16
#else
#define SIZE sizeof(assay_plugin)
#endif

static const assay_config_key config[] = {
#if defined(BROKEN_DEFAULT)
    {"count", ASSAY_CFG_INT, 0, "\"ten\"", "a default of the wrong type"},
#endif
    {NULL, 0, 0, NULL, NULL}};

ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {
    .magic = MAGIC,
    .abi_major = MAJOR,
    .abi_minor = MINOR,
    .size = SIZE,
    .name = "broken",
    .kind = ASSAY_SOURCE,
    .version = "0.0.1",
    .description = "a deliberately broken plugin",
    .config = config,
    .streams = streams,
#if !defined(BROKEN_NORUN)
    .run = run,
#endif
};
#endif
