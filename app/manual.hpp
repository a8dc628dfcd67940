// resolve / snooze / unresolve: one manual decision into the append-only audit log. Shared by the commands of
// the same names and the forms of `opfolg serve`, so both write exactly the same rows.
#pragma once
#include "app/pipeline.hpp"
#include "tracker/queries.hpp"

#include <string>

namespace opfolg::app {

struct ManualRequest {
    std::string action;   // "resolve" | "snooze" | "unresolve"
    std::string flag_id, by, note;
    std::string until;    // YYYY-MM-DD, snooze only
};

// Resolve and snooze need the flag open as of options.as_of; unresolve needs it resolved or snoozed. Throws
// UsageError (unknown flag, bad date, nothing to undo, empty name or note) before anything is written.
tracker::ManualEntry record_manual(const CommonOptions& options, const ManualRequest& request);

}  // namespace opfolg::app
