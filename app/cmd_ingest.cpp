// opfolg ingest [--db FILE] [--committees FILE] [--jobs N] [--dry-run] PATH...
#include "app/commands.hpp"
#include "app/pipeline.hpp"
#include "app/progress.hpp"
#include "tracker/committees.hpp"
#include "tracker/ingest_pool.hpp"
#include "tracker/ingest_run.hpp"
#include "tracker/new_store_build.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <unistd.h>


namespace opfolg::app {

namespace fs = std::filesystem;

namespace {
bool is_minutes_file(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char* e : {".txt", ".text", ".md", ".html", ".htm", ".pdf", ".json"})
        if (ext == e) return true;
    return false;
}

// Files in argument order; directories recursively, sorted, not following directory links (no loops),
// hidden entries skipped. Unreadable directories are reported, not fatal.
std::vector<std::string> collect(const std::vector<std::string>& paths, std::vector<std::string>& problems) {
    std::vector<std::string> files;
    for (const auto& path : paths) {
        std::error_code ec;
        auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            problems.push_back(path + ": no such file or directory");
            continue;
        }
        if (!fs::is_directory(status)) {
            // A FIFO or device would block or never end when read; only regular files are minutes.
            if (fs::is_regular_file(status)) files.push_back(path);
            else problems.push_back(path + ": not a regular file");
            continue;
        }
        std::vector<std::string> found;
        fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            const auto name = it->path().filename().string();
            if (!name.empty() && name[0] == '.') {
                if (it->is_directory(ec)) it.disable_recursion_pending();
                continue;
            }
            // A folder's README describes the folder; it is never minutes.
            if (name.rfind("README", 0) == 0) continue;
            if (it->is_regular_file(ec) && is_minutes_file(it->path())) found.push_back(it->path().string());
        }
        if (ec) problems.push_back(path + ": " + ec.message());
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

using Status = tracker::IngestResult::Status;

// The run's output: what a dry run would do and the totals on stdout, then the rejected documents; on stderr
// every replacement (quiet or not: a stored version became history) and, unless quiet, the warnings.
void print_summary(const tracker::IngestSummary& s, bool dry_run, bool quiet) {
    if (dry_run)
        for (const auto& r : s.results) {
            if (r.status == Status::stored) std::cout << "would store: " << r.file << " (" << r.meeting << ")\n";
            if (r.status == Status::replaced)
                std::cout << "would replace: " << r.replaced_file << " (" << r.replaced_sha.substr(0, 12) << ") by "
                          << r.file << " (" << r.meeting << ")\n";
        }
    if (dry_run) std::cout << "dry run, nothing written: ";
    std::cout << "ingested " << (s.stored + s.replaced) << " of " << s.files << " documents (" << s.unchanged
              << " unchanged, " << s.replaced << " replaced, " << s.rejected << " rejected): " << s.meetings
              << " meetings, " << s.items << " items, " << s.decisions << " decisions, " << s.deadlines
              << " deadlines; links: " << s.links.by_reference << " by reference, " << s.links.by_history
              << " by history, " << s.links.by_case_number << " by case number\n";
    for (const auto& r : s.results)
        if (r.status == Status::rejected) std::cout << "rejected: " << r.file << ":" << r.line << ": " << r.reason << '\n';
    if (!dry_run)
        for (const auto& r : s.results)
            if (r.status == Status::replaced)
                std::cerr << "replaced: " << r.replaced_file << " (" << r.replaced_sha.substr(0, 12) << ") by " << r.file
                          << '\n';
    if (!quiet)
        for (const auto& r : s.results)
            for (const auto& w : r.warning_list)
                std::cerr << r.file << ":" << w.line << ": warning: " << w.message << '\n';
}
}  // namespace

void register_ingest(CLI::App& app, Commands& out) {
    struct Options {
        std::string db, committees;
        std::vector<std::string> paths, rules;
        double threshold = tracker::default_title_threshold;
        bool quiet = false, dry_run = false;
        unsigned jobs = tracker::default_jobs();
    };
    auto options = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("ingest", "read minutes (files or folders, recursively) into the database");
    cmd->add_option("--db", options->db, "database file (default $OPFOLG_DB or ./opfolg.db)");
    cmd->add_option("--committees", options->committees, "committee names, aliases and renames (committees.conf)");
    cmd->add_option("--rules", options->rules,
                    "rules file(s) or profile whose vocabulary classifies the decisions (default: $OPFOLG_RULES, "
                    "else rules/default.rules)");
    cmd->add_option("--title-similarity", options->threshold,
                    "threshold for linking items by case number and similar title (0..1)")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("-j,--jobs", options->jobs,
                    "threads that read and parse (default: the number of cores); documents are still written "
                    "one at a time, in order")
        ->check(CLI::Range(1u, 256u));
    cmd->add_flag("-q,--quiet", options->quiet, "no progress line and no warnings");
    cmd->add_flag("-n,--dry-run", options->dry_run,
                  "print what would be stored, replaced and rejected; write nothing (the store is only read)");
    cmd->add_option("paths", options->paths, "minutes files or folders")->required();
    out.push_back({cmd, [options] {
        const std::string db = options->db.empty() ? default_db_path() : options->db;
        // The vocabulary is installed before any worker parses; stored decisions follow it (refresh_classes).
        const rules::RuleSet ruleset = load_ruleset(rules_files_in_force(options->rules));
        install_vocabulary(ruleset);
        std::vector<std::string> problems;
        auto files = collect(options->paths, problems);
        for (const auto& p : problems) std::cerr << "opfolg: " << p << '\n';
        if (files.empty() && !problems.empty()) return static_cast<int>(exit_usage);

        // A dry run does everything on a private in-memory copy of the store, so what it prints is exactly what
        // a real run would do, and the file is never written (not even migrated).
        std::unique_ptr<tracker::Store> scratch;
        if (options->dry_run) {
            scratch = tracker::Store::scratch_copy(db);
            options->jobs = 1;  // the workers' look-ups read the store file, which a dry run does not change
        }
        // A first ingest builds the store aside and moves it into place complete (tracker/new_store_build.hpp).
        std::optional<tracker::NewStoreBuild> build = scratch ? std::nullopt : tracker::NewStoreBuild::begin(db);
        std::optional<tracker::Store> file_store;
        if (build) file_store.emplace(build->path(), false, tracker::Store::Journal::building);
        else if (!scratch) file_store.emplace(db);
        tracker::IngestSummary summary;
        {  // everything that holds statements on the store ends before a build is finished
            tracker::Store& store = scratch ? *scratch : *file_store;
            refresh_classes(store, ruleset);
            tracker::Committees committees(store);
            if (!options->committees.empty()) {
                try {
                    committees.apply(tracker::load_committee_config(options->committees));
                } catch (const tracker::StoreError& e) {
                    throw UsageError(e.what());
                }
            }
            // File sizes only for the progress line: a cron run (no terminal) does not stat every file twice.
            const bool show_progress = !options->quiet && isatty(STDERR_FILENO);
            std::vector<std::uint64_t> sizes(files.size());
            std::uint64_t total_bytes = 0;
            for (std::size_t i = 0; show_progress && i < files.size(); ++i) {
                std::error_code ec;
                sizes[i] = fs::file_size(files[i], ec);
                if (ec) sizes[i] = 0;
                total_bytes += sizes[i];
            }
            Progress progress(show_progress, files.size(), total_bytes);
            std::uint64_t done_bytes = 0;
            tracker::IngestRunOptions run;
            run.db_path = file_store ? file_store->path() : db;
            run.jobs = options->jobs;
            run.title_threshold = options->threshold;
            run.written = [&](std::size_t i) { progress.update(i + 1, done_bytes += sizes[i]); };
            summary = tracker::ingest_paths(store, committees, files, run);
            progress.finish();
            // The kept open flags follow what this run stored, so the report after it only reads them.
            if (!options->dry_run) refresh_open_flags(store, ruleset);
        }
        if (build) build->finish(file_store);
        print_summary(summary, options->dry_run, options->quiet);
        if (!problems.empty() || summary.rejected > 0) return static_cast<int>(exit_partial);
        return static_cast<int>(exit_ok);
    }});
}

}  // namespace opfolg::app
