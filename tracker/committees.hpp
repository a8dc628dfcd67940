// Committee identity: aliases and renames (from a committees.conf) map to one committee, and lookups
// tolerate whitespace, case and small typos ("Erhvervs-, B beskæftigelses- og ...").
#pragma once
#include "tracker/store.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace opfolg::tracker {

// Lowercase (æøå included), single spaces, no space before punctuation.
std::string committee_key(std::string_view name);
std::size_t edit_distance(std::string_view a, std::string_view b);

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
    // The committee id for a name as written; an unknown name becomes a new committee.
    std::int64_t resolve(const std::string& name);
    // Like resolve, but never creates: 0 when unknown.
    std::int64_t find(const std::string& name) const;

private:
    struct Known {
        std::string key;
        std::int64_t id;
    };
    Store& store_;
    std::vector<Known> known_;  // canonical keys and alias keys
    void reload();
};

}  // namespace opfolg::tracker
