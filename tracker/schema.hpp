#pragma once
#include <sqlite3.h>

namespace opfolg::tracker {
int latest_schema_version();
void migrate(sqlite3* db);  // brings the schema to the latest version; throws StoreError
}
