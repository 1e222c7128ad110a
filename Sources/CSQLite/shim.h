#pragma once
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
/// This returns it as a typed value so Swift can pass it to sqlite3_bind_text/blob.
static inline sqlite3_destructor_type throng_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
