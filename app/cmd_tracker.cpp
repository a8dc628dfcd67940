// Tracker commands: meetings, items, case, search, and the manual decisions resolve / snooze / unresolve /
// audit (an append-only log; a resolution attaches to the flag's candidate, so it survives re-ingests).
#include "app/commands.hpp"
#include "notifier/case_timeline.hpp"
#include "app/manual.hpp"
#include "app/pipeline.hpp"
#include "grammar/dates.hpp"
#include "tracker/queries.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace opfolg::app {

namespace {
std::string db_path(const std::string& given) {
    std::string db = given.empty() ? default_db_path() : given;
    if (!std::filesystem::exists(db)) throw UsageError("no database at " + db + " (run `opfolg ingest` first, or give --db)");
    return db;
}

void print_item(const tracker::ItemRow& r) {
    std::cout << r.date << "  " << r.committee << "  Punkt " << r.number << "  " << (r.closed ? "[lukket] " : "")
              << r.title << "  " << r.case_number << "  [" << r.classes << "]  " << r.source << '\n';
}

void print_version_line(const tracker::DocumentVersion& v) {
    std::cout << "    replaced " << v.replaced_at << ": document " << v.id << "  " << v.path << "  (sha256 "
              << v.sha256.substr(0, 12) << ")\n";
}

void register_meetings(CLI::App& app, Commands& out) {
    struct Options {
        std::string db, committee, as_of;
        bool history = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("meetings", "list stored meetings");
    cmd->add_option("--db", o->db, "database file");
    cmd->add_option("--committee", o->committee, "committee name (part of it, any case)");
    cmd->add_option("--as-of", o->as_of, "only meetings on or before this day");
    cmd->add_flag("--history", o->history, "also list the versions each meeting's document replaced");
    out.push_back({cmd, [o] {
        tracker::Store store(db_path(o->db), true);
        std::optional<date::year_month_day> as_of;
        if (!o->as_of.empty()) as_of = resolve_as_of(o->as_of);
        for (const auto& m : tracker::list_meetings(store, o->committee, as_of)) {
            std::cout << dates::iso(m.date) << (m.time.empty() ? "" : " " + m.time) << "  " << m.committee << "  "
                      << m.items << " items  " << m.file;
            if (o->history) std::cout << "  (document " << m.document_id << ")";
            std::cout << '\n';
            if (o->history)
                for (const auto& v : tracker::earlier_versions(store, m.document_id)) print_version_line(v);
        }
        return static_cast<int>(exit_ok);
    }});
}

// opfolg document DOC-ID: one stored document, current or replaced, with what it says.
void register_document(CLI::App& app, Commands& out) {
    struct Options { std::string db, id; };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("document", "one stored document (current or a replaced version) and its items");
    cmd->add_option("--db", o->db, "database file");
    cmd->add_option("DOC-ID", o->id, "document id (opfolg meetings --history) or a SHA-256 prefix")->required();
    out.push_back({cmd, [o] {
        tracker::Store store(db_path(o->db), true);
        auto doc = tracker::find_document(store, o->id);
        if (!doc) throw UsageError("no document " + o->id + " (ids: opfolg meetings --history; or 6+ hex digits of its sha256)");
        std::cout << "document " << doc->id << ": " << doc->path << "\n  sha256 " << doc->sha256 << ", " << doc->rendering
                  << ", ingested " << doc->ingested_at << '\n';
        std::string snapshot = doc->snapshot;
        if (doc->replaced_by != 0) {
            auto by = tracker::find_document(store, std::to_string(doc->replaced_by));
            std::cout << "  replaced " << doc->replaced_at << " by document " << doc->replaced_by
                      << (by ? "  " + by->path : std::string()) << '\n';
        } else {
            snapshot = tracker::document_snapshot(store, doc->id);
            std::cout << "  current version\n";
        }
        for (const auto& v : tracker::earlier_versions(store, doc->id)) print_version_line(v);
        if (snapshot.empty()) return static_cast<int>(exit_ok);
        const auto j = nlohmann::json::parse(snapshot);
        const auto& m = j.at("meeting");
        std::cout << "meeting: " << m.at("committee").get<std::string>() << "  " << m.at("date").get<std::string>()
                  << (m.at("time").get<std::string>().empty() ? "" : " " + m.at("time").get<std::string>())
                  << (m.at("source_id").get<std::string>().empty() ? "" : "  id " + m.at("source_id").get<std::string>())
                  << '\n';
        for (const auto& item : j.at("items")) {
            std::cout << "  Punkt " << item.at("number").get<int>() << ": " << item.at("title").get<std::string>();
            if (!item.at("case").get<std::string>().empty()) std::cout << "  " << item.at("case").get<std::string>();
            std::cout << '\n';
            if (item.contains("decision"))
                std::cout << "    Beslutning (line " << item["decision"].at("line").get<int>() << ", "
                          << item["decision"].at("classes").get<std::string>()
                          << "): " << item["decision"].at("text").get<std::string>() << '\n';
        }
        return static_cast<int>(exit_ok);
    }});
}

// opfolg index: the full-text index is built when first read; this builds it now (e.g. after a cron ingest,
// so the first search of the day is quick).
void register_index(CLI::App& app, Commands& out) {
    auto db = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("index", "bring the full-text search index up to date (search does it when needed)");
    cmd->add_option("--db", *db, "database file");
    out.push_back({cmd, [db] {
        tracker::Store store(db_path(*db));
        std::cout << "indexed " << tracker::update_search_index(store) << " items\n";
        return static_cast<int>(exit_ok);
    }});
}

void register_items(CLI::App& app, Commands& out) {
    struct Options { std::string db, committee, decision_class; };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("items", "list stored items");
    cmd->add_option("--db", o->db, "database file");
    cmd->add_option("--committee", o->committee, "committee name (part of it, any case)");
    cmd->add_option("--class", o->decision_class, "decision class: postponed, new_case, returned, noted, approved, ...");
    out.push_back({cmd, [o] {
        DecisionClass c;
        if (!o->decision_class.empty() && !decision_class_from_string(o->decision_class, c))
            throw UsageError("--class: unknown decision class \"" + o->decision_class + "\"");
        tracker::Store store(db_path(o->db), true);
        for (const auto& r : tracker::list_items(store, o->committee, o->decision_class)) print_item(r);
        return static_cast<int>(exit_ok);
    }});
}

void register_case(CLI::App& app, Commands& out) {
    struct Options { std::string db, case_number; };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("case", "a case's timeline across committees and meetings");
    cmd->add_option("--db", o->db, "database file");
    cmd->add_option("case-number", o->case_number, "KLE case number, e.g. 15.00.00-P05-3-20")->required();
    out.push_back({cmd, [o] {
        tracker::Store store(db_path(o->db), true);
        auto events = tracker::case_timeline(store, o->case_number);
        if (events.empty()) {
            std::cout << "no items with case number " << o->case_number << '\n';
            return static_cast<int>(exit_ok);
        }
        std::cout << "Sag " << o->case_number << ": " << events.size() << " events\n";
        for (const auto& e : events) {
            std::cout << e.item.date << "  " << e.item.committee;
            if (e.origin == "history") std::cout << "  (Sagens forløb)";
            else std::cout << "  Punkt " << e.item.number;
            std::cout << "  " << e.item.title << '\n';
            std::cout << "    Beslutning [" << e.item.classes << "]: " << e.item.decision << "  (" << e.item.source << ")\n";
            for (const auto& d : e.deadlines) std::cout << "    frist: " << notifier::describe(d) << '\n';
            for (const auto& l : e.links) std::cout << "    " << notifier::describe(l) << '\n';
        }
        return static_cast<int>(exit_ok);
    }});
}

void register_search(CLI::App& app, Commands& out) {
    struct Options { std::string db; std::vector<std::string> words; int limit = 20; };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("search", "full-text search over items");
    cmd->add_option("--db", o->db, "database file");
    cmd->add_option("--limit", o->limit, "most hits shown")->check(CLI::PositiveNumber);
    cmd->add_option("text", o->words, "words to find (all must occur; word* for a prefix)")->required();
    out.push_back({cmd, [o] {
        tracker::Store store(db_path(o->db), true);
        std::string text;
        for (const auto& w : o->words) text += (text.empty() ? "" : " ") + w;
        auto hits = tracker::search_items(store, text, o->limit);
        for (const auto& h : hits) {
            print_item(h.item);
            std::cout << "    " << h.snippet << '\n';
        }
        if (hits.empty()) std::cout << "no items match \"" << text << "\"\n";
        return static_cast<int>(exit_ok);
    }});
}

void register_manual(CLI::App& app, Commands& out, const std::string& action) {
    struct Options { CommonOptions common; std::string flag, by, note, until; };
    auto o = std::make_shared<Options>();
    const char* help = action == "resolve" ? "mark a flag resolved by hand (kept across re-ingests)"
                       : action == "snooze" ? "hide a flag until a date"
                                            : "undo a resolve or snooze";
    auto* cmd = app.add_subcommand(action, help);
    add_common_options(*cmd, o->common);
    cmd->add_option("flag-id", o->flag, "flag id from the report")->required();
    cmd->add_option("--by", o->by, "who decides")->required();
    cmd->add_option("--note", o->note, "why")->required();
    if (action == "snooze") cmd->add_option("--until", o->until, "YYYY-MM-DD")->required();
    out.push_back({cmd, [o, action] {
        record_manual(o->common, {action, o->flag, o->by, o->note, o->until});
        std::cout << action << "d " << o->flag << " by " << o->by << '\n';
        return static_cast<int>(exit_ok);
    }});
}

void register_audit(CLI::App& app, Commands& out) {
    struct Options { std::string db, flag; };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("audit", "the log of manual decisions (append-only)");
    cmd->add_option("--db", o->db, "database file");
    cmd->add_option("--flag", o->flag, "only this flag");
    out.push_back({cmd, [o] {
        tracker::Store store(db_path(o->db), true);
        for (const auto& e : tracker::audit_log(store, o->flag)) {
            std::cout << e.at << "  " << e.action << "  " << e.flag_id << "  " << e.rule << "  by " << e.by;
            if (!e.until.empty()) std::cout << "  until " << e.until;
            std::cout << "  \"" << e.note << "\"  (" << e.candidate_key << ")\n";
        }
        return static_cast<int>(exit_ok);
    }});
}
}  // namespace

void register_tracker_commands(CLI::App& app, Commands& out) {
    register_meetings(app, out);
    register_document(app, out);
    register_index(app, out);
    register_items(app, out);
    register_case(app, out);
    register_search(app, out);
    for (const char* action : {"resolve", "snooze", "unresolve"}) register_manual(app, out, action);
    register_audit(app, out);
}

}  // namespace opfolg::app
