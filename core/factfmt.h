/*
 * factfmt.h - a fact's value the way an analyst reads it: "$115bn-$135bn",
 * "about 5 GW", "250,000 gpu", "up to 8%", "$1.25bn/month".
 */
#ifndef ASSAY_FACTFMT_H
#define ASSAY_FACTFMT_H

#include "mem.h"

/* Appends the value. kind is money, power, count or percent; unit, per and
 * qualifier may be NULL or empty. */
void fact_value_format(buf *out, const char *kind, double low, double high, const char *unit,
                       const char *per, const char *qualifier);

#endif
