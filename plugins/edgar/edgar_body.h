/*
 * edgar_body.h - reading an answer that should be JSON, and saying what it
 * was when it is not: SEC's maintenance and rate-limit pages (HTML), S3's
 * XML error documents, truncated JSON, empty bodies.
 */
#ifndef EDGAR_BODY_H
#define EDGAR_BODY_H

#include <jansson.h>
#include <stddef.h>

/* 1 when body is SEC's "Request Rate Threshold Exceeded" page (the answer
 * to more than 10 requests/s, which blocks the address for 10 minutes). */
int edgar_is_rate_limit_page(const char *body, size_t len);

/* A short description of a body that is not what was expected, such as
 * `an HTML page ("SEC.gov | File Unavailable")` or `an XML error document
 * (AccessDenied: Access Denied)` or `an empty body`, written to out. */
void edgar_describe_body(const char *body, size_t len, const char *content_type, char *out,
                         size_t outlen);

/* Parses body as one JSON object. Returns a new reference, or NULL with
 * err saying what the body was instead (an HTML page, XML, truncated
 * JSON with the byte where it ends, a JSON value that is not an object). */
json_t *edgar_json_object(const char *body, size_t len, const char *content_type, char *err,
                          size_t errlen);

#endif
