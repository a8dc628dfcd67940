// opfolg ingest [--db FILE] [--committees FILE] [--jobs N] [--dry-run] PATH...
#include "app/commands.hpp"
#include "app/ingest_pool.hpp"
#include "app/log.hpp"
#include "app/pipeline.hpp"
#include "app/progress.hpp"
#include "tracker/committees.hpp"
#include "tracker/ingest.hpp"
#include "tracker/linker.hpp"
#include "tracker/sqlite.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <unistd.h>

#include <spdlog/spdlog.h>

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

}  // namespace

void register_ingest(CLI::App& app, Commands& out) {
    struct Options {
        std::string db, committees;
        std::vector<std::string> paths, rules;
        double threshold = tracker::default_title_threshold;
        bool quiet = false, dry_run = false;
        unsigned jobs = default_jobs();
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
        std::optional<tracker::Store> file_store;
        if (!scratch) file_store.emplace(db);
        tracker::Store& store = scratch ? *scratch : *file_store;
        refresh_classes(store, ruleset);
        tracker::Committees committees(store);
        // Every document is a commit of ~70 WAL pages (FTS5 segments, indexes); checkpointing every 1,000 pages
        // (the default) copied and synced the same pages again and again: 30 % of a bulk ingest's wall time.
        // Durability is the same (WAL, synchronous=NORMAL); the WAL file goes when the store is closed.
        tracker::exec(store.handle(), "PRAGMA wal_autocheckpoint = 16384");
        if (!options->committees.empty()) {
            try {
                committees.apply(tracker::load_committee_config(options->committees));
            } catch (const tracker::StoreError& e) {
                throw UsageError(e.what());
            }
        }
        tracker::Ingestor ingestor(store, committees);
        std::vector<std::uint64_t> sizes(files.size());
        std::uint64_t total_bytes = 0;
        for (std::size_t i = 0; i < files.size(); ++i) {
            std::error_code ec;
            sizes[i] = fs::file_size(files[i], ec);
            if (ec) sizes[i] = 0;
            total_bytes += sizes[i];
        }
        Progress progress(!options->quiet && isatty(STDERR_FILENO), files.size(), total_bytes);
        std::uint64_t done_bytes = 0;
        auto advance = [&](std::size_t i) { progress.update(i + 1, done_bytes += sizes[i]); };
        int stored = 0, replaced = 0, unchanged = 0, rejected = 0, meetings = 0, items = 0, decisions = 0,
            deadlines = 0;
        std::vector<tracker::IngestResult> rejections;
        std::vector<std::string> warnings, replacements, dry_run_lines;
        auto count = [&](tracker::IngestResult r) {
            switch (r.status) {
                case tracker::IngestResult::Status::stored: ++stored; break;
                case tracker::IngestResult::Status::replaced: ++replaced; break;
                case tracker::IngestResult::Status::unchanged: ++unchanged; break;
                case tracker::IngestResult::Status::rejected: ++rejected; break;
            }
            meetings += r.meetings;
            items += r.items;
            decisions += r.decisions;
            deadlines += r.deadlines;
            for (const auto& w : r.warning_list)
                warnings.push_back(r.file + ":" + std::to_string(w.line) + ": warning: " + w.message);
            if (r.status == tracker::IngestResult::Status::replaced)
                replacements.push_back("replaced: " + r.replaced_file + " (" + r.replaced_sha.substr(0, 12) +
                                       ") by " + r.file);
            if (options->dry_run && r.status == tracker::IngestResult::Status::stored)
                dry_run_lines.push_back("would store: " + r.file + " (" + r.meeting + ")");
            if (options->dry_run && r.status == tracker::IngestResult::Status::replaced)
                dry_run_lines.push_back("would replace: " + r.replaced_file + " (" + r.replaced_sha.substr(0, 12) +
                                        ") by " + r.file + " (" + r.meeting + ")");
            if (r.status == tracker::IngestResult::Status::rejected) rejections.push_back(std::move(r));
        };
        Stopwatch ingesting;
        if (options->jobs <= 1) {
            for (std::size_t i = 0; i < files.size(); ++i) {
                count(ingestor.ingest_file(files[i]));
                advance(i);
            }
        } else {
            // Files whose stamp shows them unchanged are settled here, in order, without a thread hand-off each
            // (which cost more than the stat); the rest are read, hashed and parsed by the workers (each with its
            // own read-only connection for the unchanged checks). This thread writes everything in file order.
            const auto lookup = ingestor.lookup();
            std::vector<std::size_t> to_read;
            for (std::size_t i = 0; i < files.size(); ++i) {
                auto stamp = tracker::file_stamp(files[i]);
                if (!stamp || !lookup.stamp(*stamp)) to_read.push_back(i);
            }
            std::size_t next = 0;  // the next file to write
            auto write_unchanged_until = [&](std::size_t end) {
                for (; next < end; ++next) {
                    count(ingestor.ingest_file(files[next]));  // checks the stamp again; reads if it moved
                    advance(next);
                }
            };
            auto make_worker = [&]() -> PrepareFn {
                auto known = std::make_shared<tracker::KnownDocuments>(db);
                return [known, lookup = known->lookup(), &files, &to_read](std::size_t k) {
                    return tracker::prepare_file(files[to_read[k]], lookup);
                };
            };
            prepare_in_order(to_read.size(), options->jobs, make_worker,
                             [&](std::size_t k, tracker::PreparedDocument&& prepared) {
                                 write_unchanged_until(to_read[k]);
                                 count(ingestor.write(std::move(prepared)));
                                 advance(next);
                                 ++next;
                             });
            write_unchanged_until(files.size());
        }
        ingestor.flush_stamps();
        progress.finish();
        // Links are recomputed only around the meetings this run (or an interrupted one) stored; an unchanged
        // store keeps its links and only their counts are read. Either way: what a full relink would give.
        spdlog::debug("ingest: {} files on {} thread(s) in {:.1f} ms: {} stored, {} replaced, {} unchanged, {} rejected",
                      files.size(), std::max(1u, options->jobs), ingesting.ms(), stored, replaced, unchanged, rejected);
        Stopwatch relinking;
        tracker::Relinked how = tracker::Relinked::no;
        auto links = tracker::relink_if_changed(store, options->threshold, &how);
        spdlog::debug("relink: {} in {:.1f} ms", how == tracker::Relinked::no          ? "nothing changed, counts read"
                                                 : how == tracker::Relinked::new_meetings ? "around the new meetings"
                                                                                         : "every link recomputed",
                      relinking.ms());

        for (const auto& line : dry_run_lines) std::cout << line << '\n';
        if (options->dry_run) std::cout << "dry run, nothing written: ";
        std::cout << "ingested " << (stored + replaced) << " of " << files.size() << " documents (" << unchanged
                  << " unchanged, " << replaced << " replaced, " << rejected << " rejected): " << meetings
                  << " meetings, " << items << " items, " << decisions << " decisions, " << deadlines
                  << " deadlines; links: " << links.by_reference << " by reference, " << links.by_history
                  << " by history, " << links.by_case_number << " by case number\n";
        for (const auto& r : rejections)
            std::cout << "rejected: " << r.file << ":" << r.line << ": " << r.reason << '\n';
        // Every replacement is named, quiet or not: a stored version became history.
        if (!options->dry_run)
            for (const auto& r : replacements) std::cerr << r << '\n';
        if (!options->quiet)
            for (const auto& w : warnings) std::cerr << w << '\n';
        if (!problems.empty() || rejected > 0) return static_cast<int>(exit_partial);
        return static_cast<int>(exit_ok);
    }});
}

}  // namespace opfolg::app
