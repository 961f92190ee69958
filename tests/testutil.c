/* testutil.c - child processes, temporary folders and files for tests. */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

char *tmpdir_new(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/assay-test-XXXXXX", base && *base ? base : "/tmp");
    char *d = mkdtemp(tmpl);
    ck_assert_msg(d != NULL, "mkdtemp: %s", strerror(errno));
    return strdup(d);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

void tmpdir_free(char *dir)
{
    if (dir && !getenv("ASSAY_KEEP_TMP"))
        nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

char *path_in(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

void write_bytes(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
    ck_assert(fwrite(data, 1, len, f) == len);
    fclose(f);
}

void write_text(const char *path, const char *text)
{
    write_bytes(path, text, strlen(text));
}

char *read_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

void proc_start(proc *p, const char *cwd, const char *const argv[], const char *const env[])
{
    memset(p, 0, sizeof *p);
    char tmpl[] = "/tmp/assay-proc-XXXXXX";
    char *d = mkdtemp(tmpl);
    ck_assert(d != NULL);
    p->out_path = path_in(d, "out");
    p->err_path = path_in(d, "err");
    p->pid = fork();
    ck_assert(p->pid >= 0);
    if (p->pid == 0) {
        int o = open(p->out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = open(p->err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(o, 1);
        dup2(e, 2);
        close(o);
        close(e);
        int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        close(devnull);
        if (cwd && chdir(cwd) != 0)
            _exit(126);
        for (size_t i = 0; env && env[i]; i++)
            putenv((char *)env[i]);
        /* a new process group, so a test can signal just this run */
        setpgid(0, 0);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
}

int proc_wait(proc *p, int timeout_s)
{
    int status = 0;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        pid_t w = waitpid(p->pid, &status, WNOHANG);
        if (w == p->pid)
            break;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start.tv_sec > timeout_s) {
            kill(p->pid, SIGKILL);
            waitpid(p->pid, &status, 0);
            ck_abort_msg("process %d did not finish in %d s", (int)p->pid, timeout_s);
        }
        struct timespec nap = {0, 5 * 1000000};
        nanosleep(&nap, NULL);
    }
    p->code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    p->out = read_text(p->out_path, NULL);
    p->err = read_text(p->err_path, NULL);
    if (!p->out)
        p->out = strdup("");
    if (!p->err)
        p->err = strdup("");
    return p->code;
}

int proc_run(proc *p, const char *cwd, const char *const argv[], const char *const env[],
             int timeout_s)
{
    proc_start(p, cwd, argv, env);
    return proc_wait(p, timeout_s);
}

void proc_free(proc *p)
{
    if (p->out_path) {
        unlink(p->out_path);
        unlink(p->err_path);
        char *slash = strrchr(p->out_path, '/');
        *slash = '\0';
        rmdir(p->out_path);
    }
    free(p->out);
    free(p->err);
    free(p->out_path);
    free(p->err_path);
    memset(p, 0, sizeof *p);
}

static const char **assay_argv(const char *const args[])
{
    size_t n = 0;
    while (args[n])
        n++;
    const char **argv = calloc(n + 4, sizeof *argv);
    argv[0] = ASSAY_BIN;
    argv[1] = "--plugin-path";
    argv[2] = TEST_PLUGIN_DIR;
    for (size_t i = 0; i < n; i++)
        argv[3 + i] = args[i];
    return argv;
}

int assay_run(proc *p, const char *cwd, const char *const args[], int timeout_s)
{
    const char **argv = assay_argv(args);
    int code = proc_run(p, cwd, argv, NULL, timeout_s);
    free(argv);
    return code;
}

int assay_check_text(proc *p, const char *pipeline_text)
{
    char *dir = tmpdir_new(), *path = path_in(dir, "p.json");
    const char *args[] = {"check", "p.json", NULL};

    write_text(path, pipeline_text);
    int code = assay_run(p, dir, args, 60);
    free(path);
    tmpdir_free(dir);
    return code;
}

void assay_start(proc *p, const char *cwd, const char *const args[])
{
    const char **argv = assay_argv(args);
    proc_start(p, cwd, argv, NULL);
    free(argv);
}

char *python_csv_json(const char *path)
{
    const char *script =
        "import csv, json, sys\n"
        "csv.field_size_limit(sys.maxsize)\n"
        "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
        "    print(json.dumps(list(csv.reader(f, strict=True)), ensure_ascii=False))\n";
    const char *argv[] = {"/usr/bin/python3", "-c", script, path, NULL};
    proc p;
    int code = proc_run(&p, NULL, argv, NULL, 120);
    char *out = code == 0 ? strdup(p.out) : NULL;
    if (code != 0)
        fprintf(stderr, "python csv reader failed on %s: %s\n", path, p.err);
    proc_free(&p);
    return out;
}

long python_csv_rows(const char *path)
{
    const char *script = "import csv, sys\n"
                         "csv.field_size_limit(sys.maxsize)\n"
                         "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                         "    print(sum(1 for _ in csv.reader(f, strict=True)) - 1)\n";
    const char *argv[] = {"/usr/bin/python3", "-c", script, path, NULL};
    proc p;
    int code = proc_run(&p, NULL, argv, NULL, 120);
    long n = code == 0 ? strtol(p.out, NULL, 10) : -1;
    proc_free(&p);
    return n;
}

int contains(const char *s, const char *needle)
{
    return s && strstr(s, needle) != NULL;
}
