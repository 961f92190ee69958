/*
 * queue.h - the bounded queue between plugin threads.
 *
 * Many producers, one consumer. A full queue blocks its producers: that
 * back-pressure is what keeps memory flat however many records pass.
 * Besides records, queues carry the runner's control items: state markers
 * (which records a state_put covers) and end-of-stream.
 */
#ifndef ASSAY_QUEUE_H
#define ASSAY_QUEUE_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

typedef struct assay_record assay_record;

typedef enum qkind { Q_RECORD, Q_MARKER, Q_EOS } qkind;

typedef struct qitem {
    qkind kind;
    int origin;       /* Q_MARKER: node whose state it covers; Q_EOS: sender */
    uint64_t version; /* Q_MARKER: that node's state version */
    assay_record *rec;
} qitem;

typedef struct queue {
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    qitem *ring;
    size_t cap, head, count;
    int consumer_waiting;
    int producers_waiting;
} queue;

void queue_init(queue *q, size_t cap);
void queue_destroy(queue *q);
void queue_push(queue *q, qitem item);
/* Takes up to max items into out. Waits up to timeout_ms for the first
 * (-1: for ever). Returns how many it took; 0 means the wait timed out. */
size_t queue_pop(queue *q, qitem *out, size_t max, int64_t timeout_ms);

#endif
