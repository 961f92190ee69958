/*
 * log.h - the core's logger: levels, one line per message, on stderr.
 *
 * On a terminal lines are short and coloured ("assay: warn: files: ...");
 * elsewhere (cron, files, pipes) they are plain and carry a UTC timestamp
 * and the pid, so that an hourly run's log reads well in a mail or a file.
 */
#ifndef ASSAY_LOG_H
#define ASSAY_LOG_H

#include <assay/assay.h>

void log_set_level(assay_log_level level);
assay_log_level log_get_level(void);
/* Decides terminal or plain style from isatty(2); call once at start. */
void log_init(void);

/* who may be NULL (the core itself) or a plugin instance id. */
void log_msg(assay_log_level level, const char *who, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void log_vmsg(assay_log_level level, const char *who, const char *fmt, va_list ap);

#define log_error(...) log_msg(ASSAY_LOG_ERROR, NULL, __VA_ARGS__)
#define log_warn(...) log_msg(ASSAY_LOG_WARN, NULL, __VA_ARGS__)
#define log_info(...) log_msg(ASSAY_LOG_INFO, NULL, __VA_ARGS__)
#define log_debug(...) log_msg(ASSAY_LOG_DEBUG, NULL, __VA_ARGS__)

#endif
