// What the page footer says about the data: when the newest document was ingested.
#pragma once
#include "tracker/store.hpp"

#include <string>

namespace opfolg::web {

std::string last_ingest(tracker::Store& store);  // documents.ingested_at of the newest document, "" when none

}  // namespace opfolg::web
