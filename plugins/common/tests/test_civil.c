/* test_civil.c - day numbers against dates worked out independently:
 * known anchors, leap rules, and a walk over five centuries one day at a
 * time that must agree with a plain month-by-month counter. */
#include "civil.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

START_TEST(test_anchors)
{
    ck_assert_int_eq(civil_to_days(1970, 1, 1), 0);
    ck_assert_int_eq(civil_to_days(1969, 12, 31), -1);
    ck_assert_int_eq(civil_to_days(2000, 3, 1), 11017);
    ck_assert_int_eq(civil_to_days(2026, 11, 23), 20780);
    ck_assert_int_eq(civil_to_days(1600, 1, 1), -135140);
}
END_TEST

START_TEST(test_leap_rules)
{
    ck_assert_int_eq(civil_month_days(2024, 2), 29);
    ck_assert_int_eq(civil_month_days(2025, 2), 28);
    ck_assert_int_eq(civil_month_days(1900, 2), 28);  /* century: not leap */
    ck_assert_int_eq(civil_month_days(2000, 2), 29);  /* 400th year: leap */
    ck_assert_int_eq(civil_month_days(2026, 4), 30);
    ck_assert_int_eq(civil_month_days(2026, 12), 31);
    ck_assert_int_eq(civil_to_days(2024, 3, 1) - civil_to_days(2024, 2, 28), 2);
    ck_assert_int_eq(civil_to_days(2100, 3, 1) - civil_to_days(2100, 2, 28), 1);
}
END_TEST

START_TEST(test_walk)
{
    int64_t y = 1800, n = civil_to_days(1800, 1, 1);
    int m = 1, d = 1;

    while (y < 2300) {
        int64_t yy;
        int mm, dd;

        ck_assert_int_eq(civil_to_days(y, m, d), n);
        civil_from_days(n, &yy, &mm, &dd);
        ck_assert(yy == y && mm == m && dd == d);
        n++;
        if (++d > civil_month_days(y, m)) {
            d = 1;
            if (++m > 12)
                m = 1, y++;
        }
    }
}
END_TEST

START_TEST(test_format)
{
    char out[11];

    civil_format(civil_to_days(2026, 2, 3), out);
    ck_assert_str_eq(out, "2026-02-03");
    civil_format(0, out);
    ck_assert_str_eq(out, "1970-01-01");
    civil_format(civil_to_days(12000, 1, 1), out);   /* clamped, not garbled */
    ck_assert_str_eq(out, "9999-01-01");
    civil_format(civil_to_days(-5, 6, 7), out);
    ck_assert_str_eq(out, "0000-06-07");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("civil");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_anchors);
    tcase_add_test(tc, test_leap_rules);
    tcase_add_test(tc, test_walk);
    tcase_add_test(tc, test_format);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
