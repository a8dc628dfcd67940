#include "app/manual.hpp"
#include "grammar/dates.hpp"

#include <filesystem>

namespace opfolg::app {

tracker::ManualEntry record_manual(const CommonOptions& options, const ManualRequest& r) {
    if (r.action != "resolve" && r.action != "snooze" && r.action != "unresolve")
        throw UsageError("unknown action \"" + r.action + "\"");
    if (r.by.empty()) throw UsageError("--by: a name is required");
    if (r.note.empty()) throw UsageError("--note: a note is required");
    tracker::ManualEntry e;
    e.flag_id = r.flag_id;
    e.action = r.action;
    e.by = r.by;
    e.note = r.note;
    if (r.action == "snooze") {
        date::year_month_day d{};
        if (!dates::parse_iso(r.until, d)) throw UsageError("--until: \"" + r.until + "\" is not YYYY-MM-DD");
        e.until = dates::iso(d);
    }
    const std::string db = options.db.empty() ? default_db_path() : options.db;
    if (!std::filesystem::exists(db))
        throw UsageError("no database at " + db + " (run `opfolg ingest` first, or give --db)");
    if (r.action == "unresolve") {
        tracker::Store store(db);
        auto log = tracker::audit_log(store, r.flag_id);
        if (log.empty() || log.back().action == "unresolve")
            throw UsageError("flag " + r.flag_id + " is neither resolved nor snoozed");
        e.candidate_key = log.back().candidate_key;
        e.rule = log.back().rule;
        tracker::append_manual(store, e);
        return e;
    }
    Evaluation ev = evaluate_store(options);
    const rules::Flag* flag = nullptr;
    for (const auto& f : ev.flags)
        if (f.id == r.flag_id) flag = &f;
    if (!flag) throw UsageError("no open flag with id " + r.flag_id + " (see `opfolg report`)");
    e.candidate_key = flag->candidate_key;
    e.rule = flag->rule;
    tracker::Store store(db);
    tracker::append_manual(store, e);
    return e;
}

}  // namespace opfolg::app
