/*
 * pggate.h - a gate on 127.0.0.1 in front of a test cluster that turns
 * away the first connections the way a server still recovering does
 * (FATAL 57P03 "the database system is not yet accepting connections"),
 * then relays every later connection to the cluster's unix socket.
 *
 * It stages, without timing luck, the moment a crash test hits only now
 * and then: the server refuses a connection while it recovers and is
 * ready a moment later, when the client pings it.
 */
#ifndef ASSAY_PGGATE_H
#define ASSAY_PGGATE_H

#include "pgcluster.h"

typedef struct pggate {
    pid_t pid; /* the gate's process (and its process group) */
    int port;  /* where it listens on 127.0.0.1 */
} pggate;

/* Starts the gate; the first `refusals` connections are turned away.
 * 0, or -1 with a message on stderr. */
int pggate_start(pggate *g, pgc *c, int refusals);
/* Stops the gate and every relay it started. */
void pggate_stop(pggate *g);

#endif
