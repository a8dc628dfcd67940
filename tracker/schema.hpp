#pragma once
#include <sqlite3.h>

namespace opfolg::tracker {
int latest_schema_version();
void migrate(sqlite3* db);  // brings the schema to the latest version; throws StoreError
// Brings the schema to `version` only (tests make stores as older releases wrote them).
void migrate_to(sqlite3* db, int version);
}
