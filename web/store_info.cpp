#include "web/store_info.hpp"
#include "tracker/sqlite.hpp"

namespace opfolg::web {

std::string last_ingest(tracker::Store& store) {
    tracker::Statement s(store.handle(), "SELECT COALESCE(MAX(ingested_at), '') FROM documents");
    return s.step() ? s.text(0) : std::string();
}

}  // namespace opfolg::web
