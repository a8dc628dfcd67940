#include "tracker/committees.hpp"
#include "grammar/reader.hpp"
#include "text/edit_distance.hpp"
#include "text/utf8.hpp"
#include "tracker/sqlite.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace opfolg::tracker {

std::string committee_key(std::string_view name) {
    // Spellings of one name: case, runs of whitespace, dash variants, spaces around a hyphen ("Børne-og" is
    // "Børne- og"), punctuation (commas, full stops, brackets, quotes) and "&" for "og". Digits and letters
    // are never changed: "Udvalg nr. 1" and "Udvalg nr. 2" stay two keys.
    const std::string lower = utf8_lower(name);
    std::string spaced;
    spaced.reserve(lower.size());
    for (std::size_t i = 0; i < lower.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(lower[i]);
        if (c == 0xE2 && i + 2 < lower.size()) {
            const unsigned char c1 = static_cast<unsigned char>(lower[i + 1]);
            const unsigned char c2 = static_cast<unsigned char>(lower[i + 2]);
            if ((c1 == 0x80 && c2 >= 0x90 && c2 <= 0x95) || (c1 == 0x88 && c2 == 0x92)) {  // U+2010..2015, U+2212
                spaced += '-';
                i += 2;
                continue;
            }
            if (c1 == 0x80 && (c2 == 0x98 || c2 == 0x99 || c2 == 0x9C || c2 == 0x9D)) {  // curly quotes
                spaced += ' ';
                i += 2;
                continue;
            }
        }
        if (c == 0xC2 && i + 1 < lower.size()) {
            const unsigned char c1 = static_cast<unsigned char>(lower[i + 1]);
            if (c1 == 0xAD) { ++i; continue; }                                        // soft hyphen
            if (c1 == 0xA0 || c1 == 0xAB || c1 == 0xBB) { spaced += ' '; ++i; continue; }  // NBSP, « »
        }
        if (c == '&') {
            spaced += " og ";
            continue;
        }
        if (std::strchr(",.;:!?()[]\"'/\t\n\r", c) != nullptr && c != 0) {
            spaced += ' ';
            continue;
        }
        spaced += static_cast<char>(c);
    }
    std::string out;
    out.reserve(spaced.size());
    for (std::size_t i = 0; i < spaced.size(); ++i) {
        const char c = spaced[i];
        if (c == ' ') {
            if (out.empty() || out.back() == ' ' || out.back() == '-') continue;
            std::size_t next = spaced.find_first_not_of(' ', i);
            if (next == std::string::npos || spaced[next] == '-') continue;
        }
        out += c;
    }
    return out;
}

namespace {
// Digits and ordinal words tell committees apart ("Udvalg nr. 1" / "nr. 2", "1. underudvalg" / "2."); a name
// that differs from a known one in them is never a typo of it.
bool is_number_word(std::string_view word) {
    static const char* const ordinals[] = {"første", "anden", "andet", "tredje", "fjerde", "femte", "sjette",
                                           "syvende", "ottende", "niende", "tiende", "elvte", "tolvte"};
    for (char c : word)
        if (c >= '0' && c <= '9') return true;
    for (const char* o : ordinals)
        if (word == o) return true;
    return false;
}

std::vector<std::string_view> number_words(std::string_view key) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (at < key.size()) {
        std::size_t end = key.find_first_of(" -", at);
        if (end == std::string_view::npos) end = key.size();
        std::string_view word = key.substr(at, end - at);
        if (!word.empty() && is_number_word(word)) out.push_back(word);
        at = end + 1;
    }
    return out;
}
}  // namespace

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
            // Only a real rename writes: an unchanged committees.conf at every cron run must not look like one
            // (the kept open flags are rebuilt when a committee's name changes).
            Statement rename(db, "UPDATE committees SET name = ?1 WHERE id = ?2 AND name IS NOT ?1");
            rename.bind(1, entry.name).bind(2, id).run();
        }
        for (const auto& alias : entry.aliases) {
            std::string key = committee_key(alias);
            // A name already known as its own committee (ingested before the config) is merged into this one.
            Statement merged(db, "SELECT id FROM committees WHERE key = ? AND id <> ?");
            merged.bind(1, key).bind(2, id);
            if (merged.step()) {
                const std::int64_t old = merged.integer(0);
                merged.reset();
                merge_committee(db, old, id);
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
    return 0;
}

std::optional<std::string> Committees::close_to(const std::string& name) const {
    const std::string key = committee_key(name);
    const auto numbers = number_words(key);
    // Small typos: within 2 edits, or 1 in 15 characters for long names; the closest wins.
    std::size_t best = std::max<std::size_t>(2, key.size() / 15) + 1;
    const Known* closest = nullptr;
    for (const auto& k : known_) {
        if (k.key == key) continue;
        std::size_t longer = std::max(k.key.size(), key.size());
        std::size_t shorter = std::min(k.key.size(), key.size());
        if (longer - shorter >= best) continue;
        if (number_words(k.key) != numbers) continue;
        std::size_t d = text::edit_distance(k.key, key);
        if (d < best) {
            best = d;
            closest = &k;
        }
    }
    if (!closest) return std::nullopt;
    Statement s(store_.handle(), "SELECT name FROM committees WHERE id = ?");
    s.bind(1, closest->id);
    if (!s.step()) return std::nullopt;
    return s.text(0);
}

std::int64_t Committees::resolve(const std::string& name, std::optional<std::string>* close) {
    std::int64_t id = find(name);
    if (id != 0) return id;
    // Another process (an overlapping cron ingest) may have added it since we loaded: look again. Callers hold
    // the write transaction here, so what we read now cannot change under us.
    reload();
    id = find(name);
    if (id != 0) return id;
    // A new committee, even when it is one letter away from a known one: merging is for committees.conf to say.
    if (close) *close = close_to(name);
    Statement insert(store_.handle(), "INSERT INTO committees(name, key) VALUES(?, ?)");
    insert.bind(1, name).bind(2, committee_key(name)).run();
    id = last_insert_id(store_.handle());
    known_.push_back({committee_key(name), id});
    return id;
}

std::string match_stored_committee(Store& store, const std::string& name) {
    const std::string key = committee_key(name);
    {
        Statement exact(store.handle(), "SELECT c.name FROM committees c WHERE c.key = ?1 UNION "
                                        "SELECT c.name FROM committee_aliases a JOIN committees c ON c.id = a.committee_id "
                                        "WHERE a.key = ?1");
        exact.bind(1, key);
        if (exact.step()) return exact.text(0);
    }
    std::vector<std::string> matches;
    Statement all(store.handle(), "SELECT name FROM committees ORDER BY name");
    while (all.step())
        if (text::contains_folded(all.text(0), name)) matches.push_back(all.text(0));
    if (matches.empty()) throw std::invalid_argument("--committee: no stored committee matches \"" + name + "\"");
    if (matches.size() > 1) {
        std::string names;
        for (const auto& m : matches) names += "\n  " + m;
        throw std::invalid_argument("--committee: \"" + name + "\" matches several committees:" + names);
    }
    return matches.front();
}

void rekey_committees(sqlite3* db) {
    // Committees whose names are now one key are merged into the oldest; aliases follow their committee.
    std::vector<std::pair<std::int64_t, std::string>> names;
    {
        Statement s(db, "SELECT id, name FROM committees ORDER BY id");
        while (s.step()) names.emplace_back(s.integer(0), s.text(1));
    }
    // Old keys out of the way first: a committee's new key may be another one's old key.
    exec(db, "UPDATE committees SET key = char(1) || id");
    std::vector<std::pair<std::string, std::int64_t>> seen;
    for (const auto& [id, name] : names) {
        const std::string key = committee_key(name);
        auto same = std::find_if(seen.begin(), seen.end(), [&](const auto& k) { return k.first == key; });
        if (same != seen.end()) {
            merge_committee(db, id, same->second);
            continue;
        }
        seen.emplace_back(key, id);
        Statement update(db, "UPDATE committees SET key = ? WHERE id = ?");
        update.bind(1, key).bind(2, id).run();
    }
    std::vector<std::pair<std::string, std::int64_t>> aliases;
    {
        Statement s(db, "SELECT alias, committee_id FROM committee_aliases");
        while (s.step()) aliases.emplace_back(s.text(0), s.integer(1));
    }
    exec(db, "DELETE FROM committee_aliases");
    Statement insert(db, "INSERT OR IGNORE INTO committee_aliases(key, committee_id, alias) VALUES(?, ?, ?)");
    for (const auto& [alias, id] : aliases) {
        const std::string key = committee_key(alias);
        if (std::any_of(seen.begin(), seen.end(), [&](const auto& k) { return k.first == key; })) continue;
        insert.bind(1, key).bind(2, id).bind(3, alias).run();
    }
}

void merge_committee(sqlite3* db, std::int64_t from, std::int64_t into) {
    for (const char* sql : {"UPDATE meetings SET committee_id = ?1 WHERE committee_id = ?2",
                            "UPDATE decisions SET committee_id = ?1 WHERE committee_id = ?2",
                            "UPDATE refs SET committee_id = ?1 WHERE committee_id = ?2",
                            "UPDATE committee_aliases SET committee_id = ?1 WHERE committee_id = ?2",
                            "UPDATE superseded SET committee_id = ?1 WHERE committee_id = ?2",
                            "DELETE FROM committees WHERE id = ?2"}) {
        Statement s(db, sql);
        s.bind(1, into).bind(2, from).run();
    }
}

}  // namespace opfolg::tracker
