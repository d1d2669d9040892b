/* Compiled (never run) by scripts/header-compiles.sh as C99 with gcc and
 * clang and as C++11: the header must need nothing but itself. */
#include "ferrex.h"

int header_compiles(void);
int header_compiles(void) {
    ferrex_search search = {0, 0, FERREX_SEARCH_ANCHORED | FERREX_SEARCH_EARLIEST, 0};
    ferrex_match match = {0, 0, 0};
    ferrex_status status = FERREX_OK;
    ferrex_match_kind kind = FERREX_MATCH_KIND_ALL;
    (void)search;
    (void)match;
    (void)kind;
    return (int)status + (int)FERREX_VERSION_NUMBER + (int)FERREX_FLAG_CRLF + (int)ferrex_version_number();
}
