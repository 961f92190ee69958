/* pgcluster.c - a throwaway PostgreSQL cluster per test binary (see .h). */
#include "pgcluster.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define RUNUSER "/sbin/runuser"

/* ---- finding the server ---- */

static long version_of(const char *bindir)
{
    /* /usr/lib/postgresql/15/bin: the number before /bin */
    const char *p = strstr(bindir, "/postgresql/");
    return p ? strtol(p + 12, NULL, 10) : 0;
}

static int find_bindir(pgc *c)
{
    glob_t g;
    long best = -1;
    if (glob("/usr/lib/postgresql/*/bin/initdb", 0, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++) {
            char dir[512];
            snprintf(dir, sizeof dir, "%s", g.gl_pathv[i]);
            *strrchr(dir, '/') = '\0';
            long v = version_of(dir);
            if (v > best) {
                best = v;
                snprintf(c->bindir, sizeof c->bindir, "%s", dir);
            }
        }
        globfree(&g);
    }
    if (best >= 0)
        return 0;
    FILE *f = popen("pg_config --bindir 2>/dev/null", "r");
    if (f) {
        char line[512] = "";
        if (fgets(line, sizeof line, f)) {
            line[strcspn(line, "\n")] = '\0';
            char initdb[600];
            snprintf(initdb, sizeof initdb, "%s/initdb", line);
            if (access(initdb, X_OK) == 0)
                snprintf(c->bindir, sizeof c->bindir, "%s", line);
        }
        pclose(f);
    }
    return c->bindir[0] ? 0 : -1;
}

static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    int port = -1;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &len) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

/* ---- running server commands ---- */

/* Runs a server binary (as postgres when we are root) in the cluster's
 * folder, its output appended to DIR/commands.log (printed on failure).
 * Uses no check assertions: main() calls it, outside any test. Returns
 * the exit code, or -1. */
static int server_cmd(pgc *c, const char *const args[], int timeout_s)
{
    const char *argv[32];
    int n = 0;
    if (geteuid() == 0) {
        argv[n++] = RUNUSER;
        argv[n++] = "-u";
        argv[n++] = "postgres";
        argv[n++] = "--";
    }
    char path[600], log[600];
    snprintf(path, sizeof path, "%s/%s", c->bindir, args[0]);
    snprintf(log, sizeof log, "%s/commands.log", c->dir);
    argv[n++] = path;
    for (int i = 1; args[i] && n < 31; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0666);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        if (chdir(c->dir) != 0)
            _exit(126);
        setpgid(0, 0);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status = 0;
    for (int waited = 0;; waited++) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (waited > timeout_s * 100) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            fprintf(stderr, "pgcluster: %s took over %d s\n", args[0], timeout_s);
            return -1;
        }
        usleep(10000);
    }
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (code != 0) {
        fprintf(stderr, "pgcluster: %s failed (exit %d); its output:\n", args[0], code);
        FILE *f = fopen(log, "r");
        char line[1024];
        while (f && fgets(line, sizeof line, f))
            fputs(line, stderr);
        if (f)
            fclose(f);
    }
    return code;
}

static int pg_ctl(pgc *c, const char *action, const char *mode)
{
    char data[600], log[600];
    snprintf(data, sizeof data, "%s/data", c->dir);
    snprintf(log, sizeof log, "%s/log", c->dir);
    if (mode) {
        const char *args[] = {"pg_ctl", action, "-D", data, "-m", mode,
                              "-w",     "-t",   "60", "-l", log,  NULL};
        return server_cmd(c, args, 90);
    }
    const char *args[] = {"pg_ctl", action, "-D", data, "-w", "-t", "60", "-l", log, NULL};
    return server_cmd(c, args, 90);
}

/* ---- the watchdog ---- */

static void rm_tree(const char *dir)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "pgcluster: cannot remove %s\n", dir);
}

/* Waits for the test binary to go (its end of the pipe closes), then
 * stops the cluster and removes the folder. */
static void start_watchdog(pgc *c)
{
    int fds[2];
    if (pipe(fds) != 0)
        return;
    pid_t pid = fork();
    if (pid == 0) {
        setsid();
        close(fds[1]);
        for (int fd = 3; fd < 1024; fd++)
            if (fd != fds[0])
                close(fd);
        char b;
        while (read(fds[0], &b, 1) > 0 || errno == EINTR) {
        }
        char cmd[2048];
        snprintf(cmd, sizeof cmd, "%s'%s/pg_ctl' stop -D '%s/data' -m immediate -w >/dev/null 2>&1",
                 geteuid() == 0 ? RUNUSER " -u postgres -- " : "", c->bindir, c->dir);
        struct stat st;
        char data[600];
        snprintf(data, sizeof data, "%s/data/PG_VERSION", c->dir);
        if (stat(data, &st) == 0 && system(cmd) != 0) {
            /* already stopped */
        }
        rm_tree(c->dir);
        _exit(0);
    }
    close(fds[0]);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC); /* assay children need not hold it */
    c->watchdog = pid;
    c->watch_fd = fds[1];
}

/* ---- start and stop ---- */

int pgc_start(pgc *c)
{
    memset(c, 0, sizeof *c);
    c->watch_fd = -1;
    if (find_bindir(c) != 0) {
        fprintf(stderr, "pgcluster: no PostgreSQL server binaries (initdb) found in "
                        "/usr/lib/postgresql/*/bin or pg_config --bindir; install the "
                        "postgresql package\n");
        return -2;
    }
    const char *base = getenv("TMPDIR");
    char tmpl[600];
    snprintf(tmpl, sizeof tmpl, "%s/assay-pg-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpl)) {
        fprintf(stderr, "pgcluster: mkdtemp %s: %s\n", tmpl, strerror(errno));
        return -1;
    }
    c->dir = strdup(tmpl);
    if (geteuid() == 0) {
        struct passwd *pw = getpwnam("postgres");
        if (!pw) {
            fprintf(stderr, "pgcluster: running as root needs a 'postgres' system user\n");
            return -1;
        }
        if (chown(c->dir, pw->pw_uid, pw->pw_gid) != 0) {
            fprintf(stderr, "pgcluster: chown %s: %s\n", c->dir, strerror(errno));
            return -1;
        }
    }
    start_watchdog(c);
    c->port = free_port();
    char data[600];
    snprintf(data, sizeof data, "%s/data", c->dir);
    const char *initdb[] = {"initdb",
                            "-D",
                            data,
                            "-U",
                            "postgres",
                            "-E",
                            "UTF8",
                            "--no-locale",
                            "--auth-local=trust",
                            "--auth-host=scram-sha-256",
                            NULL};
    if (server_cmd(c, initdb, 120) != 0)
        return -1;
    char conf[700];
    snprintf(conf, sizeof conf, "%s/postgresql.conf", data);
    FILE *f = fopen(conf, "a");
    if (!f)
        return -1;
    fprintf(f,
            "\n# pgcluster: a throwaway test cluster\n"
            "listen_addresses = '127.0.0.1'\n"
            "port = %d\n"
            "unix_socket_directories = '%s'\n"
            "fsync = off\n"
            "full_page_writes = off\n"
            "max_connections = 40\n"
            "shared_buffers = 256MB\n"
            "max_wal_size = 4GB\n"
            "synchronous_commit = off\n"
            "log_min_messages = warning\n",
            c->port, c->dir);
    fclose(f);
    if (pg_ctl(c, "start", NULL) != 0)
        return -1;
    snprintf(c->conninfo, sizeof c->conninfo,
             "host=%s port=%d user=postgres dbname=postgres connect_timeout=10", c->dir, c->port);
    snprintf(c->tcp_conninfo, sizeof c->tcp_conninfo, "host=127.0.0.1 port=%d dbname=postgres",
             c->port);
    return 0;
}

void pgc_stop(pgc *c)
{
    if (!c->dir)
        return;
    char data[600];
    snprintf(data, sizeof data, "%s/data", c->dir);
    const char *args[] = {"pg_ctl", "stop", "-D", data, "-m", "fast", "-w", NULL};
    server_cmd(c, args, 60);
    if (c->watch_fd >= 0) {
        close(c->watch_fd); /* the watchdog removes the folder */
        waitpid(c->watchdog, NULL, 0);
    } else {
        rm_tree(c->dir);
    }
    free(c->dir);
    c->dir = NULL;
}

void pgc_restart(pgc *c, const char *mode)
{
    ck_assert_msg(pg_ctl(c, "restart", mode) == 0, "pg_ctl restart failed");
}

void pgc_down(pgc *c, const char *mode)
{
    ck_assert_msg(pg_ctl(c, "stop", mode) == 0, "pg_ctl stop failed");
}

void pgc_up(pgc *c)
{
    ck_assert_msg(pg_ctl(c, "start", NULL) == 0, "pg_ctl start failed");
}

/* ---- looking in ---- */

PGconn *pgc_connect(pgc *c)
{
    PGconn *conn = PQconnectdb(c->conninfo);
    ck_assert_msg(PQstatus(conn) == CONNECTION_OK, "connect: %s", PQerrorMessage(conn));
    return conn;
}

void pgc_exec(pgc *c, const char *sql)
{
    PGconn *conn = pgc_connect(c);
    PGresult *r = PQexec(conn, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    char msg[1024];
    snprintf(msg, sizeof msg, "%s", PQresultErrorMessage(r));
    PQclear(r);
    PQfinish(conn);
    ck_assert_msg(ok, "%s: %s", sql, msg);
}

char *pgc_value(pgc *c, const char *sql)
{
    PGconn *conn = pgc_connect(c);
    PGresult *r = PQexec(conn, sql);
    int ok = PQresultStatus(r) == PGRES_TUPLES_OK;
    char msg[1024];
    snprintf(msg, sizeof msg, "%s", PQresultErrorMessage(r));
    char *v = NULL;
    if (ok)
        v = strdup(PQntuples(r) == 0      ? "<none>"
                   : PQgetisnull(r, 0, 0) ? "<NULL>"
                                          : PQgetvalue(r, 0, 0));
    PQclear(r);
    PQfinish(conn);
    ck_assert_msg(ok, "%s: %s", sql, msg);
    return v;
}

long long pgc_count(pgc *c, const char *sql)
{
    char *v = pgc_value(c, sql);
    long long n = strtoll(v, NULL, 10);
    free(v);
    return n;
}

/* ---- running assay ---- */

static const char **assay_argv(const char *const args[])
{
    size_t n = 0;
    while (args[n])
        n++;
    const char **argv = calloc(n + 4, sizeof *argv);
    argv[0] = ASSAY_BIN;
    argv[1] = "--plugin-path";
    argv[2] = PG_TEST_PLUGIN_DIR;
    for (size_t i = 0; i < n; i++)
        argv[3 + i] = args[i];
    return argv;
}

void pgc_assay_start(pgc *c, proc *p, const char *cwd, const char *conninfo,
                     const char *const args[])
{
    (void)c;
    static char env_pg[2048];
    snprintf(env_pg, sizeof env_pg, "ASSAY_PG=%s", conninfo ? conninfo : "");
    const char *env[] = {env_pg, NULL};
    const char **argv = assay_argv(args);
    proc_start(p, cwd, argv, conninfo ? env : NULL);
    free(argv);
}

int pgc_assay(pgc *c, proc *p, const char *cwd, const char *conninfo, const char *const args[],
              int timeout_s)
{
    pgc_assay_start(c, p, cwd, conninfo, args);
    return proc_wait(p, timeout_s);
}
