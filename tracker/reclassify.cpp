#include "tracker/reclassify.hpp"

#include "grammar/decision.hpp"
#include "tracker/sqlite.hpp"

#include <charconv>

namespace opfolg::tracker {

std::string encode_matches(const std::vector<PhraseMatch>& matches) {
    std::string out;
    for (const auto& m : matches) {
        if (!out.empty()) out += '\n';
        out += std::string(to_string(m.decision_class)) + '\t' + m.phrase + '\t' + m.file + '\t' +
               std::to_string(m.line);
    }
    return out;
}

std::vector<PhraseMatch> decode_matches(std::string_view text) {
    std::vector<PhraseMatch> out;
    while (!text.empty()) {
        std::size_t nl = text.find('\n');
        std::string_view row = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        std::string_view field[4];
        for (int i = 0; i < 4; ++i) {
            std::size_t tab = i < 3 ? row.find('\t') : std::string_view::npos;
            field[i] = row.substr(0, tab);
            row = tab == std::string_view::npos ? std::string_view() : row.substr(tab + 1);
        }
        PhraseMatch m;
        if (!decision_class_from_string(field[0], m.decision_class)) continue;
        m.phrase = std::string(field[1]);
        m.file = std::string(field[2]);
        std::from_chars(field[3].data(), field[3].data() + field[3].size(), m.line);
        out.push_back(std::move(m));
    }
    return out;
}

namespace {
std::string stored_hash(Store& store) {
    Statement s(store.handle(), "SELECT hash FROM vocabulary_state WHERE id = 1");
    return s.step() ? s.text(0) : std::string();
}
}  // namespace

std::string join_classes(const std::vector<DecisionClass>& classes) {
    std::string s;
    for (auto c : classes) s += (s.empty() ? "" : " ") + std::string(to_string(c));
    return s;
}

bool classes_current(Store& store, const Vocabulary& vocabulary) { return stored_hash(store) == vocabulary.hash(); }

Reclassified reclassify_if_stale(Store& store, const Vocabulary& vocabulary, const std::string& files) {
    Reclassified out;
    const std::string hash = vocabulary.hash();
    if (stored_hash(store) == hash) return out;
    sqlite3* db = store.handle();
    Transaction tx(db);
    if (stored_hash(store) == hash) return out;  // another process did it while we waited for the lock
    out.stale = true;
    Statement read(db, "SELECT id, text, classes, remarks, matched FROM decisions");
    Statement write(db, "UPDATE decisions SET classes = ?, remarks = ?, matched = ? WHERE id = ?");
    while (read.step()) {
        ++out.decisions;
        const Decision d = classify_decision(read.text(1), vocabulary);
        const std::string classes = join_classes(d.classes), matched = encode_matches(d.matched);
        if (classes != read.text(2)) ++out.changed;
        if (classes == read.text(2) && d.remarks == read.text(3) && matched == read.text(4)) continue;
        write.bind(1, classes).bind(2, d.remarks).bind(3, matched).bind(4, read.integer(0)).run();
    }
    read.reset();
    Statement state(db, "UPDATE vocabulary_state SET hash = ?, files = ? WHERE id = 1");
    state.bind(1, hash).bind(2, files).run();
    tx.commit();
    return out;
}

}  // namespace opfolg::tracker
