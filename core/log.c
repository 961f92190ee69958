/* log.c - level-filtered, line-atomic logging to stderr. */
#include "log.h"

#include "mem.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static assay_log_level current_level = ASSAY_LOG_INFO;
static int on_terminal = 0;

static const char *level_names[] = {"error", "warn", "info", "debug"};
static const char *level_colours[] = {"\033[1;31m", "\033[33m", "\033[36m", "\033[2m"};

void log_set_level(assay_log_level level)
{
    current_level = level;
}

assay_log_level log_get_level(void)
{
    return current_level;
}

void log_init(void)
{
    on_terminal = isatty(STDERR_FILENO);
}

void log_vmsg(assay_log_level level, const char *who, const char *fmt, va_list ap)
{
    if (level > current_level || level < ASSAY_LOG_ERROR)
        return;
    buf line;
    buf_init(&line);
    if (on_terminal) {
        buf_printf(&line, "assay: %s%s\033[0m: ", level_colours[level], level_names[level]);
    } else {
        char stamp[32];
        struct timespec ts;
        struct tm tm;
        clock_gettime(CLOCK_REALTIME, &ts);
        gmtime_r(&ts.tv_sec, &tm);
        strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
        buf_printf(&line, "%s.%03ldZ assay[%ld] %s: ", stamp, ts.tv_nsec / 1000000,
                   (long)getpid(), level_names[level]);
    }
    if (who)
        buf_printf(&line, "%s: ", who);
    buf_vprintf(&line, fmt, ap);
    while (line.len && line.data[line.len - 1] == '\n')
        line.data[--line.len] = '\0';
    buf_putc(&line, '\n');
    /* One write per line: lines from several threads never interleave. */
    size_t off = 0;
    while (off < line.len) {
        ssize_t n = write(STDERR_FILENO, line.data + off, line.len - off);
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    buf_free(&line);
}

void log_msg(assay_log_level level, const char *who, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vmsg(level, who, fmt, ap);
    va_end(ap);
}
