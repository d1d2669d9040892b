/* PCRE2 with 8-bit code units, for addTranslateC (see build.zig). The
 * generic names (pcre2_compile, ...) are token-pasting macros that
 * translate-c cannot follow, so the Zig code calls the _8 functions. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
