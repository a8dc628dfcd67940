// The vocabulary's index is an X3 symbol table (a ternary search tree) from phrase to row, built at run time
// from the rule files' rows: the same longest-match lookup the compiled table used to do.
#include "grammar/vocabulary.hpp"
#include "text/fnv.hpp"
#include "grammar/reader.hpp"

#include <boost/spirit/home/x3.hpp>

#include <cstdio>
#include <mutex>

namespace opfolg {

namespace x3 = boost::spirit::x3;

struct Vocabulary::Index {
    x3::symbols<std::size_t> phrases;
};

namespace {
bool is_word_byte(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return std::isalnum(u) != 0 || u >= 0x80;
}
}  // namespace

Vocabulary::Vocabulary() : index_(std::make_shared<Index>()) {}

void Vocabulary::clear() {
    rows_.clear();
    index_ = std::make_shared<Index>();
}

const VocabularyRow* Vocabulary::find(std::string_view phrase) const {
    const std::string lower = utf8_lower(phrase);
    for (const auto& r : rows_)
        if (r.phrase == lower) return &r;
    return nullptr;
}

void Vocabulary::add(std::string_view phrase, DecisionClass c, std::string file, int line) {
    VocabularyRow row{utf8_lower(phrase), c, std::move(file), line};
    for (auto& r : rows_) {
        if (r.phrase == row.phrase) {  // redefined: the index maps the phrase to this slot already
            r = std::move(row);
            return;
        }
    }
    if (index_.use_count() > 1) {  // shared with a copy: add to a private index
        auto fresh = std::make_shared<Index>();
        for (std::size_t i = 0; i < rows_.size(); ++i) fresh->phrases.add(rows_[i].phrase, i);
        index_ = std::move(fresh);
    }
    index_->phrases.add(row.phrase, rows_.size());
    rows_.push_back(std::move(row));
}

const VocabularyRow* Vocabulary::match(std::string_view lower, std::size_t at, std::size_t& end) const {
    auto first = lower.begin() + static_cast<std::ptrdiff_t>(at);
    std::size_t row = 0;
    if (!x3::parse(first, lower.end(), index_->phrases, row)) return nullptr;
    if (first != lower.end() && is_word_byte(*first)) return nullptr;
    end = static_cast<std::size_t>(first - lower.begin());
    return &rows_[row];
}

std::string Vocabulary::hash() const {
    text::Fnv1a64 h;
    for (const auto& r : rows_) {
        h.add(r.phrase).separate();
        h.add(to_string(r.decision_class)).separate();
        h.add(r.file + ":" + std::to_string(r.line)).separate();
    }
    return h.hex();
}

namespace {
std::mutex default_mutex;
// Every installed vocabulary is kept: a reference handed out before a later install stays valid.
std::vector<std::shared_ptr<const Vocabulary>>& installed() {
    static std::vector<std::shared_ptr<const Vocabulary>> all{std::make_shared<const Vocabulary>()};
    return all;
}
}  // namespace

const Vocabulary& default_vocabulary() {
    std::lock_guard<std::mutex> lock(default_mutex);
    return *installed().back();
}

void set_default_vocabulary(Vocabulary v) {
    std::lock_guard<std::mutex> lock(default_mutex);
    installed().push_back(std::make_shared<const Vocabulary>(std::move(v)));
}

}  // namespace opfolg
