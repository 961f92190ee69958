/*
 * test_run.c - `assay run` as cron runs it: a real child process, real
 * files, real signals. Exit codes, the summary line, dead letters, state
 * that only advances behind the sinks, the lock, and stopping cleanly.
 */
#include "testutil.h"

#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct env {
    char *dir;
    char *pipeline;
} env;

static void env_init(env *e, const char *pipeline_json)
{
    e->dir = tmpdir_new();
    e->pipeline = path_in(e->dir, "p.json");
    write_text(e->pipeline, pipeline_json);
}

static void env_free(env *e)
{
    free(e->pipeline);
    tmpdir_free(e->dir);
}

static int run(env *e, proc *p)
{
    const char *args[] = {"run", e->pipeline, NULL};
    return assay_run(p, e->dir, args, 120);
}

static char *in_dir(env *e, const char *name)
{
    return path_in(e->dir, name);
}

/* The summary line of a run (all it prints on stdout), parsed. */
static json_t *summary_of(const proc *p)
{
    json_error_t err;
    json_t *j = json_loads(p->out, JSON_DISABLE_EOF_CHECK, &err);
    ck_assert_msg(j != NULL, "summary is not JSON: %s\nstdout: %s\nstderr: %s", err.text, p->out,
                  p->err);
    return j;
}

static json_t *plugin_entry(json_t *summary, const char *id)
{
    json_t *plugins = json_object_get(summary, "plugins");
    for (size_t i = 0; i < json_array_size(plugins); i++) {
        json_t *e = json_array_get(plugins, i);
        if (strcmp(json_string_value(json_object_get(e, "id")), id) == 0)
            return e;
    }
    ck_abort_msg("no plugin '%s' in the summary", id);
    return NULL;
}

static long long field_int(json_t *obj, const char *key)
{
    return json_integer_value(json_object_get(obj, key));
}

/* The bookmark gen saved, per state.json; -1 when none. */
static long long gen_bookmark(env *e, const char *pipeline_name, const char *id)
{
    char rel[256];
    snprintf(rel, sizeof rel, "state/%s/state.json", pipeline_name);
    char *path = in_dir(e, rel);
    json_t *st = json_load_file(path, 0, NULL);
    free(path);
    long long v = -1;
    const char *s = json_string_value(json_object_get(json_object_get(st, id), "next"));
    if (s)
        v = atoll(s);
    json_decref(st);
    return v;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

#define GEN_TO_CSV(name, gencfg, csvcfg)                                                        \
    "{\"name\": \"" name "\",\n"                                                                \
    " \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\"" gencfg "}],\n"                          \
    " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"g.facts\"]" csvcfg "}]}\n"

START_TEST(run_ok_and_summary)
{
    env e;
    env_init(&e, GEN_TO_CSV("basic", ", \"count\": 2500", ", \"batch_size\": 100"));
    proc p;
    ck_assert_int_eq(run(&e, &p), 0);
    json_t *s = summary_of(&p);
    ck_assert_str_eq(json_string_value(json_object_get(s, "outcome")), "ok");
    ck_assert_int_eq(field_int(s, "exit_code"), 0);
    ck_assert_int_eq(field_int(plugin_entry(s, "g"), "out"), 2500);
    ck_assert_int_eq(field_int(plugin_entry(s, "out"), "in"), 2500);
    json_decref(s);
    char *csv = in_dir(&e, "out/facts.csv");
    ck_assert_int_eq(python_csv_rows(csv), 2500);
    ck_assert_int_eq(gen_bookmark(&e, "basic", "g"), 2500);
    free(csv);
    proc_free(&p);
    /* the summary can go to a file instead */
    char *sum = in_dir(&e, "summary.json");
    const char *args[] = {"run", "--summary", sum, e.pipeline, NULL};
    ck_assert_int_eq(assay_run(&p, e.dir, args, 60), 0);
    ck_assert_str_eq(p.out, "");
    json_t *j = json_load_file(sum, 0, NULL);
    ck_assert_ptr_nonnull(j);
    json_decref(j);
    free(sum);
    proc_free(&p);
    env_free(&e);
}
END_TEST

START_TEST(state_makes_runs_incremental)
{
    env e;
    env_init(&e, GEN_TO_CSV("incr", ", \"count\": 100, \"every\": 10", ", \"mode\": \"append\""));
    proc p;
    ck_assert_int_eq(run(&e, &p), 0);
    proc_free(&p);
    ck_assert_int_eq(run(&e, &p), 0); /* nothing new */
    json_t *s = summary_of(&p);
    ck_assert_int_eq(field_int(plugin_entry(s, "g"), "out"), 0);
    json_decref(s);
    proc_free(&p);
    write_text(e.pipeline, GEN_TO_CSV("incr", ", \"count\": 150, \"every\": 10", ", \"mode\": \"append\""));
    ck_assert_int_eq(run(&e, &p), 0);
    s = summary_of(&p);
    ck_assert_int_eq(field_int(plugin_entry(s, "g"), "out"), 50);
    json_decref(s);
    proc_free(&p);
    char *csv = in_dir(&e, "out/facts.csv");
    ck_assert_int_eq(python_csv_rows(csv), 150); /* one header, every record once */
    free(csv);
    ck_assert_int_eq(gen_bookmark(&e, "incr", "g"), 150);
    env_free(&e);
}
END_TEST

START_TEST(schema_violation_is_dead_lettered)
{
    env e;
    env_init(&e, GEN_TO_CSV("dl", ", \"count\": 20, \"bad_at\": 7", ""));
    proc p;
    ck_assert_int_eq(run(&e, &p), 1); /* partial */
    json_t *s = summary_of(&p);
    ck_assert_str_eq(json_string_value(json_object_get(s, "outcome")), "partial");
    ck_assert_int_eq(field_int(s, "dead_letters"), 1);
    json_decref(s);
    char *dl = in_dir(&e, "state/dl/dead-letter.jsonl");
    size_t len;
    char *text = read_text(dl, &len);
    ck_assert_ptr_nonnull(text);
    json_t *entry = json_loads(text, JSON_DISABLE_EOF_CHECK, NULL);
    ck_assert_ptr_nonnull(entry);
    ck_assert_str_eq(json_string_value(json_object_get(entry, "id")), "g");
    ck_assert_str_eq(json_string_value(json_object_get(entry, "plugin")), "gen");
    ck_assert_str_eq(json_string_value(json_object_get(entry, "stream")), "facts");
    ck_assert(contains(json_string_value(json_object_get(entry, "reason")), "field doc_id: required"));
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(entry, "record"), "fact_id")),
                     "f00000007");
    json_decref(entry);
    free(text);
    free(dl);
    char *csv = in_dir(&e, "out/facts.csv");
    ck_assert_int_eq(python_csv_rows(csv), 19);
    free(csv);
    proc_free(&p);
    env_free(&e);
}
END_TEST

static const char *with_reject =
    "{\"name\": \"rj\", %s\n"
    " \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\", \"count\": 100, \"every\": 10}],\n"
    " \"transforms\": [{\"id\": \"r\", \"plugin\": \"reject\", \"input\": [\"g.facts\"], %s}],\n"
    " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"r.facts\"]}]}\n";

static void write_reject(env *e, const char *top, const char *cfg)
{
    char text[2048];
    snprintf(text, sizeof text, with_reject, top, cfg);
    write_text(e->pipeline, text);
}

START_TEST(rejected_records_go_on)
{
    env e;
    env_init(&e, "{}");
    write_reject(&e, "", "\"every\": 10");
    proc p;
    ck_assert_int_eq(run(&e, &p), 1);
    json_t *s = summary_of(&p);
    ck_assert_int_eq(field_int(plugin_entry(s, "r"), "in"), 100);
    ck_assert_int_eq(field_int(plugin_entry(s, "r"), "dead_letter"), 10);
    ck_assert_int_eq(field_int(plugin_entry(s, "out"), "in"), 90);
    json_decref(s);
    char *csv = in_dir(&e, "out/facts.csv");
    ck_assert_int_eq(python_csv_rows(csv), 90);
    free(csv);
    char *dl = in_dir(&e, "state/rj/dead-letter.jsonl");
    char *text = read_text(dl, NULL);
    int lines = 0;
    for (char *c = text; *c; c++)
        lines += *c == '\n';
    ck_assert_int_eq(lines, 10);
    ck_assert(contains(text, "is a multiple of 10"));
    free(text);
    free(dl);
    ck_assert_int_eq(gen_bookmark(&e, "rj", "g"), 100);
    proc_free(&p);
    env_free(&e);
}
END_TEST

START_TEST(on_error_fail_stops_the_run)
{
    env e;
    env_init(&e, "{}");
    write_reject(&e, "\"on_error\": \"fail\",", "\"every\": 37");
    proc p;
    ck_assert_int_eq(run(&e, &p), 6);
    json_t *s = summary_of(&p);
    ck_assert_str_eq(json_string_value(json_object_get(s, "outcome")), "failed");
    ck_assert(contains(json_string_value(json_object_get(s, "error")), "on_error is \"fail\""));
    json_decref(s);
    /* a failed run does not move the bookmark: the next run redoes it */
    ck_assert_int_le(gen_bookmark(&e, "rj", "g"), 0);
    proc_free(&p);
    env_free(&e);
}
END_TEST

START_TEST(failures_while_running)
{
    env e;
    env_init(&e, GEN_TO_CSV("srcfail", ", \"count\": 100, \"fail_at\": 50", ""));
    proc p;
    ck_assert_int_eq(run(&e, &p), 6);
    ck_assert(contains(p.err, "told to fail at record 50"));
    json_t *s = summary_of(&p);
    ck_assert(contains(json_string_value(json_object_get(s, "error")), "g: source failed"));
    json_decref(s);
    proc_free(&p);
    env_free(&e);

    env_init(&e, "{}");
    write_reject(&e, "", "\"fail_at\": 42");
    ck_assert_int_eq(run(&e, &p), 6);
    ck_assert(contains(p.err, "transform failed: reject: told to fail at 42"));
    ck_assert_int_le(gen_bookmark(&e, "rj", "g"), 0);
    proc_free(&p);
    env_free(&e);
}
END_TEST

START_TEST(sink_commit_failure)
{
    env e;
    env_init(&e, "{\"name\": \"cf\",\n"
                 " \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\", \"count\": 1000, \"every\": 10}],\n"
                 " \"sinks\": [{\"id\": \"bad\", \"plugin\": \"failsink\", \"input\": [\"g\"],\n"
                 "            \"fail_after\": 500, \"batch_size\": 100}]}\n");
    proc p;
    ck_assert_int_eq(run(&e, &p), 4);
    ck_assert(contains(p.err, "commit refused"));
    /* the bookmark never passes what was committed */
    long long b = gen_bookmark(&e, "cf", "g");
    ck_assert_int_le(b, 500);
    proc_free(&p);
    env_free(&e);
}
END_TEST

/* A sink that keeps state snapshots with its data: when the state file is
 * behind (a crash between the sink's commit and the file), the snapshot
 * wins; when it is ahead, the file wins. */
START_TEST(state_restored_from_a_sink)
{
    env e;
    env_init(&e, "{}");
    char *store = in_dir(&e, "sink-state.json");
    char text[2048];
    snprintf(text, sizeof text,
             "{\"name\": \"snap\",\n"
             " \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\", \"count\": %%d, \"every\": 10}],\n"
             " \"sinks\": [{\"id\": \"s\", \"plugin\": \"failsink\", \"input\": [\"g\"],\n"
             "            \"batch_size\": 25, \"store\": \"%s\"}]}\n",
             store);
    char pipeline[2100];
    snprintf(pipeline, sizeof pipeline, text, 100);
    write_text(e.pipeline, pipeline);
    proc p;
    ck_assert_int_eq(run(&e, &p), 0);
    proc_free(&p);
    ck_assert_int_eq(gen_bookmark(&e, "snap", "g"), 100);
    ck_assert(file_exists(store));
    /* the state file is lost: the sink's snapshot brings the bookmark back */
    char *state = in_dir(&e, "state/snap/state.json");
    unlink(state);
    snprintf(pipeline, sizeof pipeline, text, 150);
    write_text(e.pipeline, pipeline);
    ck_assert_int_eq(run(&e, &p), 0);
    ck_assert(contains(p.err, "state restored from what this sink stored"));
    json_t *s = summary_of(&p);
    ck_assert_int_eq(field_int(plugin_entry(s, "g"), "out"), 50); /* not 150 */
    json_decref(s);
    proc_free(&p);
    /* an older snapshot never overrides a newer state file */
    write_text(store, "{\"@v\": {\"g\": 1}, \"g\": {\"next\": \"3\"}}");
    ck_assert_int_eq(run(&e, &p), 0);
    s = summary_of(&p);
    ck_assert_int_eq(field_int(plugin_entry(s, "g"), "out"), 0);
    json_decref(s);
    proc_free(&p);
    ck_assert_int_eq(gen_bookmark(&e, "snap", "g"), 150);
    free(state);
    free(store);
    env_free(&e);
}
END_TEST

/* A sink that records runs gets the run's summary in destroy(). */
START_TEST(sinks_can_record_runs)
{
    env e;
    env_init(&e, "{}");
    char *runs = in_dir(&e, "runs.jsonl");
    char text[2048];
    snprintf(text, sizeof text,
             "{\"name\": \"runs\",\n"
             " \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\", \"count\": 20, \"bad_at\": 3}],\n"
             " \"sinks\": [{\"id\": \"s\", \"plugin\": \"failsink\", \"input\": [\"g\"], \"runs\": \"%s\"}]}\n",
             runs);
    write_text(e.pipeline, text);
    proc p;
    ck_assert_int_eq(run(&e, &p), 1);
    proc_free(&p);
    json_t *row = json_load_file(runs, 0, NULL);
    ck_assert_ptr_nonnull(row);
    ck_assert_str_eq(json_string_value(json_object_get(row, "outcome")), "partial");
    ck_assert_int_eq(field_int(row, "exit_code"), 1);
    ck_assert_int_eq(field_int(plugin_entry(row, "s"), "in"), 19);
    json_decref(row);
    free(runs);
    env_free(&e);
}
END_TEST

START_TEST(create_failure)
{
    env e;
    env_init(&e, "{\"name\": \"cr\",\n"
                 " \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\", \"count\": 10}],\n"
                 " \"sinks\": [{\"id\": \"ok\", \"plugin\": \"csv\", \"input\": [\"g\"]},\n"
                 "           {\"id\": \"bad\", \"plugin\": \"failsink\", \"input\": [\"g\"], \"fail_create\": true}]}\n");
    proc p;
    ck_assert_int_eq(run(&e, &p), 3);
    ck_assert(contains(p.err, "bad: failed to start (failsink): failsink: told to fail in create()"));
    json_t *s = summary_of(&p);
    ck_assert_str_eq(json_string_value(json_object_get(s, "outcome")), "failed");
    json_decref(s);
    char *csv = in_dir(&e, "out/facts.csv");
    ck_assert(!file_exists(csv)); /* nothing ran */
    free(csv);
    proc_free(&p);
    env_free(&e);
}
END_TEST

START_TEST(bad_pipeline_and_usage)
{
    env e;
    env_init(&e, "{not json");
    proc p;
    ck_assert_int_eq(run(&e, &p), 2);
    ck_assert(contains(p.err, "invalid JSON"));
    proc_free(&p);
    const char *args[] = {"run", NULL};
    ck_assert_int_eq(assay_run(&p, e.dir, args, 30), 2);
    proc_free(&p);
    const char *bogus[] = {"frobnicate", NULL};
    ck_assert_int_eq(assay_run(&p, e.dir, bogus, 30), 2);
    ck_assert(contains(p.err, "unknown command"));
    proc_free(&p);
    const char *help[] = {"--help", NULL};
    ck_assert_int_eq(assay_run(&p, e.dir, help, 30), 0);
    ck_assert(contains(p.out, "exit codes"));
    proc_free(&p);
    write_text(e.pipeline, GEN_TO_CSV("x", "", ", \"mode\": \"sideways\""));
    ck_assert_int_eq(run(&e, &p), 3); /* csv's create() refuses the mode */
    ck_assert(contains(p.err, "mode must be"));
    proc_free(&p);
    env_free(&e);
}
END_TEST

START_TEST(lock_stops_a_second_run)
{
    env e;
    env_init(&e, GEN_TO_CSV("locked", ", \"count\": 100000, \"sleep_us\": 100", ""));
    proc first, second;
    const char *args[] = {"run", e.pipeline, NULL};
    assay_start(&first, e.dir, args);
    char *lock = in_dir(&e, "state/locked/lock");
    for (int i = 0; i < 500 && !file_exists(lock); i++)
        sleep_ms(10);
    sleep_ms(100);
    ck_assert_int_eq(assay_run(&second, e.dir, args, 30), 5);
    char pid[32];
    snprintf(pid, sizeof pid, "process %d", (int)first.pid);
    ck_assert_msg(contains(second.err, "already running") && contains(second.err, pid),
                  "stderr: %s", second.err);
    json_t *s = summary_of(&second);
    ck_assert_str_eq(json_string_value(json_object_get(s, "outcome")), "already_running");
    json_decref(s);
    kill(first.pid, SIGTERM);
    ck_assert_int_eq(proc_wait(&first, 60), 143);
    proc_free(&first);
    proc_free(&second);
    free(lock);
    env_free(&e);
}
END_TEST

/* SIGTERM or SIGINT: the sources stop, the queues drain, the sinks commit,
 * state is saved: what is on disk is whole and agrees with the state. */
static void stop_with(int sig, int expect_code)
{
    env e;
    env_init(&e, GEN_TO_CSV("stop", ", \"count\": 1000000, \"every\": 100, \"sleep_us\": 50",
                            ", \"batch_size\": 500"));
    proc p;
    const char *args[] = {"run", e.pipeline, NULL};
    assay_start(&p, e.dir, args);
    sleep_ms(700);
    kill(p.pid, sig);
    ck_assert_int_eq(proc_wait(&p, 60), expect_code);
    json_t *s = summary_of(&p);
    ck_assert_str_eq(json_string_value(json_object_get(s, "outcome")), "interrupted");
    long long written = field_int(plugin_entry(s, "out"), "in");
    json_decref(s);
    ck_assert_int_gt(written, 0);
    ck_assert_int_lt(written, 1000000);
    char *csv = in_dir(&e, "out/facts.csv");
    ck_assert_int_eq(python_csv_rows(csv), written);
    /* the bookmark covers exactly what was written: the next run goes on
     * from there, losing and repeating nothing */
    ck_assert_int_eq(gen_bookmark(&e, "stop", "g"), written);
    free(csv);
    proc_free(&p);
    env_free(&e);
}

START_TEST(sigterm_drains_and_commits)
{
    stop_with(SIGTERM, 143);
}
END_TEST

START_TEST(sigint_drains_and_commits)
{
    stop_with(SIGINT, 130);
}
END_TEST

/* kill -9 at any moment: replace mode leaves the old file or none, never a
 * partial one; the next run cleans up and finishes. */
START_TEST(sigkill_leaves_no_partial_file)
{
    env e;
    env_init(&e, GEN_TO_CSV("kill", ", \"count\": 200000, \"every\": 100, \"sleep_us\": 10",
                            ", \"batch_size\": 100"));
    char *csv = in_dir(&e, "out/facts.csv");
    const char *args[] = {"run", e.pipeline, NULL};
    for (int round = 0; round < 3; round++) {
        proc p;
        assay_start(&p, e.dir, args);
        sleep_ms(300 + 150 * round);
        kill(p.pid, SIGKILL);
        ck_assert_int_eq(proc_wait(&p, 30), 128 + SIGKILL);
        proc_free(&p);
        if (file_exists(csv))
            ck_assert_int_ge(python_csv_rows(csv), 0); /* parses: whole */
    }
    /* a final run completes the work; stale temporaries are gone */
    write_text(e.pipeline, GEN_TO_CSV("kill", ", \"count\": 200000, \"every\": 100", ", \"batch_size\": 1000"));
    proc p;
    ck_assert_int_eq(run(&e, &p), 0);
    proc_free(&p);
    ck_assert_int_eq(gen_bookmark(&e, "kill", "g"), 200000);
    char *outdir = in_dir(&e, "out");
    const char *ls[] = {"/bin/ls", "-A", outdir, NULL};
    ck_assert_int_eq(proc_run(&p, NULL, ls, NULL, 10), 0);
    ck_assert_str_eq(p.out, "facts.csv\n");
    proc_free(&p);
    free(outdir);
    free(csv);
    env_free(&e);
}
END_TEST

/* kill -9 in append mode: the file only ever holds whole batches, and no
 * record the state says was done is missing. */
START_TEST(sigkill_in_append_mode)
{
    env e;
    env_init(&e, GEN_TO_CSV("killa", ", \"count\": 100000, \"every\": 50, \"sleep_us\": 20",
                            ", \"batch_size\": 50, \"mode\": \"append\""));
    char *csv = in_dir(&e, "out/facts.csv");
    const char *args[] = {"run", e.pipeline, NULL};
    for (int round = 0; round < 4; round++) {
        proc p;
        assay_start(&p, e.dir, args);
        sleep_ms(250 + 100 * round);
        kill(p.pid, SIGKILL);
        proc_wait(&p, 30);
        proc_free(&p);
        /* the next run cuts any unfinished append before it writes */
        write_text(e.pipeline, GEN_TO_CSV("killa", ", \"count\": 0", ", \"mode\": \"append\""));
        ck_assert_int_eq(run(&e, &p), 0);
        proc_free(&p);
        write_text(e.pipeline, GEN_TO_CSV("killa", ", \"count\": 100000, \"every\": 50, \"sleep_us\": 20",
                                          ", \"batch_size\": 50, \"mode\": \"append\""));
        long rows = python_csv_rows(csv);
        long long done = gen_bookmark(&e, "killa", "g");
        if (done > 0)
            ck_assert_int_ge(rows, done); /* nothing the state covers was lost */
    }
    free(csv);
    env_free(&e);
}
END_TEST

/* Two paths from one source to one sink: state waits for both. */
START_TEST(diamond_graph)
{
    env e;
    env_init(&e, "{\"name\": \"dia\",\n"
                 " \"sources\": [{\"id\": \"g\", \"plugin\": \"gen\", \"count\": 3000, \"every\": 7}],\n"
                 " \"transforms\": [{\"id\": \"a\", \"plugin\": \"reject\", \"input\": [\"g\"]},\n"
                 "                {\"id\": \"b\", \"plugin\": \"reject\", \"input\": [\"g\"]}],\n"
                 " \"sinks\": [{\"id\": \"out\", \"plugin\": \"csv\", \"input\": [\"a.facts\", \"b.facts\"], \"batch_size\": 64}]}\n");
    proc p;
    ck_assert_int_eq(run(&e, &p), 0);
    json_t *s = summary_of(&p);
    ck_assert_int_eq(field_int(plugin_entry(s, "out"), "in"), 6000);
    json_decref(s);
    ck_assert_int_eq(gen_bookmark(&e, "dia", "g"), 3000);
    char *csv = in_dir(&e, "out/facts.csv");
    ck_assert_int_eq(python_csv_rows(csv), 6000);
    free(csv);
    proc_free(&p);
    env_free(&e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("run");
    TCase *tc = tcase_create("runner");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, run_ok_and_summary);
    tcase_add_test(tc, state_makes_runs_incremental);
    tcase_add_test(tc, schema_violation_is_dead_lettered);
    tcase_add_test(tc, rejected_records_go_on);
    tcase_add_test(tc, on_error_fail_stops_the_run);
    tcase_add_test(tc, failures_while_running);
    tcase_add_test(tc, sink_commit_failure);
    tcase_add_test(tc, state_restored_from_a_sink);
    tcase_add_test(tc, sinks_can_record_runs);
    tcase_add_test(tc, create_failure);
    tcase_add_test(tc, bad_pipeline_and_usage);
    tcase_add_test(tc, lock_stops_a_second_run);
    tcase_add_test(tc, sigterm_drains_and_commits);
    tcase_add_test(tc, sigint_drains_and_commits);
    tcase_add_test(tc, sigkill_leaves_no_partial_file);
    tcase_add_test(tc, sigkill_in_append_mode);
    tcase_add_test(tc, diamond_graph);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
