/*
 * runner.c - executing a pipeline graph.
 *
 * Every instance runs in a thread of its own. Sources call run(); each
 * transform and sink has one bounded input queue, fed by everything it
 * reads. A queue carries records, end-of-stream items (one from each
 * producer) and state markers.
 *
 * State and markers. When an instance calls state_put(), the new value is
 * held back and the instance's state version goes up. Before the next
 * record it emits (or at its end) a marker (instance, version) is sent to
 * every instance downstream; transforms forward markers in order with the
 * records around them. A sink that has received a marker by every path
 * from its origin acknowledges it once its next commit is durable. A value
 * is written to state.json when every sink reachable from its instance has
 * acknowledged its version: state never runs ahead of the sinks. After any
 * fatal error state stops advancing altogether, so that a record a failed
 * plugin dropped is fetched again next run.
 *
 * Stopping. SIGINT or SIGTERM sets the stop flag: sources see it through
 * should_stop() and emit(), return, and send end-of-stream; everything in
 * the queues is processed, the sinks commit, state is saved, and the run
 * exits 130 or 143. A second signal exits at once: commits are atomic, so
 * what is on disk is still whole.
 */
#include "runner.h"

#include "ctx.h"
#include "deadletter.h"
#include "log.h"
#include "mem.h"
#include "queue.h"
#include "record.h"
#include "state.h"
#include "summary.h"
#include "timefmt.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_QUEUE_CAPACITY 1024
#define POP_MAX 256

typedef struct pending_put {
    uint64_t version;
    char *key;
    char *value; /* NULL: delete */
} pending_put;

typedef struct marker_ref {
    int origin;
    uint64_t version;
    int copies; /* received so far, by distinct paths */
} marker_ref;

typedef struct runner runner;

typedef struct node {
    runner *run;
    pl_entry *e;
    assay_ctx *ctx;
    void *self;
    int idx;
    int created;
    queue q; /* transforms and sinks */
    struct node **down; /* distinct instances reading from this one */
    size_t ndown;
    size_t nup; /* distinct instances it reads from: EOS items to expect */
    pthread_t thread;
    int started;

    int64_t in, out, dead;
    double busy;
    int failed; /* a fatal error in this instance */

    /* state (the pending list and acks are guarded by run->state_mu) */
    json_t *working; /* this instance's values: committed plus puts */
    uint64_t version;
    uint64_t marker_due; /* a version whose marker is still to be sent */
    pending_put *pending;
    size_t npending;
    int *reach; /* sinks reachable from here, by node index */
    uint64_t *acked;
    size_t nreach;
    uint64_t durable;

    /* sinks: markers by origin */
    marker_ref *partial; /* received by some but not all paths */
    size_t npartial;
    marker_ref *received; /* complete, waiting for a durable commit */
    size_t nreceived;
} node;

typedef struct route {
    node **consumers;
    size_t n;
} route;

struct runner {
    pipeline *p;
    node *nodes;
    size_t n;
    int **paths; /* paths[x][y]: number of paths from x to y */
    route *routes;
    size_t nroutes;
    state_store state;
    pthread_mutex_t state_mu;
    int state_error;
    deadletter dl;
    atomic_int stop;
    atomic_int signal;
    atomic_int failed;        /* fatal error: state no longer advances */
    atomic_int commit_failed; /* a sink could not commit */
    atomic_int running;       /* the signal thread's lifetime */
    char *first_error;
    pthread_mutex_t error_mu;
    size_t queue_cap;
    summary *summary; /* set once the run is over, before destroy() */
};

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Records a fatal error: the run fails, sources stop, state freezes. */
static void fatal(runner *run, node *nd, int commit, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fatal(runner *run, node *nd, int commit, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf b;
    buf_init(&b);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    log_msg(ASSAY_LOG_ERROR, nd ? nd->e->id : NULL, "%s", b.data);
    pthread_mutex_lock(&run->error_mu);
    if (!run->first_error)
        run->first_error = nd ? xasprintf("%s: %s", nd->e->id, b.data) : xstrdup(b.data);
    pthread_mutex_unlock(&run->error_mu);
    buf_free(&b);
    if (nd)
        nd->failed = 1;
    atomic_store(&run->failed, 1);
    if (commit)
        atomic_store(&run->commit_failed, 1);
    atomic_store(&run->stop, 1);
}

/* ------------------------------------------------------------------------
 * State: puts, markers, acknowledgements
 * --------------------------------------------------------------------- */

/* Writes what has become durable. Called with state_mu held. */
static void save_state_locked(runner *run)
{
    char err[512];
    if (atomic_load(&run->failed) || !run->state.dirty)
        return;
    /* Dead letters first: state must never cover a record whose dead-letter
     * entry is not on disk. */
    if (deadletter_sync(&run->dl) != 0 || state_save(&run->state, err, sizeof err) != 0) {
        if (!run->state_error)
            log_error("state: %s", run->dl.failed ? "dead-letter file not synced" : err);
        run->state_error = 1;
    }
}

/* Moves nd's held-back values up to version into the store (saved by
 * the caller, once for all it applies). */
static void apply_durable_locked(runner *run, node *nd, uint64_t version)
{
    if (atomic_load(&run->failed))
        return;
    size_t keep = 0;
    for (size_t i = 0; i < nd->npending; i++) {
        pending_put *pp = &nd->pending[i];
        if (pp->version <= version) {
            state_set(&run->state, nd->e->id, pp->key, pp->value);
            free(pp->key);
            free(pp->value);
        } else {
            nd->pending[keep++] = *pp;
        }
    }
    nd->npending = keep;
    state_set_version(&run->state, nd->e->id, (int64_t)version);
}

/* Sink s has made everything up to origin's version durable. Called with
 * state_mu held. */
static void acknowledge_locked(runner *run, node *s, int origin, uint64_t version)
{
    node *x = &run->nodes[origin];
    uint64_t least = UINT64_MAX;
    for (size_t i = 0; i < x->nreach; i++) {
        if (x->reach[i] == s->idx && x->acked[i] < version)
            x->acked[i] = version;
        if (x->acked[i] < least)
            least = x->acked[i];
    }
    if (least != UINT64_MAX && least > x->durable) {
        x->durable = least;
        apply_durable_locked(run, x, least);
    }
}

static void send_due_marker(node *nd)
{
    if (!nd->marker_due)
        return;
    qitem it = {Q_MARKER, nd->idx, nd->marker_due, NULL};
    for (size_t i = 0; i < nd->ndown; i++)
        queue_push(&nd->down[i]->q, it);
    nd->marker_due = 0;
}

static void add_marker(marker_ref **list, size_t *n, int origin, uint64_t version, int copies)
{
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = (marker_ref){origin, version, copies};
}

/* A sink got a marker by one path; it counts once all paths brought it. */
static void sink_take_marker(runner *run, node *s, int origin, uint64_t version)
{
    int need = run->paths[origin][s->idx];
    if (need <= 1) {
        add_marker(&s->received, &s->nreceived, origin, version, 1);
        return;
    }
    for (size_t i = 0; i < s->npartial; i++) {
        marker_ref *m = &s->partial[i];
        if (m->origin == origin && m->version == version) {
            if (++m->copies == need) {
                add_marker(&s->received, &s->nreceived, origin, version, need);
                s->partial[i] = s->partial[--s->npartial];
            }
            return;
        }
    }
    add_marker(&s->partial, &s->npartial, origin, version, 1);
}

/* ------------------------------------------------------------------------
 * The operations plugins reach through their context
 * --------------------------------------------------------------------- */

static assay_rc op_dead_letter(assay_ctx *ctx, const assay_record *r, const char *what,
                               const char *reason)
{
    node *nd = ctx->ops_data;
    runner *run = nd->run;
    nd->dead++;
    if (deadletter_write(&run->dl, run->p->name, nd->e->id, nd->e->lp->desc->name, r, what,
                         reason) != 0) {
        fatal(run, nd, 0, "cannot write the dead-letter file %s: stopping so nothing is lost",
              run->dl.path);
        return ASSAY_ERR_IO;
    }
    log_msg(ASSAY_LOG_WARN, nd->e->id, "dead-lettered%s%s: %s", r ? " a record of " : "",
            r ? r->stream->name : "", reason);
    if (run->p->on_error_fail) {
        fatal(run, nd, 0, "on_error is \"fail\": stopping after a dead-lettered %s",
              r ? "record" : "input");
        return ASSAY_ERR_STOPPED;
    }
    return ASSAY_OK;
}

static assay_rc op_emit(assay_ctx *ctx, assay_record *r)
{
    node *nd = ctx->ops_data;
    runner *run = nd->run;
    if (record_check_required(r) != ASSAY_OK) {
        char reason[1100];
        snprintf(reason, sizeof reason, "%s", ctx->errmsg);
        op_dead_letter(ctx, r, NULL, reason);
        record_free(r);
        ctx_fail(ctx, ASSAY_ERR_SCHEMA, "%s", reason);
        return ASSAY_ERR_SCHEMA;
    }
    send_due_marker(nd);
    route *rt = r->stream->route;
    nd->out++;
    if (!rt || rt->n == 0) {
        record_free(r);
    } else {
        record_ref(r, (int)rt->n - 1);
        qitem it = {Q_RECORD, nd->idx, 0, r};
        for (size_t i = 0; i < rt->n; i++)
            queue_push(&rt->consumers[i]->q, it);
    }
    return atomic_load(&run->stop) ? ASSAY_ERR_STOPPED : ASSAY_OK;
}

static char *op_state_get(assay_ctx *ctx, const char *key)
{
    node *nd = ctx->ops_data;
    const char *v = json_string_value(json_object_get(nd->working, key));
    return v ? xstrdup(v) : NULL;
}

static assay_rc op_state_put(assay_ctx *ctx, const char *key, const char *value)
{
    node *nd = ctx->ops_data;
    runner *run = nd->run;
    if (value)
        json_object_set_new(nd->working, key, json_string(value));
    else
        json_object_del(nd->working, key);
    nd->version++;
    pthread_mutex_lock(&run->state_mu);
    nd->pending = xrealloc(nd->pending, (nd->npending + 1) * sizeof *nd->pending);
    nd->pending[nd->npending++] =
        (pending_put){nd->version, xstrdup(key), value ? xstrdup(value) : NULL};
    if (nd->nreach == 0) { /* nothing downstream to wait for */
        nd->durable = nd->version;
        apply_durable_locked(run, nd, nd->version);
        save_state_locked(run);
    }
    pthread_mutex_unlock(&run->state_mu);
    if (nd->e->kind == ASSAY_SINK)
        add_marker(&nd->received, &nd->nreceived, nd->idx, nd->version, 1);
    else if (nd->nreach)
        nd->marker_due = nd->version;
    return ASSAY_OK;
}

static int op_should_stop(assay_ctx *ctx)
{
    node *nd = ctx->ops_data;
    return atomic_load(&nd->run->stop);
}

/* The state as it will be once this sink's commit is durable: every held
 * back value whose marker this sink now acknowledges, for an instance
 * whose other sinks have all acknowledged it already. */
static char *op_state_snapshot(assay_ctx *ctx)
{
    node *s = ctx->ops_data;
    runner *run = s->run;
    if (s->e->kind != ASSAY_SINK || atomic_load(&run->failed))
        return NULL;
    pthread_mutex_lock(&run->state_mu);
    json_t *data = NULL, *versions = NULL;
    for (size_t x = 0; x < run->n; x++) {
        node *o = &run->nodes[x];
        uint64_t mine = 0;
        for (size_t k = 0; k < s->nreceived; k++)
            if (s->received[k].origin == o->idx && s->received[k].version > mine)
                mine = s->received[k].version;
        if (!mine)
            continue;
        uint64_t least = UINT64_MAX;
        for (size_t i = 0; i < o->nreach; i++) {
            uint64_t a = o->reach[i] == s->idx && o->acked[i] < mine ? mine : o->acked[i];
            if (a < least)
                least = a;
        }
        if (least == UINT64_MAX || least <= o->durable)
            continue;
        if (!data) {
            data = json_deep_copy(run->state.data);
            versions = json_deep_copy(run->state.versions);
        }
        json_object_set_new(versions, o->e->id, json_integer((json_int_t)least));
        for (size_t i = 0; i < o->npending; i++) {
            pending_put *pp = &o->pending[i];
            if (pp->version > least)
                continue;
            json_t *mine_obj = json_object_get(data, o->e->id);
            if (!mine_obj) {
                mine_obj = json_object();
                json_object_set_new(data, o->e->id, mine_obj);
            }
            if (pp->value)
                json_object_set_new(mine_obj, pp->key, json_string(pp->value));
            else
                json_object_del(mine_obj, pp->key);
        }
    }
    char *text = data ? state_snapshot_text(data, versions) : NULL;
    pthread_mutex_unlock(&run->state_mu);
    json_decref(data);
    json_decref(versions);
    return text;
}

static char *op_run_summary(assay_ctx *ctx)
{
    node *nd = ctx->ops_data;
    summary *sum = nd->run->summary;
    if (!sum || !sum->line.len)
        return NULL;
    return xstrndup(sum->line.data, sum->line.len - 1); /* without the newline */
}

static const ctx_ops runner_ops = {op_emit,        op_dead_letter,    op_state_get, op_state_put,
                                   op_should_stop, op_state_snapshot, op_run_summary};

/* ------------------------------------------------------------------------
 * Threads
 * --------------------------------------------------------------------- */

static void send_eos(node *nd)
{
    send_due_marker(nd);
    qitem it = {Q_EOS, nd->idx, 0, NULL};
    for (size_t i = 0; i < nd->ndown; i++)
        queue_push(&nd->down[i]->q, it);
}

static void *source_thread(void *arg)
{
    node *nd = arg;
    const assay_plugin *d = nd->e->lp->desc;
    ctx_clear_error(nd->ctx);
    double t0 = mono_now();
    assay_rc rc = d->run(nd->self, nd->ctx);
    nd->busy += mono_now() - t0;
    if (rc != ASSAY_OK && !(rc == ASSAY_ERR_STOPPED && atomic_load(&nd->run->stop)))
        fatal(nd->run, nd, 0, "source failed: %s", ctx_error(nd->ctx, rc));
    send_eos(nd);
    return NULL;
}

static void *transform_thread(void *arg)
{
    node *nd = arg;
    runner *run = nd->run;
    const assay_plugin *d = nd->e->lp->desc;
    qitem items[POP_MAX];
    size_t eos = 0;
    while (eos < nd->nup) {
        size_t n = queue_pop(&nd->q, items, POP_MAX, -1);
        for (size_t i = 0; i < n; i++) {
            qitem *it = &items[i];
            if (it->kind == Q_EOS) {
                eos++;
            } else if (it->kind == Q_MARKER) {
                send_due_marker(nd);
                for (size_t k = 0; k < nd->ndown; k++)
                    queue_push(&nd->down[k]->q, *it);
            } else {
                nd->in++;
                if (!nd->failed) {
                    const assay_record *rec = it->rec;
                    ctx_clear_error(nd->ctx);
                    double t0 = mono_now();
                    assay_rc rc = d->process(nd->self, nd->ctx, &rec, 1);
                    nd->busy += mono_now() - t0;
                    if (rc == ASSAY_ERR_REJECT)
                        op_dead_letter(nd->ctx, it->rec, NULL, ctx_error(nd->ctx, rc));
                    else if (rc != ASSAY_OK && rc != ASSAY_ERR_STOPPED)
                        fatal(run, nd, 0, "transform failed: %s", ctx_error(nd->ctx, rc));
                }
                record_unref(it->rec);
            }
        }
    }
    if (d->commit && !nd->failed) {
        ctx_clear_error(nd->ctx);
        assay_rc rc = d->commit(nd->self, nd->ctx, 1);
        if (rc != ASSAY_OK && rc != ASSAY_PENDING)
            fatal(run, nd, 0, "transform failed to flush: %s", ctx_error(nd->ctx, rc));
    }
    send_eos(nd);
    return NULL;
}

/* Hands a sink its batch and commits it; acknowledges markers when the
 * commit is durable. */
static void sink_commit(node *nd, const assay_record **batch, size_t *n, int final)
{
    runner *run = nd->run;
    const assay_plugin *d = nd->e->lp->desc;
    if (nd->failed) {
        for (size_t i = 0; i < *n; i++)
            record_unref((assay_record *)batch[i]);
        *n = 0;
        return;
    }
    assay_rc rc = ASSAY_OK;
    double t0 = mono_now();
    if (*n) {
        ctx_clear_error(nd->ctx);
        rc = d->process(nd->self, nd->ctx, batch, *n);
        for (size_t i = 0; i < *n; i++)
            record_unref((assay_record *)batch[i]);
        *n = 0;
        if (rc != ASSAY_OK) {
            nd->busy += mono_now() - t0;
            fatal(run, nd, 1, "sink failed to write a batch: %s", ctx_error(nd->ctx, rc));
            return;
        }
    }
    ctx_clear_error(nd->ctx);
    rc = d->commit(nd->self, nd->ctx, final);
    nd->busy += mono_now() - t0;
    if (rc == ASSAY_PENDING)
        return; /* markers wait for a durable commit */
    if (rc != ASSAY_OK) {
        fatal(run, nd, 1, "sink failed to commit: %s", ctx_error(nd->ctx, rc));
        return;
    }
    /* every marker this commit covers, then one save: a state file written
     * half-way through them would claim less than the sink's snapshot */
    pthread_mutex_lock(&run->state_mu);
    for (size_t i = 0; i < nd->nreceived; i++)
        acknowledge_locked(run, nd, nd->received[i].origin, nd->received[i].version);
    save_state_locked(run);
    pthread_mutex_unlock(&run->state_mu);
    nd->nreceived = 0;
}

static void *sink_thread(void *arg)
{
    node *nd = arg;
    size_t cap = (size_t)nd->e->batch_size;
    const assay_record **batch = xcalloc(cap, sizeof *batch);
    size_t n = 0, eos = 0;
    int64_t flush_ms = (int64_t)(nd->e->flush_seconds * 1000);
    double due = 0; /* when the open batch must be committed; 0: none open */
    qitem items[POP_MAX];
    while (eos < nd->nup) {
        int64_t wait = -1;
        if (due > 0) {
            wait = (int64_t)((due - mono_now()) * 1000);
            if (wait < 0)
                wait = 0;
        }
        size_t got = queue_pop(&nd->q, items, POP_MAX, wait);
        if (got == 0) {
            sink_commit(nd, batch, &n, 0);
            due = 0;
            continue;
        }
        for (size_t i = 0; i < got; i++) {
            qitem *it = &items[i];
            if (it->kind == Q_EOS) {
                eos++;
                continue;
            }
            if (due == 0)
                due = mono_now() + (double)flush_ms / 1000.0;
            if (it->kind == Q_MARKER) {
                sink_take_marker(nd->run, nd, it->origin, it->version);
                continue;
            }
            nd->in++;
            batch[n++] = it->rec;
            if (n == cap) {
                /* markers right behind the batch's last record are covered
                 * by this commit: take them in, so state does not lag it */
                while (i + 1 < got && items[i + 1].kind == Q_MARKER) {
                    i++;
                    sink_take_marker(nd->run, nd, items[i].origin, items[i].version);
                }
                sink_commit(nd, batch, &n, 0);
                due = 0;
            }
        }
    }
    sink_commit(nd, batch, &n, 1);
    free(batch);
    return NULL;
}

/* ------------------------------------------------------------------------
 * Signals
 * --------------------------------------------------------------------- */

static void *signal_thread(void *arg)
{
    runner *run = arg;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGUSR1); /* the run is over: sent by run_pipeline */
    while (atomic_load(&run->running)) {
        int sig = sigwaitinfo(&set, NULL);
        if (sig < 0 || sig == SIGUSR1)
            continue;
        if (atomic_load(&run->signal)) {
            log_warn("second %s: exiting now; committed output and state are intact",
                     sig == SIGINT ? "SIGINT" : "SIGTERM");
            _exit(sig == SIGINT ? EXIT_SIGINT : EXIT_SIGTERM);
        }
        atomic_store(&run->signal, sig);
        atomic_store(&run->stop, 1);
        log_warn("%s: stopping the sources, then draining and committing (signal again to "
                 "exit at once)",
                 sig == SIGINT ? "SIGINT" : "SIGTERM");
    }
    return NULL;
}

/* ------------------------------------------------------------------------
 * Building the graph
 * --------------------------------------------------------------------- */

static void add_down(node *from, node *to)
{
    for (size_t i = 0; i < from->ndown; i++)
        if (from->down[i] == to)
            return;
    from->down = xrealloc(from->down, (from->ndown + 1) * sizeof *from->down);
    from->down[from->ndown++] = to;
    to->nup++;
}

static int count_paths(runner *run, int x, int y, int *memo)
{
    if (x == y)
        return 1;
    if (memo[x] >= 0)
        return memo[x];
    int total = 0;
    for (size_t i = 0; i < run->nodes[x].ndown; i++)
        total += count_paths(run, run->nodes[x].down[i]->idx, y, memo);
    memo[x] = total;
    return total;
}

static void build_graph(runner *run)
{
    pipeline *p = run->p;
    run->n = p->nentries;
    run->nodes = xcalloc(run->n, sizeof *run->nodes);
    for (size_t i = 0; i < run->n; i++) {
        node *nd = &run->nodes[i];
        nd->run = run;
        nd->e = &p->entries[i];
        nd->ctx = nd->e->ctx;
        nd->idx = (int)i;
        nd->ctx->ops = &runner_ops;
        nd->ctx->ops_data = nd;
        if (nd->e->kind != ASSAY_SOURCE)
            queue_init(&nd->q, run->queue_cap);
    }
    /* Routes: for each output stream, the instances that read it. */
    for (size_t i = 0; i < run->n; i++) {
        node *prod = &run->nodes[i];
        for (size_t s = 0; s < prod->ctx->noutputs; s++) {
            assay_stream *st = prod->ctx->outputs[s];
            route *rt = xcalloc(1, sizeof *rt);
            for (size_t j = 0; j < run->n; j++) {
                node *cons = &run->nodes[j];
                for (size_t k = 0; k < cons->ctx->ninputs; k++)
                    if (cons->ctx->inputs[k] == st) {
                        rt->consumers = xrealloc(rt->consumers, (rt->n + 1) * sizeof *rt->consumers);
                        rt->consumers[rt->n++] = cons;
                        add_down(prod, cons);
                    }
            }
            st->route = rt;
        }
    }
    /* Paths between every pair, and the sinks each instance reaches. */
    run->paths = xcalloc(run->n, sizeof *run->paths);
    int *memo = xcalloc(run->n, sizeof *memo);
    for (size_t x = 0; x < run->n; x++) {
        run->paths[x] = xcalloc(run->n, sizeof **run->paths);
        for (size_t y = 0; y < run->n; y++) {
            for (size_t k = 0; k < run->n; k++)
                memo[k] = -1;
            run->paths[x][y] = count_paths(run, (int)x, (int)y, memo);
        }
    }
    free(memo);
    for (size_t x = 0; x < run->n; x++) {
        node *nd = &run->nodes[x];
        for (size_t y = 0; y < run->n; y++)
            if (run->nodes[y].e->kind == ASSAY_SINK && run->paths[x][y] > 0 && x != y) {
                nd->reach = xrealloc(nd->reach, (nd->nreach + 1) * sizeof *nd->reach);
                nd->acked = xrealloc(nd->acked, (nd->nreach + 1) * sizeof *nd->acked);
                nd->reach[nd->nreach] = (int)y;
                nd->acked[nd->nreach] = 0;
                nd->nreach++;
            }
        if (nd->e->kind == ASSAY_SINK) {
            /* a sink's own puts are acknowledged by its own commits */
            nd->reach = xrealloc(nd->reach, (nd->nreach + 1) * sizeof *nd->reach);
            nd->acked = xrealloc(nd->acked, (nd->nreach + 1) * sizeof *nd->acked);
            nd->reach[nd->nreach] = (int)x;
            nd->acked[nd->nreach] = 0;
            nd->nreach++;
        }
    }
}

static void free_graph(runner *run)
{
    for (size_t i = 0; i < run->n; i++) {
        node *nd = &run->nodes[i];
        for (size_t s = 0; s < nd->ctx->noutputs; s++) {
            route *rt = nd->ctx->outputs[s]->route;
            if (rt) {
                free(rt->consumers);
                free(rt);
                nd->ctx->outputs[s]->route = NULL;
            }
        }
        if (nd->e->kind != ASSAY_SOURCE)
            queue_destroy(&nd->q);
        for (size_t k = 0; k < nd->npending; k++) {
            free(nd->pending[k].key);
            free(nd->pending[k].value);
        }
        free(nd->pending);
        free(nd->down);
        free(nd->reach);
        free(nd->acked);
        free(nd->partial);
        free(nd->received);
        json_decref(nd->working);
        nd->ctx->ops = NULL;
        nd->ctx->ops_data = NULL;
        free(run->paths[i]);
    }
    free(run->paths);
    free(run->nodes);
}

/* ------------------------------------------------------------------------
 * The run
 * --------------------------------------------------------------------- */

/* Sinks that keep state snapshots with their data (restore_state) may
 * hold a newer state than the state file: a run that died between a
 * sink's commit and the file's rename. The newest wins. */
static void restore_from_sinks(runner *run)
{
    for (size_t i = 0; i < run->n; i++) {
        node *nd = &run->nodes[i];
        const assay_plugin *d = nd->e->lp->desc;
        if (nd->e->kind != ASSAY_SINK || !d->restore_state)
            continue;
        char *snap = NULL;
        ctx_clear_error(nd->ctx);
        assay_rc rc = d->restore_state(nd->self, nd->ctx, &snap);
        if (rc != ASSAY_OK) {
            log_msg(ASSAY_LOG_WARN, nd->e->id, "cannot read its stored state: %s",
                    ctx_error(nd->ctx, rc));
        } else if (snap) {
            char err[512];
            int adopted = state_adopt(&run->state, snap, err, sizeof err);
            if (adopted < 0)
                log_msg(ASSAY_LOG_WARN, nd->e->id, "%s", err);
            else if (adopted)
                log_msg(ASSAY_LOG_INFO, nd->e->id,
                        "state restored from what this sink stored, for %d instance%s: the last "
                        "run ended between its commit and the state file",
                        adopted, adopted == 1 ? "" : "s");
        }
        free(snap);
    }
    pthread_mutex_lock(&run->state_mu);
    save_state_locked(run);
    pthread_mutex_unlock(&run->state_mu);
}

int run_pipeline(pipeline *p, const run_options *o)
{
    runner run;
    memset(&run, 0, sizeof run);
    run.p = p;
    run.queue_cap = o->queue_capacity ? o->queue_capacity : DEFAULT_QUEUE_CAPACITY;
    pthread_mutex_init(&run.state_mu, NULL);
    pthread_mutex_init(&run.error_mu, NULL);
    summary sum;
    summary_init(&sum, p->name);

    char *state_dir = o->state_dir ? xstrdup(o->state_dir) : xasprintf("state/%s", p->name);
    char *dl_path = o->dead_letter ? xstrdup(o->dead_letter)
                    : p->dead_letter ? xstrdup(p->dead_letter)
                                     : xasprintf("%s/dead-letter.jsonl", state_dir);
    int code = EXIT_OK;
    char err[1024];
    state_open_rc src = state_open(&run.state, state_dir, err, sizeof err);
    if (src != STATE_OPEN_OK) {
        log_error("%s", err);
        code = src == STATE_OPEN_LOCKED ? EXIT_LOCKED : EXIT_FAILED;
        summary_finish(&sum, code == EXIT_LOCKED ? "already_running" : "failed", code,
                       err, state_dir, NULL, 0);
        summary_emit(&sum, o->summary_path);
        summary_free(&sum);
        free(state_dir);
        free(dl_path);
        return code;
    }
    deadletter_init(&run.dl, dl_path);
    build_graph(&run);

    /* Create every instance before any record moves: sinks first, so a
     * warehouse that cannot be reached stops the run before sources fetch. */
    int start_failed = 0;
    for (int pass = 0; pass < 3 && !start_failed; pass++) {
        assay_kind kind = pass == 0 ? ASSAY_SINK : pass == 1 ? ASSAY_TRANSFORM : ASSAY_SOURCE;
        for (size_t i = 0; i < run.n && !start_failed; i++) {
            node *nd = &run.nodes[i];
            if (nd->e->kind != kind)
                continue;
            const assay_plugin *d = nd->e->lp->desc;
            if (!d->create) {
                nd->created = 1;
                continue;
            }
            ctx_clear_error(nd->ctx);
            double t0 = mono_now();
            assay_rc rc = d->create(host_table(), nd->ctx, &nd->self);
            nd->busy += mono_now() - t0;
            if (rc != ASSAY_OK) {
                fatal(&run, nd, 0, "failed to start (%s): %s", d->name, ctx_error(nd->ctx, rc));
                start_failed = 1;
                if (nd->self && d->destroy)
                    d->destroy(nd->self); /* what create() set up before failing */
                nd->self = NULL;
            } else {
                nd->created = 1;
            }
        }
    }

    if (!start_failed)
        restore_from_sinks(&run);
    for (size_t i = 0; i < run.n; i++) {
        node *nd = &run.nodes[i];
        json_t *mine = json_object_get(run.state.data, nd->e->id);
        nd->working = mine ? json_deep_copy(mine) : json_object();
        /* versions go on from where earlier runs left them */
        nd->version = nd->durable = (uint64_t)state_version(&run.state, nd->e->id);
        for (size_t k = 0; k < nd->nreach; k++)
            nd->acked[k] = nd->durable;
    }

    if (!start_failed) {
        sigset_t set, old;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        sigaddset(&set, SIGUSR1);
        pthread_sigmask(SIG_BLOCK, &set, &old);
        atomic_store(&run.running, 1);
        pthread_t sigthread;
        int have_sigthread = pthread_create(&sigthread, NULL, signal_thread, &run) == 0;
        for (int pass = 0; pass < 3; pass++) {
            assay_kind kind = pass == 0 ? ASSAY_SINK : pass == 1 ? ASSAY_TRANSFORM : ASSAY_SOURCE;
            for (size_t i = 0; i < run.n; i++) {
                node *nd = &run.nodes[i];
                if (nd->e->kind != kind)
                    continue;
                void *(*fn)(void *) = kind == ASSAY_SOURCE      ? source_thread
                                      : kind == ASSAY_TRANSFORM ? transform_thread
                                                                : sink_thread;
                if (pthread_create(&nd->thread, NULL, fn, nd) != 0) {
                    fatal(&run, nd, 0, "cannot start a thread: %s", strerror(errno));
                    /* run it here instead: the graph must still drain */
                    fn(nd);
                } else {
                    nd->started = 1;
                }
            }
        }
        for (size_t i = 0; i < run.n; i++)
            if (run.nodes[i].started)
                pthread_join(run.nodes[i].thread, NULL);
        atomic_store(&run.running, 0);
        if (have_sigthread) {
            pthread_kill(sigthread, SIGUSR1);
            pthread_join(sigthread, NULL);
        }
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    }

    pthread_mutex_lock(&run.state_mu);
    save_state_locked(&run);
    pthread_mutex_unlock(&run.state_mu);
    deadletter_sync(&run.dl);

    int sig = atomic_load(&run.signal);
    const char *outcome;
    if (start_failed)
        code = EXIT_START, outcome = "failed";
    else if (sig)
        code = sig == SIGINT ? EXIT_SIGINT : EXIT_SIGTERM, outcome = "interrupted";
    else if (atomic_load(&run.commit_failed))
        code = EXIT_COMMIT, outcome = "failed";
    else if (atomic_load(&run.failed) || run.state_error)
        code = EXIT_FAILED, outcome = "failed";
    else if (run.dl.count)
        code = EXIT_PARTIAL, outcome = "partial";
    else
        code = EXIT_OK, outcome = "ok";
    if (run.state_error && !run.first_error)
        run.first_error = xstrdup("state could not be saved");

    for (size_t i = 0; i < run.n; i++) {
        node *nd = &run.nodes[i];
        summary_plugin(&sum, nd->e->id, nd->e->lp->desc->name, nd->e->kind, nd->in, nd->out,
                       nd->dead, nd->busy, nd->ctx->counters, nd->ctx->ncounters,
                       nd->failed ? ctx_error(nd->ctx, nd->ctx->err) : NULL);
    }
    summary_finish(&sum, outcome, code, run.first_error, state_dir,
                   run.dl.count ? run.dl.path : NULL, run.dl.count);
    /* destroy() comes after the summary: a sink may record the run */
    run.summary = &sum;
    for (size_t i = 0; i < run.n; i++) {
        node *nd = &run.nodes[i];
        if (nd->created && nd->e->lp->desc->destroy)
            nd->e->lp->desc->destroy(nd->self);
    }
    if (summary_emit(&sum, o->summary_path) != 0 && code == EXIT_OK)
        code = EXIT_FAILED;
    summary_free(&sum);

    free_graph(&run);
    deadletter_close(&run.dl);
    state_close(&run.state);
    pthread_mutex_destroy(&run.state_mu);
    pthread_mutex_destroy(&run.error_mu);
    free(run.first_error);
    free(state_dir);
    free(dl_path);
    return code;
}
