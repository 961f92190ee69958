/* queue.c - a mutex-and-condition-variable ring buffer. */
#include "queue.h"

#include "mem.h"

#include <stdlib.h>
#include <time.h>

void queue_init(queue *q, size_t cap)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->not_empty, &attr);
    pthread_cond_init(&q->not_full, NULL);
    pthread_condattr_destroy(&attr);
    q->ring = xcalloc(cap, sizeof *q->ring);
    q->cap = cap;
    q->head = q->count = 0;
    q->consumer_waiting = q->producers_waiting = 0;
}

void queue_destroy(queue *q)
{
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->not_empty);
    pthread_cond_destroy(&q->not_full);
    free(q->ring);
    q->ring = NULL;
}

void queue_push(queue *q, qitem item)
{
    pthread_mutex_lock(&q->mu);
    while (q->count == q->cap) {
        q->producers_waiting++;
        pthread_cond_wait(&q->not_full, &q->mu);
        q->producers_waiting--;
    }
    q->ring[(q->head + q->count) % q->cap] = item;
    q->count++;
    /* Signalling only a waiting consumer saves a syscall per record. */
    if (q->consumer_waiting)
        pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->mu);
}

size_t queue_pop(queue *q, qitem *out, size_t max, int64_t timeout_ms)
{
    struct timespec deadline;
    if (timeout_ms >= 0) {
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_sec += timeout_ms / 1000;
        deadline.tv_nsec += (timeout_ms % 1000) * 1000000;
        if (deadline.tv_nsec >= 1000000000)
            deadline.tv_sec++, deadline.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&q->mu);
    while (q->count == 0) {
        q->consumer_waiting = 1;
        int rc = timeout_ms >= 0 ? pthread_cond_timedwait(&q->not_empty, &q->mu, &deadline)
                                 : pthread_cond_wait(&q->not_empty, &q->mu);
        q->consumer_waiting = 0;
        if (rc != 0 && q->count == 0) {
            pthread_mutex_unlock(&q->mu);
            return 0;
        }
    }
    size_t n = 0;
    while (n < max && q->count) {
        out[n++] = q->ring[q->head];
        q->head = (q->head + 1) % q->cap;
        q->count--;
    }
    if (q->producers_waiting)
        pthread_cond_broadcast(&q->not_full);
    pthread_mutex_unlock(&q->mu);
    return n;
}
