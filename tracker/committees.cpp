#include "tracker/committees.hpp"
#include "grammar/reader.hpp"
#include "tracker/sqlite.hpp"

#include <algorithm>
#include <fstream>

namespace opfolg::tracker {

std::string committee_key(std::string_view name) {
    std::string lower = utf8_lower(name);
    std::string out;
    for (char c : lower) {
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        if ((c == ',' || c == '.') && !out.empty() && out.back() == ' ') out.pop_back();
        out += c;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

CommitteeConfig load_committee_config(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw StoreError(path + ": cannot open committee file");
    CommitteeConfig config;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.pop_back();
        if (line.empty()) continue;
        bool indented = line[0] == ' ' || line[0] == '\t';
        std::string text = line.substr(line.find_first_not_of(" \t"));
        if (!indented) {
            config.entries.push_back({text, {}});
        } else if (config.entries.empty()) {
            throw StoreError(path + ":" + std::to_string(number) + ": alias \"" + text +
                             "\" before any committee name");
        } else {
            config.entries.back().aliases.push_back(text);
        }
    }
    return config;
}

Committees::Committees(Store& store) : store_(store) { reload(); }

void Committees::reload() {
    known_.clear();
    Statement names(store_.handle(), "SELECT key, id FROM committees");
    while (names.step()) known_.push_back({names.text(0), names.integer(1)});
    Statement aliases(store_.handle(), "SELECT key, committee_id FROM committee_aliases");
    while (aliases.step()) known_.push_back({aliases.text(0), aliases.integer(1)});
}

void Committees::apply(const CommitteeConfig& config) {
    sqlite3* db = store_.handle();
    Transaction tx(db);  // all of the file or none, and no race with an overlapping ingest
    reload();
    for (const auto& entry : config.entries) {
        std::int64_t id = find(entry.name);
        if (id == 0) {
            Statement insert(db, "INSERT INTO committees(name, key) VALUES(?, ?)");
            insert.bind(1, entry.name).bind(2, committee_key(entry.name)).run();
            id = last_insert_id(db);
        } else {
            Statement rename(db, "UPDATE committees SET name = ? WHERE id = ?");
            rename.bind(1, entry.name).bind(2, id).run();
        }
        for (const auto& alias : entry.aliases) {
            std::string key = committee_key(alias);
            // A name already known as its own committee (ingested before the config) is merged into this one.
            Statement merged(db, "SELECT id FROM committees WHERE key = ? AND id <> ?");
            merged.bind(1, key).bind(2, id);
            if (merged.step()) {
                std::int64_t old = merged.integer(0);
                for (const char* sql : {"UPDATE meetings SET committee_id = ?1 WHERE committee_id = ?2",
                                        "UPDATE decisions SET committee_id = ?1 WHERE committee_id = ?2",
                                        "UPDATE refs SET committee_id = ?1 WHERE committee_id = ?2",
                                        "UPDATE committee_aliases SET committee_id = ?1 WHERE committee_id = ?2",
                                        "DELETE FROM committees WHERE id = ?2"}) {
                    Statement s(db, sql);
                    s.bind(1, id).bind(2, old).run();
                }
            }
            Statement insert(db,
                             "INSERT INTO committee_aliases(key, committee_id, alias) VALUES(?, ?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET committee_id = excluded.committee_id");
            insert.bind(1, key).bind(2, id).bind(3, alias).run();
        }
    }
    tx.commit();
    reload();
}

std::int64_t Committees::find(const std::string& name) const {
    const std::string key = committee_key(name);
    for (const auto& k : known_)
        if (k.key == key) return k.id;
    // Small typos: within 2 edits, or 1 in 15 characters for long names; the closest wins.
    std::size_t best = std::max<std::size_t>(2, key.size() / 15) + 1;
    std::int64_t best_id = 0;
    for (const auto& k : known_) {
        std::size_t longer = std::max(k.key.size(), key.size());
        std::size_t shorter = std::min(k.key.size(), key.size());
        if (longer - shorter >= best) continue;
        std::size_t d = edit_distance(k.key, key);
        if (d < best) {
            best = d;
            best_id = k.id;
        }
    }
    return best_id;
}

std::int64_t Committees::resolve(const std::string& name) {
    std::int64_t id = find(name);
    if (id != 0) return id;
    // Another process (an overlapping cron ingest) may have added it since we loaded: look again. Callers hold
    // the write transaction here, so what we read now cannot change under us.
    reload();
    id = find(name);
    if (id != 0) return id;
    Statement insert(store_.handle(), "INSERT INTO committees(name, key) VALUES(?, ?)");
    insert.bind(1, name).bind(2, committee_key(name)).run();
    id = last_insert_id(store_.handle());
    known_.push_back({committee_key(name), id});
    return id;
}

}  // namespace opfolg::tracker
