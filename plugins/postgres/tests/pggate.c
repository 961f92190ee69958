/*
 * pggate.c - a gate that turns away the first connections as a recovering
 * server does, then relays to the cluster (see pggate.h).
 *
 * The refusal is what PostgreSQL sends during crash recovery: an
 * ErrorResponse to the startup packet with severity FATAL and SQLSTATE
 * 57P03. Clients must connect with sslmode=disable (and gssencmode=disable),
 * so that the startup packet is the first thing they send. A relay is a
 * child process per connection copying bytes both ways until either side
 * closes; the socket it relays to trusts local connections, so the gate
 * needs no password.
 */
#include "pggate.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static int read_full(int fd, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

static void write_full(int fd, const void *buf, size_t n)
{
    size_t put = 0;
    while (put < n) {
        ssize_t w = write(fd, (const char *)buf + put, n - put);
        if (w <= 0)
            return;
        put += (size_t)w;
    }
}

/* Reads the startup packet (length first) and answers it with the
 * recovering server's FATAL error. */
static void refuse(int fd)
{
    uint32_t len_be;
    if (read_full(fd, &len_be, 4) != 0)
        return;
    uint32_t len = ntohl(len_be);
    if (len < 8 || len > 10000)
        return;
    char packet[10000];
    if (read_full(fd, packet, len - 4) != 0)
        return;
    static const char fields[] = "SFATAL\0VFATAL\0C57P03\0"
                                 "Mthe database system is not yet accepting connections\0"
                                 "DConsistent recovery state has not been yet reached.\0";
    size_t body = sizeof fields; /* the fields and the final NUL */
    char msg[256];
    msg[0] = 'E';
    uint32_t n_be = htonl((uint32_t)(4 + body));
    memcpy(msg + 1, &n_be, 4);
    memcpy(msg + 5, fields, body);
    write_full(fd, msg, 5 + body);
}

static int connect_cluster(pgc *c)
{
    struct sockaddr_un a = {0};
    a.sun_family = AF_UNIX;
    snprintf(a.sun_path, sizeof a.sun_path, "%s/.s.PGSQL.%d", c->dir, c->port);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0)
        return fd;
    if (fd >= 0)
        close(fd);
    return -1;
}

static void relay(int client, pgc *c)
{
    int server = connect_cluster(c);
    if (server < 0)
        return;
    struct pollfd p[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    char buf[65536];
    for (;;) {
        if (poll(p, 2, -1) < 0)
            return;
        for (int i = 0; i < 2; i++) {
            if (!p[i].revents)
                continue;
            ssize_t r = read(p[i].fd, buf, sizeof buf);
            if (r <= 0)
                return;
            write_full(p[1 - i].fd, buf, (size_t)r);
        }
    }
}

static void serve(int listener, pgc *c, int refusals)
{
    signal(SIGCHLD, SIG_IGN); /* relays reap themselves */
    for (int n = 0;; n++) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0)
            continue;
        if (n < refusals) {
            refuse(fd);
            close(fd);
            continue;
        }
        pid_t pid = fork();
        if (pid == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            close(listener);
            relay(fd, c);
            _exit(0);
        }
        close(fd);
    }
}

int pggate_start(pggate *g, pgc *c, int refusals)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 16) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
        perror("pggate: cannot listen on 127.0.0.1");
        if (fd >= 0)
            close(fd);
        return -1;
    }
    g->port = ntohs(a.sin_port);
    g->pid = fork();
    if (g->pid < 0) {
        perror("pggate: fork");
        close(fd);
        return -1;
    }
    if (g->pid == 0) {
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGKILL); /* a test that dies takes its gate along */
        serve(fd, c, refusals);
        _exit(0);
    }
    setpgid(g->pid, g->pid); /* also here, so that a stop right away finds the group */
    close(fd);
    return 0;
}

void pggate_stop(pggate *g)
{
    if (g->pid <= 0)
        return;
    kill(-g->pid, SIGKILL);
    waitpid(g->pid, NULL, 0);
    g->pid = 0;
}
