// Committee identity: names are one committee when their keys are equal (case, whitespace, dashes and
// punctuation normalized) or when committees.conf says so (aliases, former names). Nothing else merges: a name
// one letter from a known one is its own committee, and the caller is told which known name it is close to.
#pragma once
#include "tracker/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace opfolg::tracker {

// Lowercase (æøå included), single spaces, one hyphen for every dash and no space around it, punctuation
// dropped, "&" read as "og". Digits and letters are kept.
std::string committee_key(std::string_view name);

struct CommitteeConfig {
    struct Entry {
        std::string name;
        std::vector<std::string> aliases;
    };
    std::vector<Entry> entries;
};

// Format: a canonical name on a line of its own; indented lines below it are its aliases and former names;
// '#' starts a comment. Throws StoreError "FILE:LINE: message".
CommitteeConfig load_committee_config(const std::string& path);

class Committees {
public:
    explicit Committees(Store& store);
    void apply(const CommitteeConfig& config);  // stores aliases; existing meetings keep their ids
    // The committee id for a name as written; an unknown name becomes a new committee, and then `close` (when
    // given) is set to a known committee's name within a small edit distance, if any.
    std::int64_t resolve(const std::string& name, std::optional<std::string>* close = nullptr);
    // Like resolve, but never creates: 0 when unknown.
    std::int64_t find(const std::string& name) const;
    // The canonical name of the known committee closest to `name` within a small edit distance that differs
    // from it in no digit or ordinal word ("nr. 1" is never a typo of "nr. 2"); nullopt when none.
    std::optional<std::string> close_to(const std::string& name) const;
    // Reads the known committees again: after a rollback, committees this object created are gone.
    void reload();

private:
    struct Known {
        std::string key;
        std::int64_t id;
    };
    Store& store_;
    std::vector<Known> known_;  // canonical keys and alias keys
};

// The stored committee a user's `name` means (checklist, serve): the committee whose name or alias is that name
// after normalizing (committee_key), else the one canonical name containing it (any case). Throws
// std::invalid_argument ("--committee: ...") when none or several match.
std::string match_stored_committee(Store& store, const std::string& name);

// Recomputes every committee and alias key with committee_key (schema 5 changed it); committees that now share
// a key are merged into the oldest. Runs inside the caller's transaction.
void rekey_committees(sqlite3* db);
// Moves meetings, decisions, references and aliases of committee `from` to `into` and deletes `from`.
void merge_committee(sqlite3* db, std::int64_t from, std::int64_t into);

}  // namespace opfolg::tracker
