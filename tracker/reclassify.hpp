// Stored decision classes follow the vocabulary in force: the store keeps the hash of the vocabulary its
// classes were made with (vocabulary_state, schema 6); under another vocabulary every stored decision is
// classified again from its stored text. A clerk who edits a vocabulary row sees it take effect at the next
// ingest or report.
#pragma once
#include "grammar/vocabulary.hpp"
#include "tracker/store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace opfolg::tracker {

// The phrases behind a decision's classes as stored in decisions.matched: one line per match,
// "class TAB phrase TAB file TAB line".
std::string encode_matches(const std::vector<PhraseMatch>& matches);
std::vector<PhraseMatch> decode_matches(std::string_view text);

// decisions.classes: the class names, space separated.
std::string join_classes(const std::vector<DecisionClass>& classes);

// Whether the store's classes were made with `vocabulary` (works on a read-only store).
bool classes_current(Store& store, const Vocabulary& vocabulary);

struct Reclassified {
    bool stale = false;  // the store's classes were made with another vocabulary (or before schema 6)
    int decisions = 0;   // stored decisions classified again
    int changed = 0;     // of which the classes changed
};

// When stale: every stored decision classified again with `vocabulary` in one transaction, and its hash and
// `files` (for messages) recorded. Otherwise nothing is written. Needs a writable store.
Reclassified reclassify_if_stale(Store& store, const Vocabulary& vocabulary, const std::string& files);

}  // namespace opfolg::tracker
