/*
 * cmd_new_plugin.c - `assay new-plugin NAME --kind KIND [DIR]`: writes a
 * working plugin of that kind to start from, with a Makefile that builds
 * it out of tree against the installed SDK (pkg-config assay), a README
 * and an example pipeline. The templates are whole, working plugins:
 *
 *   source     emits `count` documents saying `message`
 *   transform  passes documents on, setting aside those shorter than
 *              `min_chars`
 *   sink       writes every record as a JSON line to `path`, fsync'd at
 *              each commit
 */
#include "cli.h"
#include "mem.h"
#include "runner.h"
#include "state.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char source_c[] =
    "/*\n"
    " * @NAME@.c - a source: emits `count` documents saying `message`.\n"
    " * Replace run() with what your source reads.\n"
    " */\n"
    "#include <assay/assay.h>\n"
    "\n"
    "#include <stdio.h>\n"
    "#include <stdlib.h>\n"
    "#include <string.h>\n"
    "\n"
    "typedef struct @NAME@ {\n"
    "    const assay_host *host;\n"
    "    const assay_stream *docs;\n"
    "    int f_id, f_text, f_title;\n"
    "} @NAME@;\n"
    "\n"
    "static assay_rc @NAME@_create(const assay_host *host, assay_ctx *ctx, void **self)\n"
    "{\n"
    "    @NAME@ *p = calloc(1, sizeof *p);\n"
    "    if (!p)\n"
    "        return host->fail(ctx, ASSAY_ERR_NOMEM, \"out of memory\");\n"
    "    *self = p;\n"
    "    p->host = host;\n"
    "    p->docs = host->stream(ctx, \"documents\");\n"
    "    p->f_id = host->stream_field_index(p->docs, \"id\");\n"
    "    p->f_text = host->stream_field_index(p->docs, \"text\");\n"
    "    p->f_title = host->stream_field_index(p->docs, \"title\");\n"
    "    if (host->cfg_int(ctx, \"count\") < 0)\n"
    "        return host->fail(ctx, ASSAY_ERR_CONFIG, \"count must not be negative\");\n"
    "    return ASSAY_OK;\n"
    "}\n"
    "\n"
    "static assay_rc @NAME@_run(void *self, assay_ctx *ctx)\n"
    "{\n"
    "    @NAME@ *p = self;\n"
    "    const assay_host *h = p->host;\n"
    "    int64_t count = h->cfg_int(ctx, \"count\");\n"
    "    const char *message = h->cfg_string(ctx, \"message\");\n"
    "    /* a bookmark: the next run goes on where this one stopped */\n"
    "    char *saved = h->state_get(ctx, \"next\");\n"
    "    int64_t i = saved ? strtoll(saved, NULL, 10) : 0;\n"
    "    h->free(saved);\n"
    "    for (; i < count && !h->should_stop(ctx); i++) {\n"
    "        char id[64];\n"
    "        snprintf(id, sizeof id, \"@NAME@-%lld\", (long long)i);\n"
    "        assay_record *r = h->record_new(ctx, p->docs);\n"
    "        assay_rc rc = h->set_string(r, p->f_id, id, strlen(id));\n"
    "        if (!rc)\n"
    "            rc = h->set_string(r, p->f_text, message, strlen(message));\n"
    "        if (!rc)\n"
    "            rc = h->set_string(r, p->f_title, id, strlen(id));\n"
    "        if (rc) {\n"
    "            h->record_free(r);\n"
    "            return rc; /* the host's message names the field */\n"
    "        }\n"
    "        rc = h->emit(ctx, r);\n"
    "        /* put the bookmark only after emitting what it covers */\n"
    "        char next[32];\n"
    "        snprintf(next, sizeof next, \"%lld\", (long long)(i + 1));\n"
    "        h->state_put(ctx, \"next\", next);\n"
    "        if (rc == ASSAY_ERR_STOPPED)\n"
    "            break;\n"
    "    }\n"
    "    return ASSAY_OK;\n"
    "}\n"
    "\n"
    "static void @NAME@_destroy(void *self)\n"
    "{\n"
    "    free(self);\n"
    "}\n"
    "\n"
    "static const assay_config_key @NAME@_config[] = {\n"
    "    {\"count\", ASSAY_CFG_INT, 0, \"3\", \"documents to emit in all, across runs\"},\n"
    "    {\"message\", ASSAY_CFG_STRING, 0, \"\\\"Hello from @NAME@.\\\"\", \"their text\"},\n"
    "    {NULL, 0, 0, NULL, NULL}};\n"
    "\n"
    "static const assay_stream_def @NAME@_streams[] = {\n"
    "    {\"documents\", NULL, \"what this source reads\"},\n"
    "    {NULL, NULL, NULL}};\n"
    "\n"
    "ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {\n"
    "    ASSAY_PLUGIN_HEADER,\n"
    "    .name = \"@NAME@\",\n"
    "    .kind = ASSAY_SOURCE,\n"
    "    .version = \"0.1.0\",\n"
    "    .description = \"emits count documents saying message\",\n"
    "    .config = @NAME@_config,\n"
    "    .streams = @NAME@_streams,\n"
    "    .create = @NAME@_create,\n"
    "    .run = @NAME@_run,\n"
    "    .destroy = @NAME@_destroy,\n"
    "};\n";

static const char transform_c[] =
    "/*\n"
    " * @NAME@.c - a transform: passes documents on, and sets aside (dead\n"
    " * letters) those whose text is shorter than `min_chars`. Replace\n"
    " * process() with what your transform does.\n"
    " */\n"
    "#include <assay/assay.h>\n"
    "\n"
    "#include <stdlib.h>\n"
    "\n"
    "typedef struct @NAME@ {\n"
    "    const assay_host *host;\n"
    "    const assay_stream *out;\n"
    "    int64_t min_chars;\n"
    "} @NAME@;\n"
    "\n"
    "static assay_rc @NAME@_create(const assay_host *host, assay_ctx *ctx, void **self)\n"
    "{\n"
    "    @NAME@ *p = calloc(1, sizeof *p);\n"
    "    if (!p)\n"
    "        return host->fail(ctx, ASSAY_ERR_NOMEM, \"out of memory\");\n"
    "    *self = p;\n"
    "    p->host = host;\n"
    "    p->out = host->stream(ctx, \"documents\");\n"
    "    p->min_chars = host->cfg_int(ctx, \"min_chars\");\n"
    "    return ASSAY_OK;\n"
    "}\n"
    "\n"
    "static assay_rc @NAME@_process(void *self, assay_ctx *ctx, const assay_record *const *recs,\n"
    "                              size_t n)\n"
    "{\n"
    "    @NAME@ *p = self;\n"
    "    const assay_host *h = p->host;\n"
    "    for (size_t i = 0; i < n; i++) {\n"
    "        const assay_stream *in = h->record_stream(recs[i]);\n"
    "        int f = h->stream_field_index(in, \"text\");\n"
    "        assay_value text;\n"
    "        if (f < 0 || h->record_get(recs[i], (size_t)f, &text) || text.type != ASSAY_T_STRING)\n"
    "            return h->fail(ctx, ASSAY_ERR_REJECT, \"no text\");\n"
    "        if ((int64_t)text.len < p->min_chars)\n"
    "            return h->fail(ctx, ASSAY_ERR_REJECT, \"text of %zu bytes, under min_chars\",\n"
    "                           text.len);\n"
    "        assay_rc rc = h->emit(ctx, h->record_copy(ctx, recs[i], p->out));\n"
    "        if (rc && rc != ASSAY_ERR_STOPPED)\n"
    "            return rc;\n"
    "    }\n"
    "    return ASSAY_OK;\n"
    "}\n"
    "\n"
    "static void @NAME@_destroy(void *self)\n"
    "{\n"
    "    free(self);\n"
    "}\n"
    "\n"
    "static const assay_config_key @NAME@_config[] = {\n"
    "    {\"min_chars\", ASSAY_CFG_INT, 0, \"1\", \"shorter documents are set aside\"},\n"
    "    {NULL, 0, 0, NULL, NULL}};\n"
    "\n"
    "static const assay_stream_def @NAME@_streams[] = {\n"
    "    {\"documents\", NULL, \"the documents long enough\"},\n"
    "    {NULL, NULL, NULL}};\n"
    "\n"
    "ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {\n"
    "    ASSAY_PLUGIN_HEADER,\n"
    "    .name = \"@NAME@\",\n"
    "    .kind = ASSAY_TRANSFORM,\n"
    "    .version = \"0.1.0\",\n"
    "    .description = \"passes documents on, setting short ones aside\",\n"
    "    .config = @NAME@_config,\n"
    "    .streams = @NAME@_streams,\n"
    "    .create = @NAME@_create,\n"
    "    .process = @NAME@_process,\n"
    "    .destroy = @NAME@_destroy,\n"
    "};\n";

static const char sink_c[] =
    "/*\n"
    " * @NAME@.c - a sink: writes every record as one JSON line to `path`,\n"
    " * fsync'd at each commit. Replace process() and commit() with your\n"
    " * store's writes and its transaction.\n"
    " */\n"
    "#define _POSIX_C_SOURCE 200809L /* fileno, fsync */\n"
    "\n"
    "#include <assay/assay.h>\n"
    "\n"
    "#include <errno.h>\n"
    "#include <stdio.h>\n"
    "#include <stdlib.h>\n"
    "#include <string.h>\n"
    "#include <unistd.h>\n"
    "\n"
    "typedef struct @NAME@ {\n"
    "    const assay_host *host;\n"
    "    FILE *out;\n"
    "} @NAME@;\n"
    "\n"
    "static assay_rc @NAME@_create(const assay_host *host, assay_ctx *ctx, void **self)\n"
    "{\n"
    "    @NAME@ *p = calloc(1, sizeof *p);\n"
    "    if (!p)\n"
    "        return host->fail(ctx, ASSAY_ERR_NOMEM, \"out of memory\");\n"
    "    *self = p;\n"
    "    p->host = host;\n"
    "    const char *path = host->cfg_string(ctx, \"path\");\n"
    "    p->out = fopen(path, \"a\");\n"
    "    if (!p->out)\n"
    "        return host->fail(ctx, ASSAY_ERR_IO, \"%s: %s\", path, strerror(errno));\n"
    "    return ASSAY_OK;\n"
    "}\n"
    "\n"
    "static assay_rc @NAME@_process(void *self, assay_ctx *ctx, const assay_record *const *recs,\n"
    "                              size_t n)\n"
    "{\n"
    "    @NAME@ *p = self;\n"
    "    for (size_t i = 0; i < n; i++) {\n"
    "        char *json = p->host->record_to_json(recs[i]);\n"
    "        int ok = json && fprintf(p->out, \"%s\\n\", json) >= 0;\n"
    "        p->host->free(json);\n"
    "        if (!ok)\n"
    "            return p->host->fail(ctx, ASSAY_ERR_IO, \"write failed: %s\", strerror(errno));\n"
    "    }\n"
    "    return ASSAY_OK;\n"
    "}\n"
    "\n"
    "static assay_rc @NAME@_commit(void *self, assay_ctx *ctx, int final)\n"
    "{\n"
    "    @NAME@ *p = self;\n"
    "    (void)final;\n"
    "    /* durable before ASSAY_OK: the pipeline's state advances behind it */\n"
    "    if (fflush(p->out) != 0 || fsync(fileno(p->out)) != 0)\n"
    "        return p->host->fail(ctx, ASSAY_ERR_COMMIT, \"fsync failed: %s\", strerror(errno));\n"
    "    return ASSAY_OK;\n"
    "}\n"
    "\n"
    "static void @NAME@_destroy(void *self)\n"
    "{\n"
    "    @NAME@ *p = self;\n"
    "    if (p && p->out)\n"
    "        fclose(p->out);\n"
    "    free(p);\n"
    "}\n"
    "\n"
    "static const assay_config_key @NAME@_config[] = {\n"
    "    {\"path\", ASSAY_CFG_STRING, 1, NULL, \"the JSON-lines file records are appended to\"},\n"
    "    {NULL, 0, 0, NULL, NULL}};\n"
    "\n"
    "ASSAY_EXPORT const assay_plugin assay_plugin_descriptor = {\n"
    "    ASSAY_PLUGIN_HEADER,\n"
    "    .name = \"@NAME@\",\n"
    "    .kind = ASSAY_SINK,\n"
    "    .version = \"0.1.0\",\n"
    "    .description = \"appends records to a JSON-lines file\",\n"
    "    .config = @NAME@_config,\n"
    "    .create = @NAME@_create,\n"
    "    .process = @NAME@_process,\n"
    "    .commit = @NAME@_commit,\n"
    "    .destroy = @NAME@_destroy,\n"
    "};\n";

static const char makefile[] =
    "# Builds @NAME@.so against the installed assay SDK (pkg-config assay).\n"
    "#   make           build\n"
    "#   make check     load it and check example.json with assay\n"
    "#   make install   copy it to the SDK's plugin folder\n"
    "CC ?= cc\n"
    "ASSAY_CFLAGS := $(shell pkg-config --cflags assay)\n"
    "PLUGINDIR ?= $(shell pkg-config --variable=plugindir assay)\n"
    "CFLAGS ?= -O2 -g\n"
    "ALL_CFLAGS = -std=c11 -Wall -Wextra -fPIC -fvisibility=hidden $(ASSAY_CFLAGS) $(CFLAGS)\n"
    "ALL_LDFLAGS = -shared -Wl,--no-undefined $(LDFLAGS)\n"
    "\n"
    "@NAME@.so: @NAME@.c\n"
    "\t$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $<\n"
    "\n"
    "check: @NAME@.so\n"
    "\tassay --plugin-path . plugins @NAME@\n"
    "\tassay --plugin-path . check example.json\n"
    "\n"
    "install: @NAME@.so\n"
    "\tinstall -d $(DESTDIR)$(PLUGINDIR)\n"
    "\tinstall -m 755 @NAME@.so $(DESTDIR)$(PLUGINDIR)/\n"
    "\n"
    "clean:\n"
    "\trm -f @NAME@.so\n"
    "\n"
    ".PHONY: check install clean\n";

static const char readme[] =
    "# @NAME@ (@KIND@)\n"
    "\n"
    "Made with `assay new-plugin`; build it with `make`, try it with `make check`\n"
    "and `assay --plugin-path . run example.json`, install it with `make install`.\n"
    "\n"
    "The plugin API is `<assay/assay.h>` (its comments are the reference);\n"
    "`assay plugins @NAME@` shows its config keys and streams. Keep this file's\n"
    "table of config keys in step with the code.\n"
    "\n"
    "## Config\n"
    "\n"
    "@KEYS@\n"
    "## Example\n"
    "\n"
    "See `example.json`.\n";

static const char *const keys_source =
    "| key | type | default | meaning |\n| --- | --- | --- | --- |\n"
    "| `count` | int | 3 | documents to emit in all, across runs |\n"
    "| `message` | string | Hello from @NAME@. | their text |\n";
static const char *const keys_transform =
    "| key | type | default | meaning |\n| --- | --- | --- | --- |\n"
    "| `min_chars` | int | 1 | shorter documents are set aside |\n";
static const char *const keys_sink =
    "| key | type | default | meaning |\n| --- | --- | --- | --- |\n"
    "| `path` | string | (required) | the JSON-lines file records are appended to |\n";

static const char example_source[] =
    "{\n"
    "  \"name\": \"@NAME@-example\",\n"
    "  \"sources\": [{\"id\": \"in\", \"plugin\": \"@NAME@\", \"count\": 5}],\n"
    "  \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"in.documents\"], \"dir\": \"out\"}]\n"
    "}\n";
static const char example_transform[] =
    "{\n"
    "  \"name\": \"@NAME@-example\",\n"
    "  \"sources\": [{\"id\": \"in\", \"plugin\": \"files\", \"paths\": [\".\"]}],\n"
    "  \"transforms\": [{\"id\": \"t\", \"plugin\": \"@NAME@\", \"input\": [\"in.documents\"], "
    "\"min_chars\": 20}],\n"
    "  \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"t.documents\"], \"dir\": \"out\"}]\n"
    "}\n";
static const char example_sink[] =
    "{\n"
    "  \"name\": \"@NAME@-example\",\n"
    "  \"sources\": [{\"id\": \"in\", \"plugin\": \"files\", \"paths\": [\".\"]}],\n"
    "  \"sinks\": [{\"id\": \"out\", \"plugin\": \"@NAME@\", \"input\": [\"in.documents\"], "
    "\"path\": \"out.jsonl\"}]\n"
    "}\n";

/* template with @NAME@ and @KIND@ (and @KEYS@) replaced. */
static char *fill(const char *template, const char *name, const char *kind, const char *keys)
{
    buf b;
    buf_init(&b);
    for (const char *p = template; *p;) {
        if (!strncmp(p, "@NAME@", 6)) {
            buf_puts(&b, name);
            p += 6;
        } else if (!strncmp(p, "@KIND@", 6)) {
            buf_puts(&b, kind);
            p += 6;
        } else if (!strncmp(p, "@KEYS@", 6) && keys) {
            char *k = fill(keys, name, kind, NULL);
            buf_puts(&b, k);
            free(k);
            p += 6;
        } else {
            buf_putc(&b, *p++);
        }
    }
    return buf_steal(&b);
}

static int write_new(const char *dir, const char *file, const char *text)
{
    char *path = xasprintf("%s/%s", dir, file);
    FILE *f = fopen(path, "wx"); /* never overwrite someone's work */
    int rc = 0;
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        fprintf(stderr, "assay: %s: %s\n", path, strerror(errno));
        rc = -1;
    }
    if (rc == 0)
        printf("  %s\n", path);
    free(path);
    return rc;
}

int cmd_new_plugin(const cli_common *c, int argc, char **argv)
{
    (void)c;
    const char *name = NULL, *kind = NULL, *dir = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--kind") && i + 1 < argc)
            kind = argv[++i];
        else if (argv[i][0] == '-')
            return usage_error("unknown option '%s' for new-plugin", argv[i]);
        else if (!name)
            name = argv[i];
        else if (!dir)
            dir = argv[i];
        else
            return usage_error("new-plugin takes NAME --kind KIND [DIR]");
    }
    if (!name || !kind)
        return usage_error("new-plugin needs a NAME and --kind source|transform|sink");
    size_t n = strlen(name);
    int ok = n > 0 && n <= 40 && name[0] >= 'a' && name[0] <= 'z';
    for (size_t i = 0; i < n; i++)
        ok &= (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
              name[i] == '_';
    if (!ok)
        return usage_error("plugin names are [a-z][a-z0-9_]*, up to 40 (it is also a C identifier)");
    const char *code, *keys, *example;
    if (!strcmp(kind, "source"))
        code = source_c, keys = keys_source, example = example_source;
    else if (!strcmp(kind, "transform"))
        code = transform_c, keys = keys_transform, example = example_transform;
    else if (!strcmp(kind, "sink"))
        code = sink_c, keys = keys_sink, example = example_sink;
    else
        return usage_error("--kind is source, transform or sink, not '%s'", kind);
    if (!dir)
        dir = name;
    if (make_dirs(dir, 0755) != 0) {
        fprintf(stderr, "assay: %s: %s\n", dir, strerror(errno));
        return EXIT_USAGE;
    }
    printf("new %s plugin '%s':\n", kind, name);
    char *file = xasprintf("%s.c", name);
    char *texts[4] = {fill(code, name, kind, NULL), fill(makefile, name, kind, NULL),
                      fill(readme, name, kind, keys), fill(example, name, kind, NULL)};
    const char *files[4] = {file, "Makefile", "README.md", "example.json"};
    int rc = EXIT_OK;
    for (int i = 0; i < 4; i++) {
        if (rc == EXIT_OK && write_new(dir, files[i], texts[i]) != 0)
            rc = EXIT_USAGE;
        free(texts[i]);
    }
    free(file);
    if (rc == EXIT_OK)
        printf("next: cd %s && make && make check\n", dir);
    return rc;
}
