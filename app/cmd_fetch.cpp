// opfolg fetch --out DIR [--base-url URL] [--list FILE] [--since YYYY-MM-DD] [--timeout S] [URL|ID ...]
// Downloads agendas/minutes into a folder for `opfolg ingest`: conditional requests from the folder's state, one
// line per URL, one-line errors on stderr, no partial files. With --base-url and nothing else to fetch, the
// meetings come from the FirstAgenda committee listing.
#include "app/commands.hpp"
#include "app/fetch_http.hpp"
#include "app/fetch_listing.hpp"
#include "app/fetch_names.hpp"
#include "app/fetch_state.hpp"
#include "app/pipeline.hpp"
#include "notifier/report.hpp"
#include "text/iso_date.hpp"

#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>

namespace opfolg::app {

namespace {

namespace fs = std::filesystem;

struct FetchOptions {
    std::string out, base_url, list, since;
    std::vector<std::string> given;
    long timeout = 60;
};

std::vector<std::string> read_list(const std::string& path) {
    std::ifstream file;
    if (path != "-") {
        file.open(path);
        if (!file) throw UsageError("--list: cannot read " + path);
    }
    std::istream& in = path == "-" ? std::cin : file;
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) {
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#') continue;
        const auto last = line.find_last_not_of(" \t\r");
        out.push_back(line.substr(first, last - first + 1));
    }
    return out;
}

// The ids of the listed meetings (on or after `since` when given; meetings without a date are kept).
std::vector<std::string> discover(const std::string& base, const std::string& since, const DownloadLimits& limits) {
    const std::string url = base + "/api/agenda/udvalgsliste";
    const auto meetings = meetings_in_listing(download_to_memory(url, limits));
    std::vector<std::string> ids;
    for (const auto& m : meetings)
        if (since.empty() || m.date.empty() || m.date >= since) ids.push_back(m.id);
    std::cout << "listed " << meetings.size() << " meetings at " << url;
    if (!since.empty()) std::cout << ", " << ids.size() << " from " << since;
    std::cout << '\n';
    return ids;
}

// Each URL keeps the name it had in an earlier run. A name belongs to the URL whose file it holds (from the state,
// or stored earlier in this run); another URL with the same plain name gets a hashed suffix. A failed download
// claims no name.
class Names {
public:
    explicit Names(const FetchState& state) : state_(state) {
        for (const auto& [url, entry] : state.by_url) owner_.emplace(entry.file, url);
    }
    std::string choose(const Source& source) const {
        const auto known = state_.by_url.find(source.url);
        if (known != state_.by_url.end()) return known->second.file;
        const auto owner = owner_.find(source.name);
        return owner == owner_.end() || owner->second == source.url ? source.name
                                                                     : disambiguated_name(source.name, source.url);
    }
    void claim(const std::string& name, const std::string& url) { owner_[name] = url; }

private:
    const FetchState& state_;
    std::map<std::string, std::string> owner_;  // file name → URL
};

struct Tally {
    int fetched = 0, unchanged = 0, failed = 0;
};

// One URL: a conditional GET when its file is still there, the state updated, one line of output.
void fetch_one(const Source& source, const fs::path& dir, const DownloadLimits& limits, FetchState& state,
               Names& names, Tally& tally) {
    const auto known = state.by_url.find(source.url);
    const std::string chosen = names.choose(source);
    // Conditional only while the file is still there: a deleted file is fetched again in full.
    std::error_code ec;
    const bool have =
        known != state.by_url.end() && known->second.file == chosen && fs::is_regular_file(dir / chosen, ec);
    Expectations expect;
    expect.json_object = source.agenda;
    expect.extension_by_type = known == state.by_url.end();  // a known URL keeps the name it has
    const auto result =
        download(source.url, have ? known->second.validators : Validators{}, dir, dir / chosen, limits, expect);
    const std::string name = result.target.filename().string();
    switch (result.outcome) {
    case Outcome::fetched:
        ++tally.fetched;
        names.claim(name, source.url);
        state.by_url[source.url] = {name, result.validators, text::iso_timestamp_now()};
        std::cout << "fetched " << source.url << " -> " << result.target.string() << " (" << result.bytes
                  << " bytes)\n";
        break;
    case Outcome::unchanged: {
        ++tally.unchanged;
        names.claim(name, source.url);
        auto& entry = state.by_url[source.url];
        if (entry.file != name) entry.fetched_at = text::iso_timestamp_now();
        entry.file = name;
        entry.validators = result.validators;
        std::cout << "unchanged " << source.url << " -> " << result.target.string() << '\n';
        break;
    }
    case Outcome::failed:
        ++tally.failed;
        std::cout.flush();
        std::cerr << "opfolg: error: " << source.url << ": " << result.error << '\n';
        break;
    }
    std::cout.flush();
}

int run_fetch(const FetchOptions& o) {
    if (o.out.empty()) throw UsageError("fetch: --out DIR is required");
    if (o.timeout < 1 || o.timeout > 3600) throw UsageError("--timeout: give 1 to 3600 seconds");
    std::string base;
    if (!o.base_url.empty()) {
        try {
            base = normalize_base_url(o.base_url);
        } catch (const BadSource& e) {
            throw UsageError("--base-url: " + std::string(e.what()));
        }
    }
    std::vector<std::string> given = o.given;
    if (!o.list.empty())
        for (auto& line : read_list(o.list)) given.push_back(std::move(line));
    const bool discovery = given.empty() && o.list.empty() && !base.empty();
    if (given.empty() && o.list.empty() && base.empty())
        throw UsageError("fetch: give URLs or agenda ids, --list FILE, or --base-url URL alone to fetch every "
                         "meeting of the committee listing");
    if (!o.since.empty()) {
        date::year_month_day d;
        if (!text::parse_iso(o.since, d))
            throw UsageError("--since: \"" + o.since + "\" is not a date (YYYY-MM-DD)");
        if (!discovery) throw UsageError("--since selects meetings of the listing: use it with --base-url alone");
    }

    const fs::path dir = o.out;
    std::error_code ec;
    fs::create_directories(dir, ec);  // the check below reports the failure
    if (!fs::is_directory(dir)) throw std::runtime_error("cannot create the folder " + dir.string());
    FolderLock lock(dir);
    remove_stale_temp_files(dir);
    FetchState state = FetchState::load(dir);
    DownloadLimits limits;
    limits.timeout_seconds = o.timeout;

    Tally tally;
    std::vector<Source> sources;
    if (discovery) {
        try {
            given = discover(base, o.since, limits);
        } catch (const std::runtime_error& e) {
            std::cerr << "opfolg: error: " << e.what() << '\n';
            return exit_failure;
        }
    }
    std::set<std::string> urls;
    for (const auto& g : given) {
        try {
            Source s = make_source(g, base);
            if (urls.insert(s.url).second) sources.push_back(std::move(s));
        } catch (const BadSource& e) {
            std::cerr << "opfolg: error: " << g << ": " << e.what() << '\n';
            ++tally.failed;
        }
    }

    Names names(state);
    for (const auto& source : sources) fetch_one(source, dir, limits, state, names, tally);
    state.save(dir);
    const int total = tally.fetched + tally.unchanged + tally.failed;
    std::cout << "fetch: " << tally.fetched << " fetched, " << tally.unchanged << " unchanged, " << tally.failed
              << " failed of " << total << " into " << dir.string() << '\n';
    if (tally.failed == 0) return exit_ok;
    return tally.failed == total ? exit_failure : exit_partial;
}

}  // namespace

void register_fetch(CLI::App& app, Commands& out) {
    auto o = std::make_shared<FetchOptions>();
    CLI::App* fetch = app.add_subcommand(
        "fetch", "download agendas/minutes (URLs or FirstAgenda agenda ids) into a folder, only what changed");
    fetch->add_option("sources", o->given, "http(s) URLs, or agenda ids with --base-url");
    fetch->add_option("--out,-o", o->out, "the folder to write into (created when missing)")->required();
    fetch->add_option("--base-url", o->base_url,
                      "FirstAgenda publication site, e.g. https://dagsordener.greve.dk: ids are fetched from "
                      "{base}/api/agenda/dagsorden/{id}; alone, every meeting of {base}/api/agenda/udvalgsliste");
    fetch->add_option("--list", o->list, "read URLs or ids from FILE, one per line, # comments (- for stdin)");
    fetch->add_option("--since", o->since, "with --base-url alone: only meetings on or after YYYY-MM-DD");
    fetch->add_option("--timeout", o->timeout, "seconds per request (default 60)");
    out.push_back({fetch, [o] { return run_fetch(*o); }});
}

}  // namespace opfolg::app
