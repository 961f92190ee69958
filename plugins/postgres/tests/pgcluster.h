/*
 * pgcluster.h - a throwaway PostgreSQL cluster for a test binary, and
 * ways to look into it.
 *
 * pgc_start() runs initdb into a new temporary folder, configures a unix
 * socket in that folder and a free port on 127.0.0.1 (password auth over
 * TCP, trust over the socket), and starts it with pg_ctl. The server
 * binaries are found in the newest /usr/lib/postgresql/<version>/bin (or
 * pg_config --bindir). PostgreSQL refuses to run as root, so as root the
 * server commands run as the `postgres` system user (runuser) on a folder
 * it owns.
 *
 * A watchdog process (its own session, so a test runner's kill of the
 * group does not take it along) stops the cluster and removes the folder
 * when the test binary goes away by any road: pgc_stop(), a failed
 * assertion in main, a signal, SIGKILL.
 */
#ifndef ASSAY_PGCLUSTER_H
#define ASSAY_PGCLUSTER_H

#include "testutil.h"

#include <libpq-fe.h>

typedef struct pgc {
    char *dir; /* the cluster's folder: data/, the socket, log */
    char bindir[512];
    int port;
    char conninfo[1024];     /* over the socket, as postgres: host=DIR port=N ... */
    char tcp_conninfo[1024]; /* over 127.0.0.1 (needs a role with a password) */
    pid_t watchdog;
    int watch_fd;
} pgc;

/* Exit code for "skipped" (ctest SKIP_RETURN_CODE). */
#define PGC_SKIP 77

/* Starts a cluster; 0, or -1 with a message on stderr (no server found:
 * -2, so the caller may skip). */
int pgc_start(pgc *c);
/* Stops it and removes its folder. */
void pgc_stop(pgc *c);
/* pg_ctl restart -m mode (fast or immediate), waiting until it is up. */
void pgc_restart(pgc *c, const char *mode);
/* pg_ctl stop -m mode / start, waiting. */
void pgc_down(pgc *c, const char *mode);
void pgc_up(pgc *c);

/* A connection as postgres over the socket (asserts it works). */
PGconn *pgc_connect(pgc *c);
/* Runs sql (asserting success) in a connection of its own. */
void pgc_exec(pgc *c, const char *sql);
/* The first value of the first row as text (malloc'd; "<NULL>" for a
 * NULL, "<none>" for no row), asserting success. */
char *pgc_value(pgc *c, const char *sql);
long long pgc_count(pgc *c, const char *sql);

/* Runs build/assay (the build tree's plugins and the test plugins on the
 * path) in cwd with ASSAY_PG set to conninfo (unless conninfo is NULL),
 * waiting at most timeout_s. */
int pgc_assay(pgc *c, proc *p, const char *cwd, const char *conninfo, const char *const args[],
              int timeout_s);
void pgc_assay_start(pgc *c, proc *p, const char *cwd, const char *conninfo,
                     const char *const args[]);

#endif
