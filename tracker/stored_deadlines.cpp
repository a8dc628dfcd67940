#include "tracker/stored_deadlines.hpp"

#include "grammar/dates.hpp"
#include "text/iso_date.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace opfolg::tracker {

namespace {
constexpr char kField = '\x1f', kPhrase = '\x1e';

dates::Precision precision_of(std::string_view s) {
    for (auto p : {dates::Precision::day, dates::Precision::month, dates::Precision::quarter,
                   dates::Precision::half_year, dates::Precision::season, dates::Precision::year,
                   dates::Precision::next_meeting})
        if (s == dates::to_string(p)) return p;
    return dates::Precision::day;
}


void append_text(std::string& out, std::string_view text) {
    const std::size_t at = out.size();
    out.append(text);
    // The reader leaves no control characters in a line, so this is a guard; memchr finds none fast.
    const bool stray = !text.empty() && (std::memchr(text.data(), kField, text.size()) != nullptr ||
                                         std::memchr(text.data(), kPhrase, text.size()) != nullptr);
    if (stray)
        std::replace_if(out.begin() + static_cast<std::ptrdiff_t>(at), out.end(),
                        [](char c) { return c == kField || c == kPhrase; }, ' ');
}

template <typename Int>
void append_number(std::string& out, Int n) {
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
}

template <typename Int>
Int number(std::string_view field) {
    Int value{};
    const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (error != std::errc() || end != field.data() + field.size())
        throw StoreError("item_texts.time_phrases: \"" + std::string(field) + "\" is not a number");
    return value;
}
}  // namespace

bool is_plain_time_phrase(const Deadline& d) { return !d.in_decision && !d.promise; }

std::string pack_plain_time_phrases(const std::vector<Deadline>& deadlines) {
    std::string out;
    std::size_t bytes = 0;  // one allocation: this runs for every item of every document
    for (const Deadline& d : deadlines)
        if (is_plain_time_phrase(d)) bytes += d.phrase.phrase.size() + d.phrase.sentence.size() + 64;
    if (bytes == 0) return out;
    out.reserve(bytes);
    for (std::size_t k = 0; k < deadlines.size(); ++k) {
        const Deadline& d = deadlines[k];
        if (!is_plain_time_phrase(d)) continue;
        const dates::TimePhrase& p = d.phrase;
        if (!out.empty()) out += kPhrase;
        append_number(out, k);
        out += kField;
        append_number(out, d.line);
        out += kField;
        out += dates::to_string(p.precision);
        out += kField;
        if (!p.next_meeting) out += dates::iso(p.first);
        out += kField;
        if (!p.next_meeting) out += dates::iso(p.last);
        out += kField;
        out += p.next_meeting ? '1' : '0';
        out += p.past ? '1' : '0';
        out += kField;
        append_text(out, p.phrase);
        out += kField;
        append_text(out, p.sentence);
    }
    return out;
}

std::vector<PackedTimePhrase> unpack_time_phrases(std::string_view packed) {
    std::vector<PackedTimePhrase> out;
    while (!packed.empty()) {
        const std::size_t end = std::min(packed.find(kPhrase), packed.size());
        std::string_view record = packed.substr(0, end);
        packed.remove_prefix(std::min(end + 1, packed.size()));
        std::string_view fields[8];
        for (int f = 0; f < 8; ++f) {
            const std::size_t cut = record.find(kField);
            if (cut == std::string_view::npos && f < 7)
                throw StoreError("item_texts.time_phrases: a phrase has " + std::to_string(f + 1) + " of 8 fields");
            fields[f] = f < 7 ? record.substr(0, cut) : record;
            if (f < 7) record.remove_prefix(cut + 1);
        }
        if (fields[5].size() != 2)
            throw StoreError("item_texts.time_phrases: bad flags \"" + std::string(fields[5]) + "\"");
        PackedTimePhrase p;
        p.ordinal = number<std::size_t>(fields[0]);
        p.deadline.line = number<int>(fields[1]);
        dates::TimePhrase& t = p.deadline.phrase;
        t.precision = precision_of(fields[2]);
        t.next_meeting = fields[5][0] == '1';
        t.past = fields[5][1] == '1';
        if (!t.next_meeting) {
            t.first = text::parse_iso_or_unset(fields[3]);
            t.last = text::parse_iso_or_unset(fields[4]);
        }
        t.phrase = std::string(fields[6]);
        t.sentence = std::string(fields[7]);
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<Deadline> merge_time_phrases(std::vector<Deadline> rows, std::vector<PackedTimePhrase> packed) {
    std::sort(packed.begin(), packed.end(),
              [](const PackedTimePhrase& a, const PackedTimePhrase& b) { return a.ordinal < b.ordinal; });
    std::vector<Deadline> out;
    out.reserve(rows.size() + packed.size());
    auto row = rows.begin();
    auto next = packed.begin();
    // A packed phrase whose place is past the end (rows deleted by hand) still comes, after the rows.
    while (row != rows.end() || next != packed.end()) {
        if (next != packed.end() && (next->ordinal <= out.size() || row == rows.end()))
            out.push_back(std::move((next++)->deadline));
        else
            out.push_back(std::move(*row++));
    }
    return out;
}

Deadline deadline_from_row(const Statement& s, int c) {
    Deadline d;
    d.in_decision = s.integer(c) != 0;
    d.promise = s.integer(c + 1) != 0;
    d.promise_verb = s.text(c + 2);
    d.phrase.phrase = s.text(c + 3);
    d.phrase.sentence = s.text(c + 4);
    d.phrase.precision = precision_of(s.view(c + 5));
    if (!s.is_null(c + 6)) d.phrase.first = text::parse_iso_or_unset(s.view(c + 6));
    if (!s.is_null(c + 7)) d.phrase.last = text::parse_iso_or_unset(s.view(c + 7));
    d.phrase.next_meeting = s.integer(c + 8) != 0;
    d.phrase.past = s.integer(c + 9) != 0;
    d.line = static_cast<int>(s.integer(c + 10));
    return d;
}

void pack_stored_time_phrases(sqlite3* db) {
    Statement rows(db, std::string("SELECT item_id, ") + kDeadlineColumns + " FROM deadlines ORDER BY item_id, id");
    Statement update(db, "UPDATE item_texts SET time_phrases = ? WHERE item_id = ?");
    std::int64_t item = 0;
    std::vector<Deadline> deadlines;
    auto flush = [&] {
        const std::string packed = pack_plain_time_phrases(deadlines);
        if (!packed.empty()) update.bind(1, packed).bind(2, item).run();
        deadlines.clear();
    };
    while (rows.step()) {
        if (rows.integer(0) != item && !deadlines.empty()) flush();
        item = rows.integer(0);
        deadlines.push_back(deadline_from_row(rows, 1));
    }
    if (!deadlines.empty()) flush();
    rows.reset();
    // The delete trigger queues each item for a flag refresh; these rows decide no flag.
    exec(db, "CREATE TEMP TABLE v13_pending AS SELECT item_id FROM flags_pending");
    exec(db, "DELETE FROM deadlines WHERE in_decision = 0 AND promise = 0");
    exec(db, "DELETE FROM flags_pending WHERE item_id NOT IN (SELECT item_id FROM temp.v13_pending)");
    exec(db, "DROP TABLE temp.v13_pending");
}

}  // namespace opfolg::tracker
