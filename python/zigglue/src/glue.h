/* The functions src/glue.zig exports (C ABI), as src/shim.c calls them.
 * Statuses are ferrex_status values: 0 OK, negative an error; searches
 * return 1 (match) or 0 (none). Text is pointer + length, never
 * NUL-terminated; the pointer may be NULL when the length is 0. */
#ifndef FERREX_ZIGGLUE_GLUE_H
#define FERREX_ZIGGLUE_GLUE_H
#include <stddef.h>
#include <stdint.h>

/* The glue's own allocation failed (not a ferrex status). */
#define FXZ_ERR_NO_MEMORY (-100)

typedef struct fxz_regex fxz_regex;

/* Compiles a UTF-8 pattern; on failure *out is NULL and message (capacity
 * message_cap, NUL-terminated) says why. */
int32_t fxz_compile(const uint8_t *pattern, size_t len, fxz_regex **out, char *message, size_t message_cap);
void fxz_free(fxz_regex *regex);
int32_t fxz_is_match(fxz_regex *regex, const uint8_t *hay, size_t len);
int32_t fxz_find(fxz_regex *regex, const uint8_t *hay, size_t len, size_t *start, size_t *end);
int32_t fxz_count(fxz_regex *regex, const uint8_t *hay, size_t len, size_t *count);
uint32_t fxz_version_number(void);
const char *fxz_status_message(int32_t status);

#endif
