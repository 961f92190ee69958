/*
 * loader.c - plugin discovery, dlopen and the ABI checks.
 *
 * Order of checks, each with its own message: the file exists and is
 * readable; it is an ELF shared object for this machine; dlopen accepts it;
 * it exports assay_plugin_descriptor; the symbol is large enough to hold
 * the header; the magic matches; the ABI major matches and the minor is not
 * newer than ours; the descriptor's size covers ABI 1.0; the descriptor
 * itself makes sense (name, kind, callbacks, config keys, streams).
 */
#include "loader.h"

#include "mem.h"
#include "schema.h"

#include <dirent.h>
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef ASSAY_INSTALL_PLUGIN_DIR
#define ASSAY_INSTALL_PLUGIN_DIR "/usr/local/lib/assay/plugins"
#endif
#ifndef ASSAY_PLUGIN_DIR_FROM_BIN
#define ASSAY_PLUGIN_DIR_FROM_BIN "../lib/assay/plugins"
#endif

/* The size of an ABI 1.0 descriptor: everything up to and with check. */
#define DESCRIPTOR_SIZE_1_0 (offsetof(assay_plugin, check) + sizeof(void (*)(void)))

static void add_dir(loader *L, const char *dir, size_t len)
{
    if (len == 0)
        return;
    L->dirs = xrealloc(L->dirs, (L->ndirs + 1) * sizeof *L->dirs);
    L->dirs[L->ndirs++] = xstrndup(dir, len);
}

static void add_path_list(loader *L, const char *list)
{
    if (!list)
        return;
    const char *p = list;
    while (*p) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        add_dir(L, p, len);
        p += len;
        if (*p == ':')
            p++;
    }
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void loader_init(loader *L, const char *cli_path)
{
    memset(L, 0, sizeof *L);
    add_path_list(L, cli_path);
    add_path_list(L, getenv("ASSAY_PLUGIN_PATH"));
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char *build = xasprintf("%s/plugins", exe);
            char *rel = xasprintf("%s/%s", exe, ASSAY_PLUGIN_DIR_FROM_BIN);
            if (is_dir(build))
                add_dir(L, build, strlen(build));
            if (is_dir(rel))
                add_dir(L, rel, strlen(rel));
            free(build);
            free(rel);
        }
    }
    add_dir(L, ASSAY_INSTALL_PLUGIN_DIR, strlen(ASSAY_INSTALL_PLUGIN_DIR));
}

void loader_release(loaded_plugin *p)
{
    if (!p)
        return;
    /* The handle stays open: records and strings from the plugin may
     * outlive it, and unloading buys nothing in a short-lived process. */
    free(p->path);
    free(p);
}

void loader_free(loader *L)
{
    for (size_t i = 0; i < L->ndirs; i++)
        free(L->dirs[i]);
    free(L->dirs);
    loaded_plugin *p = L->loaded;
    while (p) {
        loaded_plugin *next = p->next;
        loader_release(p);
        p = next;
    }
    memset(L, 0, sizeof *L);
}

/* Reads our own executable's ELF machine, to compare a plugin's with. */
static int own_machine(void)
{
    static int machine = -1;
    if (machine >= 0)
        return machine;
    ElfW(Ehdr) eh;
    int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        if (read(fd, &eh, sizeof eh) == (ssize_t)sizeof eh)
            machine = eh.e_machine;
        close(fd);
    }
    return machine;
}

/* Checks the ELF header before dlopen sees the file. */
static int check_elf(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "plugin %s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
        close(fd);
        snprintf(err, errlen, "plugin %s: not a regular file", path);
        return -1;
    }
    ElfW(Ehdr) eh;
    ssize_t n = read(fd, &eh, sizeof eh);
    close(fd);
    if (n < (ssize_t)EI_NIDENT || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) {
        snprintf(err, errlen,
                 "plugin %s: not an ELF shared object (expected an ELF file built with "
                 "-shared, found %s)",
                 path, n <= 0 ? "an empty file" : "other data");
        return -1;
    }
    int want_class = sizeof(void *) == 8 ? ELFCLASS64 : ELFCLASS32;
    if (n < (ssize_t)sizeof eh || eh.e_ident[EI_CLASS] != want_class) {
        snprintf(err, errlen, "plugin %s: ELF class %d-bit, expected %d-bit", path,
                 eh.e_ident[EI_CLASS] == ELFCLASS64 ? 64 : 32, want_class == ELFCLASS64 ? 64 : 32);
        return -1;
    }
    if (eh.e_type != ET_DYN) {
        snprintf(err, errlen, "plugin %s: an ELF %s, expected a shared object (ET_DYN)", path,
                 eh.e_type == ET_EXEC ? "executable" : eh.e_type == ET_REL ? "object file" : "file");
        return -1;
    }
    int machine = own_machine();
    if (machine >= 0 && eh.e_machine != machine) {
        snprintf(err, errlen, "plugin %s: built for ELF machine %d, this assay runs on %d", path,
                 eh.e_machine, machine);
        return -1;
    }
    return 0;
}

/* Checks that default_value text is JSON of the key's type. */
static int default_fits(const assay_config_key *k)
{
    if (!k->default_value)
        return 1;
    json_error_t e;
    json_t *v = json_loads(k->default_value, JSON_DECODE_ANY, &e);
    if (!v)
        return 0;
    int ok = 0;
    switch (k->type) {
    case ASSAY_CFG_STRING: ok = json_is_string(v); break;
    case ASSAY_CFG_INT: ok = json_is_integer(v); break;
    case ASSAY_CFG_FLOAT: ok = json_is_number(v); break;
    case ASSAY_CFG_BOOL: ok = json_is_boolean(v); break;
    case ASSAY_CFG_LIST: ok = json_is_array(v) || json_is_string(v); break;
    case ASSAY_CFG_JSON: ok = 1; break;
    }
    json_decref(v);
    return ok;
}

/* Keys the core reads itself from every pipeline entry. */
static int reserved_key(const char *name)
{
    static const char *reserved[] = {"id",         "plugin", "input", "batch_size",
                                     "flush_seconds", "http",   NULL};
    for (int i = 0; reserved[i]; i++)
        if (strcmp(name, reserved[i]) == 0)
            return 1;
    return 0;
}

static int name_valid(const char *s)
{
    if (!s || !*s || strlen(s) > 63)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

/* Checks what the descriptor declares; the header is already checked. */
static int check_descriptor(const char *path, const assay_plugin *d, char *err, size_t errlen)
{
    if (!name_valid(d->name)) {
        snprintf(err, errlen, "plugin %s: descriptor name '%s' is not [a-z0-9_-]+", path,
                 d->name ? d->name : "(null)");
        return -1;
    }
    if (d->kind != ASSAY_SOURCE && d->kind != ASSAY_TRANSFORM && d->kind != ASSAY_SINK) {
        snprintf(err, errlen, "plugin %s (%s): unknown kind %d (expected source, transform or sink)",
                 path, d->name, (int)d->kind);
        return -1;
    }
    if (!d->version || !d->description) {
        snprintf(err, errlen, "plugin %s (%s): descriptor lacks %s", path, d->name,
                 !d->version ? "a version" : "a description");
        return -1;
    }
    const char *missing = NULL;
    if (d->kind == ASSAY_SOURCE && !d->run)
        missing = "run";
    if (d->kind != ASSAY_SOURCE && !d->process)
        missing = "process";
    if (d->kind == ASSAY_SINK && !d->commit)
        missing = "commit";
    if (missing) {
        snprintf(err, errlen, "plugin %s (%s): a %s needs a %s() callback", path, d->name,
                 kind_name(d->kind), missing);
        return -1;
    }
    if (d->config)
        for (const assay_config_key *k = d->config; k->name; k++) {
            if (!ident_valid(k->name) || reserved_key(k->name)) {
                snprintf(err, errlen, "plugin %s (%s): config key '%s' is %s", path, d->name,
                         k->name, reserved_key(k->name) ? "reserved by the core" : "not an identifier");
                return -1;
            }
            if (k->type < ASSAY_CFG_STRING || k->type > ASSAY_CFG_JSON) {
                snprintf(err, errlen, "plugin %s (%s): config key '%s' has unknown type %d", path,
                         d->name, k->name, (int)k->type);
                return -1;
            }
            if (!default_fits(k)) {
                snprintf(err, errlen,
                         "plugin %s (%s): default of config key '%s' is not JSON of type %s: %s",
                         path, d->name, k->name, cfg_type_name(k->type), k->default_value);
                return -1;
            }
            for (const assay_config_key *j = d->config; j < k; j++)
                if (strcmp(j->name, k->name) == 0) {
                    snprintf(err, errlen, "plugin %s (%s): config key '%s' declared twice", path,
                             d->name, k->name);
                    return -1;
                }
        }
    if (d->streams)
        for (const assay_stream_def *s = d->streams; s->name; s++) {
            char why[256];
            assay_stream *st = stream_resolve(s, NULL, why, sizeof why);
            if (!st) {
                snprintf(err, errlen, "plugin %s (%s): %s", path, d->name, why);
                return -1;
            }
            stream_free(st);
        }
    return 0;
}

static int check_header(const char *path, const assay_plugin *d, char *err, size_t errlen);

int loader_open_file(const char *path, loaded_plugin **out, char *err, size_t errlen)
{
    *out = NULL;
    if (check_elf(path, err, errlen))
        return -1;
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(err, errlen, "plugin %s: cannot be loaded: %s", path, why ? why : "dlopen failed");
        return -1;
    }
    const assay_plugin *d = dlsym(h, ASSAY_PLUGIN_SYMBOL);
    if (check_header(path, d, err, errlen)) {
        dlclose(h);
        return -1;
    }
    loaded_plugin *p = xcalloc(1, sizeof *p);
    p->path = xstrdup(path);
    p->handle = h;
    p->desc = d;
    *out = p;
    return 0;
}

/* Everything about the descriptor symbol, from its presence on. */
static int check_header(const char *path, const assay_plugin *d, char *err, size_t errlen)
{
    if (!d) {
        snprintf(err, errlen,
                 "plugin %s: no '%s' symbol: not an assay plugin, or its descriptor is not "
                 "exported (declare it ASSAY_EXPORT)",
                 path, ASSAY_PLUGIN_SYMBOL);
        return -1;
    }
    /* The symbol's size, from the ELF symbol table, guards the reads below
     * against a descriptor symbol that is really something smaller. */
    Dl_info info;
    const ElfW(Sym) *sym = NULL;
    if (dladdr1(d, &info, (void **)&sym, RTLD_DL_SYMENT) && sym && sym->st_size &&
        sym->st_size < offsetof(assay_plugin, name)) {
        snprintf(err, errlen, "plugin %s: '%s' is %zu bytes, too small for a descriptor", path,
                 ASSAY_PLUGIN_SYMBOL, (size_t)sym->st_size);
        return -1;
    }
    if (d->magic != ASSAY_PLUGIN_MAGIC) {
        snprintf(err, errlen,
                 "plugin %s: bad magic 0x%08x in its descriptor (expected 0x%08x): not an "
                 "assay plugin",
                 path, d->magic, ASSAY_PLUGIN_MAGIC);
        return -1;
    }
    if (d->abi_major != ASSAY_ABI_MAJOR || d->abi_minor > ASSAY_ABI_MINOR) {
        snprintf(err, errlen,
                 "plugin %s: built for plugin ABI %u.%u, but this assay provides ABI %d.%d: "
                 "%s",
                 path, d->abi_major, d->abi_minor, ASSAY_ABI_MAJOR, ASSAY_ABI_MINOR,
                 d->abi_major != ASSAY_ABI_MAJOR
                     ? "rebuild the plugin against this assay's headers (pkg-config assay)"
                     : "upgrade assay, or rebuild the plugin against this assay's headers");
        return -1;
    }
    if (d->size < DESCRIPTOR_SIZE_1_0 ||
        (sym && sym->st_size && sym->st_size < d->size)) {
        snprintf(err, errlen,
                 "plugin %s: descriptor says it is %u bytes; ABI %d.0 needs at least %zu", path,
                 d->size, ASSAY_ABI_MAJOR, (size_t)DESCRIPTOR_SIZE_1_0);
        return -1;
    }
    return check_descriptor(path, d, err, errlen);
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

const loaded_plugin *loader_load(loader *L, const char *name, char *err, size_t errlen)
{
    int by_path = strchr(name, '/') != NULL;
    for (loaded_plugin *p = L->loaded; p; p = p->next)
        if (by_path ? strcmp(p->path, name) == 0 : strcmp(p->desc->name, name) == 0)
            return p;
    char *path = NULL;
    if (by_path) {
        path = xstrdup(name);
    } else {
        if (!name_valid(name)) {
            snprintf(err, errlen, "plugin name '%s' is not [a-z0-9_-]+", name);
            return NULL;
        }
        for (size_t i = 0; i < L->ndirs && !path; i++) {
            char *candidate = xasprintf("%s/%s.so", L->dirs[i], name);
            if (file_exists(candidate))
                path = candidate;
            else
                free(candidate);
        }
        if (!path) {
            buf where;
            buf_init(&where);
            for (size_t i = 0; i < L->ndirs; i++)
                buf_printf(&where, "%s%s", i ? ", " : "", L->dirs[i]);
            snprintf(err, errlen, "plugin '%s' not found (searched %s)", name,
                     where.len ? where.data : "nothing");
            buf_free(&where);
            return NULL;
        }
    }
    loaded_plugin *p;
    if (loader_open_file(path, &p, err, errlen)) {
        free(path);
        return NULL;
    }
    free(path);
    if (!by_path && strcmp(p->desc->name, name) != 0) {
        snprintf(err, errlen, "plugin %s: its descriptor names it '%s', not '%s'", p->path,
                 p->desc->name, name);
        loader_release(p);
        return NULL;
    }
    p->next = L->loaded;
    L->loaded = p;
    return p;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void loader_scan(loader *L, void (*fn)(const char *path, int shadowed, void *ud), void *ud)
{
    char **seen = NULL;
    size_t nseen = 0;
    for (size_t i = 0; i < L->ndirs; i++) {
        DIR *dir = opendir(L->dirs[i]);
        if (!dir)
            continue;
        char **names = NULL;
        size_t n = 0;
        struct dirent *e;
        while ((e = readdir(dir))) {
            size_t len = strlen(e->d_name);
            if (len > 3 && strcmp(e->d_name + len - 3, ".so") == 0) {
                names = xrealloc(names, (n + 1) * sizeof *names);
                names[n++] = xstrdup(e->d_name);
            }
        }
        closedir(dir);
        qsort(names, n, sizeof *names, cmp_str);
        for (size_t j = 0; j < n; j++) {
            int shadowed = 0;
            for (size_t k = 0; k < nseen; k++)
                if (strcmp(seen[k], names[j]) == 0)
                    shadowed = 1;
            char *path = xasprintf("%s/%s", L->dirs[i], names[j]);
            fn(path, shadowed, ud);
            free(path);
            if (!shadowed) {
                seen = xrealloc(seen, (nseen + 1) * sizeof *seen);
                seen[nseen++] = names[j];
            } else {
                free(names[j]);
            }
        }
        free(names);
    }
    for (size_t k = 0; k < nseen; k++)
        free(seen[k]);
    free(seen);
}
