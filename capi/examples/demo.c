/* The README's C example: compile a few patterns, print what they find. */
#include <stdio.h>
#include <string.h>

#include "ferrex.h"

static const char TEXT[] =
    "2024-05-01 12:00:03 alice@example.com logged in from 10.0.0.7\n"
    "2024-05-01 12:04:41 bob@example.org failed login from 192.168.1.20\n"
    "2024-05-02 08:15:00 carol@example.net logged in from 10.0.0.9\n";

/* Prints every match of one pattern, with its first capture group. */
static int show(const char *pattern) {
    ferrex_regex *re = NULL;
    ferrex_error *err = NULL;
    if (ferrex_regex_new(&re, (const uint8_t *)pattern, strlen(pattern), 0, NULL, &err) != FERREX_OK) {
        fprintf(stderr, "bad pattern: %s\n", ferrex_error_message(err));
        ferrex_error_free(err);
        return 1;
    }
    ferrex_iter *it = NULL;
    ferrex_captures *caps = NULL;
    if (ferrex_iter_new(&it, re, strlen(TEXT), NULL, NULL) != FERREX_OK ||
        ferrex_captures_new(&caps, re, NULL) != FERREX_OK) {
        fprintf(stderr, "out of resources\n");
        ferrex_iter_free(it);
        ferrex_regex_free(re);
        return 1;
    }
    printf("%s\n", pattern);
    while (ferrex_iter_next_captures(it, (const uint8_t *)TEXT, strlen(TEXT), caps) == 1) {
        ferrex_match whole, group;
        ferrex_captures_group(caps, 0, &whole);
        printf("  [%3zu, %3zu) %.*s", whole.start, whole.end, (int)(whole.end - whole.start), TEXT + whole.start);
        if (ferrex_captures_group(caps, 1, &group) == 1)
            printf("   group 1: %.*s", (int)(group.end - group.start), TEXT + group.start);
        printf("\n");
    }
    ferrex_captures_free(caps);
    ferrex_iter_free(it);
    ferrex_regex_free(re);
    return 0;
}

int main(void) {
    printf("ferrex %s\n\n", ferrex_version());
    int failed = 0;
    failed |= show("(?<user>[a-z]+)@[a-z]+\\.(?:com|org|net)");
    failed |= show("\\b(\\d{1,3})(?:\\.\\d{1,3}){3}\\b");
    failed |= show("(?m)^\\d{4}-\\d{2}-(\\d{2})");

    /* Several patterns at once: which ones match this line? */
    const char *names[] = {"login failure", "private 10/8 address", "weekend date"};
    const char *patterns[] = {"failed login", "\\b10\\.\\d+\\.\\d+\\.\\d+", "2024-05-0[45]"};
    const uint8_t *pats[3];
    size_t lens[3];
    for (int i = 0; i < 3; i++) {
        pats[i] = (const uint8_t *)patterns[i];
        lens[i] = strlen(patterns[i]);
    }
    ferrex_regex *set = NULL;
    ferrex_error *err = NULL;
    if (ferrex_regex_new_many(&set, pats, lens, 3, 0, NULL, &err) != FERREX_OK) {
        fprintf(stderr, "bad set: %s\n", ferrex_error_message(err));
        ferrex_error_free(err);
        return 1;
    }
    uint8_t hit[3];
    ferrex_regex_which_matches(set, NULL, (const uint8_t *)TEXT, strlen(TEXT), NULL, hit, 3);
    printf("\nwhich patterns match the log?\n");
    for (int i = 0; i < 3; i++) printf("  %-22s %s\n", names[i], hit[i] ? "yes" : "no");
    ferrex_regex_free(set);

    /* A syntax error reports where it is. */
    const char *bad = "(\\d{4}-\\d{2}";
    if (ferrex_regex_new(&set, (const uint8_t *)bad, strlen(bad), 0, NULL, &err) != FERREX_OK) {
        size_t start = 0, end = 0;
        ferrex_error_span(err, &start, &end);
        printf("\n%s -> %s at bytes [%zu, %zu):\n%s\n", bad, ferrex_status_name(ferrex_error_status(err)), start,
               end, ferrex_error_message(err));
        ferrex_error_free(err);
    }
    return failed;
}
