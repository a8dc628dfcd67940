// Finds Danish time phrases in text and resolves them against a meeting date.
//
// The text is lowercased with utf8_lower, which keeps every byte where it was (Æ/Ø/Å and ASCII letters change in
// place), so offsets in the lowercased copy are offsets in the input. The grammar is tried only at word starts and
// only within a bounded window, which keeps the scan linear on any input.
#include "grammar/dates.hpp"
#include "grammar/dates_grammar.hpp"
#include "grammar/reader.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <tmmintrin.h>  // used under target("ssse3"), where the CPU has it
#define OPFOLG_ANCHOR_VECTORS 1
#else
#define OPFOLG_ANCHOR_VECTORS 0
#endif

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>
#include <iterator>
#include <utility>
#include <cstdio>

namespace opfolg::dates {

namespace {

using namespace date;

// No phrase is longer than this; it bounds the cost of one attempt ("senest ved udgangen af september 2021").
constexpr std::size_t window = 160;
// Sentences longer than this on either side of the phrase are clipped (text without any full stop).
constexpr std::size_t sentence_context = 400;

// A table: the three range tests compiled to a dozen instructions per byte of every scanned line.
constexpr std::array<bool, 256> ascii_alnum_table = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c) t[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return t;
}();
bool ascii_alnum(unsigned char c) { return ascii_alnum_table[c]; }

// A UTF-8 lead byte and its continuation byte -> is it a letter? Latin-1 letters, Latin Extended and the other
// alphabets (0xCA..0xDF, 3- and 4-byte scripts) count; U+0080..U+00BF (no-break space, «, °) and the general
// punctuation block U+2000..U+2BFF (– “ ” • …) do not.
bool utf8_letter(unsigned char lead, unsigned char next) {
    if (lead == 0xC2) return false;
    if (lead == 0xC3) return next != 0x97 && next != 0xB7;  // × ÷
    if (lead >= 0xC4 && lead <= 0xDF) return true;
    if (lead == 0xE2) return false;
    if (lead == 0xE3 && next == 0x80) return false;  // CJK punctuation
    if (lead == 0xEF && (next == 0xBB || next == 0xBF)) return false;  // BOM, replacement character
    return lead >= 0xE0 && lead <= 0xF4;
}

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

bool is_word_char_at(std::string_view s, std::size_t i) {
    if (i >= s.size()) return false;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return ascii_alnum(c);
    if (c < 0xC2 || i + 1 >= s.size()) return false;  // stray continuation or truncated sequence
    unsigned char next = static_cast<unsigned char>(s[i + 1]);
    return is_continuation(next) && utf8_letter(c, next);
}

std::size_t word_end(std::string_view s, std::size_t i) {
    while (i < s.size() && is_word_char_at(s, i)) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;  // a whole UTF-8 character
    }
    return std::min(i, s.size());
}

bool is_word_char_before(std::string_view s, std::size_t i) {
    if (i == 0 || i > s.size()) return false;
    std::size_t j = i - 1;
    // Step back over at most three continuation bytes to the lead byte.
    for (int k = 0; k < 3 && j > 0 && is_continuation(static_cast<unsigned char>(s[j])); ++k) --j;
    return is_word_char_at(s, j);
}

const char* to_string(Precision p) {
    switch (p) {
        case Precision::day: return "day";
        case Precision::month: return "month";
        case Precision::quarter: return "quarter";
        case Precision::half_year: return "half_year";
        case Precision::season: return "season";
        case Precision::year: return "year";
        case Precision::next_meeting: return "next_meeting";
    }
    return "day";
}

namespace {

struct Range {
    year_month_day first{}, last{};
    Precision precision = Precision::day;
};

year_month_day ymd(int y, int m, int d) {
    return year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
}
year_month_day month_end(int y, int m) {
    return year_month_day{year_month_day_last{year{y}, month_day_last{month{static_cast<unsigned>(m)}}}};
}

// The range a phrase stands for in year y; false when the values are impossible (month 13, 31. februar).
bool range_in_year(const ast::phrase& p, int y, Range& r) {
    using ast::kind;
    const int mod = p.mod;
    switch (p.what) {
        case kind::day:
            r.first = r.last = year_month_day{year{y}, month{static_cast<unsigned>(p.month)},
                                              day{static_cast<unsigned>(p.day)}};
            r.precision = Precision::day;
            return p.month >= 1 && p.month <= 12 && p.day >= 1 && p.day <= 31 && r.first.ok();
        case kind::month: {
            if (p.month < 1 || p.month > 12) return false;
            const auto end = month_end(y, p.month);
            r.precision = Precision::month;
            r.first = ymd(y, p.month, 1);
            r.last = end;
            if (mod == ast::early) r.last = ymd(y, p.month, 10);
            if (mod == ast::middle) r.first = ymd(y, p.month, 11), r.last = ymd(y, p.month, 20);
            if (mod == ast::late) r.first = ymd(y, p.month, 21);
            if (mod == ast::end_of) r.first = end, r.precision = Precision::day;
            return true;
        }
        case kind::quarter: {
            int q = p.index == -1 ? 4 : p.index;
            if (q < 1 || q > 4) return false;
            r.first = ymd(y, 3 * q - 2, 1);
            r.last = month_end(y, 3 * q);
            r.precision = Precision::quarter;
            if (mod == ast::end_of) r.first = r.last, r.precision = Precision::day;
            return true;
        }
        case kind::half_year: {
            int h = p.index == -1 ? 2 : p.index;
            if (h < 1 || h > 2) return false;
            r.first = ymd(y, 6 * h - 5, 1);
            r.last = month_end(y, 6 * h);
            r.precision = Precision::half_year;
            if (mod == ast::end_of) r.first = r.last, r.precision = Precision::day;
            return true;
        }
        case kind::season: {
            // Meteorological seasons; winter runs into February of the next year.
            static const int first_month[5] = {0, 3, 6, 9, 12};
            if (p.index < 1 || p.index > 4) return false;
            r.first = ymd(y, first_month[p.index], 1);
            r.last = p.index == 4 ? month_end(y + 1, 2) : month_end(y, first_month[p.index] + 2);
            r.precision = Precision::season;
            if (mod == ast::end_of) r.first = r.last, r.precision = Precision::day;
            return true;
        }
        case kind::year: {
            r.first = ymd(y, 1, 1);
            r.last = ymd(y, 12, 31);
            r.precision = Precision::year;
            if (mod == ast::early) r.last = ymd(y, 1, 31), r.precision = Precision::month;
            if (mod == ast::middle) r.first = ymd(y, 6, 1), r.last = ymd(y, 6, 30), r.precision = Precision::month;
            if (mod == ast::late) r.first = ymd(y, 12, 1), r.precision = Precision::month;
            if (mod == ast::end_of) r.first = r.last, r.precision = Precision::day;
            return true;
        }
        default: return false;
    }
}

constexpr int min_year = 1900, max_year = 2100;

// Resolves a parsed phrase; phrases without a year take the first period that ends on or after the meeting.
bool resolve(const ast::phrase& p, year_month_day meeting, TimePhrase& out) {
    if (p.what == ast::kind::next_meeting) {
        out.precision = Precision::next_meeting;
        out.next_meeting = true;
        return true;
    }
    Range r;
    if (p.year != 0) {
        if (p.year < min_year || p.year > max_year || !range_in_year(p, p.year, r)) return false;
    } else {
        if (!meeting.ok()) return false;  // nothing to be relative to
        const int my = static_cast<int>(meeting.year());
        if (p.relative_year >= 0) {
            if (!range_in_year(p, my + p.relative_year, r)) return false;
        } else {
            bool found = false;
            // my - 1 covers a winter that started the year before; "29. februar" may need a leap year ahead.
            for (int y = my - 1; y <= my + 4 && !found; ++y) {
                Range candidate;
                if (range_in_year(p, y, candidate) && candidate.last >= meeting) r = candidate, found = true;
            }
            if (!found) return false;
        }
    }
    out.first = r.first;
    out.last = r.last;
    out.precision = r.precision;
    out.past = meeting.ok() && r.last < meeting;
    return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string sentence_of(std::string_view s, const std::vector<std::size_t>& cuts, std::size_t from, std::size_t to) {
    auto after = std::lower_bound(cuts.begin(), cuts.end(), to);
    std::size_t end = after == cuts.end() ? s.size() : *after;
    auto before = std::upper_bound(cuts.begin(), cuts.end(), from);
    std::size_t begin = before == cuts.begin() ? 0 : *(before - 1);
    // Clip very long "sentences" around the phrase, on UTF-8 character boundaries.
    if (from - begin > sentence_context) {
        begin = from - sentence_context;
        while (begin < from && is_continuation(static_cast<unsigned char>(s[begin]))) ++begin;
    }
    if (end - to > sentence_context) {
        end = to + sentence_context;
        while (end > to && is_continuation(static_cast<unsigned char>(s[end]))) --end;
    }
    while (begin < end && is_space(s[begin])) ++begin;
    while (end > begin && is_space(s[end - 1])) --end;
    return std::string(s.substr(begin, end - begin));
}

bool word_start(std::string_view s, std::size_t i) {
    return ascii_alnum(static_cast<unsigned char>(s[i])) && !is_word_char_before(s, i);
}

// Parses one phrase at `pos` of the lowercased text; returns its end or 0.
std::size_t parse_at(std::string_view lower, std::size_t pos, ast::phrase& p) {
    const char* first = lower.data() + pos;
    const char* last = lower.data() + std::min(lower.size(), pos + window);
    const char* it = first;
    p = ast::phrase{};
    if (!parser::x3::parse(it, last, parser::phrase_grammar(), p) || it == first) return 0;
    std::size_t end = static_cast<std::size_t>(it - lower.data());
    if (is_word_char_at(lower, end)) return 0;  // the window cut a word
    return end;
}

// Offsets into the lower-cased text are offsets into the text: text::utf8_lower keeps the length in bytes.
std::string lowercase(std::string_view text) {
    std::string lower = utf8_lower(text);
    assert(lower.size() == text.size());
    return lower;
}

}  // namespace

namespace {
// Digits and anchor words found by their first three bytes. Sixteen bytes at a time where the CPU has SSSE3 (every
// x86-64 since 2006 bar a few early AMD parts; asked at run time, as Debian builds for plain x86-64): a byte is a
// candidate where it is a digit or it and the next two bytes may begin an anchor word; those are then compared
// whole. The starts are tested as in the Teddy matcher: each word is in one of eight buckets, and a table lookup
// (pshufb) of each byte's two nibbles gives the buckets whose words could have that byte there, so the test costs
// the same for any number of words (a compare per word start per block was a twentieth of an ingest's
// instructions). A bucket can also match bytes of two different words: an extra candidate, which the whole-word
// compare drops. Three bytes, not two: "de", "se", "ma" begin 5-8 % of the bytes of Danish text, "dec", "sep",
// "mar" few, and checking the candidates was most of the finder's time. Elsewhere, or near the end of the text, a
// 64 Kibit table of the words' first two bytes is probed byte by byte. One probe per byte was 40 % of the scan;
// checking each anchor word separately at every byte cost more than the grammar it was meant to save.
// Bytes are compared with bit 5 (0x20) set, so the finder reads text in any case: text::utf8_lower changes only
// that bit (A-Z, and À-Þ after 0xC3), so fold(lower(x)) == fold(x) and the finder finds the same positions in a
// text and in its lowercase. A line without anchors (three in five) is then never lowercased. The fold can also
// match where the lowercase differs (0xE3 for the 0xC3 of "mø"): an extra candidate, where the grammar fails.
class AnchorFinder {
public:
    AnchorFinder() {
        for (unsigned d = '0'; d <= '9'; ++d)
            for (unsigned next = 0; next < 256; ++next) set(d << 8 | next);
        unsigned starts = 0;
        for (const auto& w : parser::anchor_words()) {  // 3+ bytes each
            // Each word's first three bytes in one of eight buckets (words sharing a start share it too).
            const auto first = static_cast<unsigned char>(fold(w[0])), second = static_cast<unsigned char>(fold(w[1])),
                       third = static_cast<unsigned char>(fold(w[2]));
            const auto bucket = static_cast<std::uint8_t>(1u << (starts++ % 8));
            first_low_[first & 15] |= bucket;
            first_high_[first >> 4] |= bucket;
            second_low_[second & 15] |= bucket;
            second_high_[second >> 4] |= bucket;
            third_low_[third & 15] |= bucket;
            third_high_[third >> 4] |= bucket;
            set(pair(w[0], w[1]));
            by_first_byte_[static_cast<unsigned char>(fold(w[0]))].push_back(w);
        }
#if OPFOLG_ANCHOR_VECTORS
        vectors_ = __builtin_cpu_supports("ssse3");
#endif
    }
    std::size_t next(std::string_view text, std::size_t from) const {
#if OPFOLG_ANCHOR_VECTORS
        if (vectors_) return next_by_blocks(text, from);
#endif
        return next_by_bytes(text, from);
    }

private:
    static bool is_digit(char c) { return c >= '0' && c <= '9'; }
    static char fold(char c) { return static_cast<char>(c | 0x20); }
    static unsigned pair(char a, char b) {  // folded
        return static_cast<unsigned>(static_cast<unsigned char>(fold(a))) << 8 | static_cast<unsigned char>(fold(b));
    }
    void set(unsigned p) { bits_[p >> 6] |= std::uint64_t{1} << (p & 63); }
    bool test(unsigned p) const { return (bits_[p >> 6] >> (p & 63)) & 1; }
    bool anchor_at(std::string_view text, std::size_t i) const {
        for (const auto& w : by_first_byte_[static_cast<unsigned char>(fold(text[i]))]) {
            if (i + w.size() > text.size() || fold(text[i + 2]) != fold(w[2])) continue;
            std::size_t k = 1;
            while (k < w.size() && fold(text[i + k]) == fold(w[k])) ++k;
            if (k == w.size()) return true;
        }
        return false;
    }
    std::size_t next_by_bytes(std::string_view text, std::size_t i) const {
        const std::size_t n = text.size();
        const char* b = text.data();
        for (; i + 1 < n; ++i)
            if (test(pair(b[i], b[i + 1])) && (is_digit(b[i]) || anchor_at(text, i))) return i;
        return i < n && is_digit(b[i]) ? i : std::string_view::npos;
    }
#if OPFOLG_ANCHOR_VECTORS
    // The buckets whose words can have each folded byte of v at the position `low` and `high` describe (first,
    // second or third byte), by its two nibbles.
    __attribute__((target("ssse3"))) static __m128i buckets(__m128i v, __m128i low, __m128i high) {
        const __m128i nibble = _mm_set1_epi8(0x0F);
        return _mm_and_si128(_mm_shuffle_epi8(low, _mm_and_si128(v, nibble)),
                             _mm_shuffle_epi8(high, _mm_and_si128(_mm_srli_epi16(v, 4), nibble)));
    }
    __attribute__((target("ssse3"))) std::size_t next_by_blocks(std::string_view text, std::size_t i) const {
        const std::size_t n = text.size();
        const char* b = text.data();
        const __m128i first_low = _mm_load_si128(reinterpret_cast<const __m128i*>(first_low_.data()));
        const __m128i first_high = _mm_load_si128(reinterpret_cast<const __m128i*>(first_high_.data()));
        const __m128i second_low = _mm_load_si128(reinterpret_cast<const __m128i*>(second_low_.data()));
        const __m128i second_high = _mm_load_si128(reinterpret_cast<const __m128i*>(second_high_.data()));
        const __m128i third_low = _mm_load_si128(reinterpret_cast<const __m128i*>(third_low_.data()));
        const __m128i third_high = _mm_load_si128(reinterpret_cast<const __m128i*>(third_high_.data()));
        const __m128i bit5 = _mm_set1_epi8(0x20), zero = _mm_setzero_si128();
        for (; i + 18 <= n; i += 16) {  // b[i + 17] is read as the third byte of the last start
            const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
            const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i + 1));
            const __m128i after = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i + 2));
            const __m128i starts = _mm_and_si128(
                _mm_and_si128(buckets(_mm_or_si128(here, bit5), first_low, first_high),
                              buckets(_mm_or_si128(next, bit5), second_low, second_high)),
                buckets(_mm_or_si128(after, bit5), third_low, third_high));
            // '0' <= c <= '9' as signed compares of c ^ 0x80
            const __m128i flipped = _mm_xor_si128(here, _mm_set1_epi8(static_cast<char>(0x80)));
            const __m128i digits =
                _mm_and_si128(_mm_cmpgt_epi8(flipped, _mm_set1_epi8(static_cast<char>(('0' ^ 0x80) - 1))),
                              _mm_cmplt_epi8(flipped, _mm_set1_epi8(static_cast<char>(('9' ^ 0x80) + 1))));
            unsigned mask = (~static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(starts, zero))) & 0xFFFFu) |
                            static_cast<unsigned>(_mm_movemask_epi8(digits));
            for (; mask != 0; mask &= mask - 1) {
                const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(mask));
                if (is_digit(b[at]) || anchor_at(text, at)) return at;
            }
        }
        return next_by_bytes(text, i);
    }
    bool vectors_ = false;
#endif
    std::array<std::uint64_t, 65536 / 64> bits_{};
    // The Teddy tables: bit k of first_low_[x] is set when a word in bucket k has a first byte whose low nibble
    // is x, and so on for the high nibble and the second and third bytes.
    alignas(16) std::array<std::uint8_t, 16> first_low_{}, first_high_{}, second_low_{}, second_high_{}, third_low_{},
        third_high_{};
    std::array<std::vector<std::string>, 256> by_first_byte_;
};
const AnchorFinder& anchor_finder() {
    static const AnchorFinder finder;
    return finder;
}
}  // namespace

std::vector<std::size_t> sentence_starts(std::string_view s) {
    std::vector<std::size_t> cuts{0};
    auto consider = [&](std::size_t i) {  // s[i] is a line break or . ! ?
        if (s[i] == '\n') {
            cuts.push_back(i + 1);
            return;
        }
        std::size_t j = i + 1;
        if (j >= s.size() || (s[j] != ' ' && s[j] != '\t')) return;
        while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
        if (j >= s.size()) return;
        const auto n = static_cast<unsigned char>(s[j]);
        const bool capital = (n >= 'A' && n <= 'Z') ||
                             (n == 0xC3 && j + 1 < s.size() && static_cast<unsigned char>(s[j + 1]) >= 0x80 &&
                              static_cast<unsigned char>(s[j + 1]) <= 0x9E);
        if (capital) cuts.push_back(i + 1);
    };
    auto ends = [](char c) { return c == '\n' || c == '.' || c == '!' || c == '?'; };
    std::size_t i = 0;
#if defined(__SSE2__)
    // Sixteen bytes at a time: a sentence end is one byte in tens of bytes, and this ran over every line that
    // holds a phrase (a sixth of the scan's own time, byte by byte).
    for (const char* b = s.data(); i + 16 <= s.size(); i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('.'))),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('!')),
                                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('?'))));
        for (auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit)); mask != 0; mask &= mask - 1)
            consider(i + static_cast<std::size_t>(__builtin_ctz(mask)));
    }
#endif
    for (; i < s.size(); ++i)
        if (ends(s[i])) consider(i);
    return cuts;
}

std::size_t next_time_phrase_anchor(std::string_view text, std::size_t from) {
    return anchor_finder().next(text, from);
}

namespace {
// What spaces are to the grammar's `sp`, and the no-break space's two bytes, count as space here: counting fewer
// bytes than the grammar reads keeps the lead bound below conservative.
bool lead_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xC2 || c == 0xA0; }
}  // namespace

std::size_t earliest_phrase_start(std::string_view lower, std::size_t anchor) {
    std::size_t counted = 0;
    for (std::size_t j = anchor; j > 0; --j) {
        if (lead_space(static_cast<unsigned char>(lower[j - 1]))) continue;
        if (++counted > max_phrase_lead) return j;  // lower[j - 1] is one byte too many
    }
    return 0;
}

bool may_hold_time_phrase(std::string_view text) { return next_time_phrase_anchor(text, 0) != std::string_view::npos; }

namespace {
// The grammar's first words in a small table keyed by length and first and last byte, so most words cost one
// probe of an empty slot (hashing every word of every line was a fifth of the scan).
class FirstWordFilter {
public:
    FirstWordFilter() {
        for (const auto& w : parser::first_words()) slots_[slot(w)].push_back(w);  // the strings live on
    }
    bool may_start(std::string_view word, bool ascii) const {
        if (word.empty()) return false;
        for (const auto& w : slots_[slot(word)])
            if (w == word) return true;
        // A month name may be glued to its meeting ("augustmødet"); no other first word runs into the next.
        return !ascii && word.find("møde") != std::string_view::npos;
    }

private:
    static std::size_t slot(std::string_view w) {
        return (w.size() * 31 + static_cast<unsigned char>(w.front()) * 7 + static_cast<unsigned char>(w.back())) %
               slot_count;
    }
    static constexpr std::size_t slot_count = 512;
    std::array<std::vector<std::string_view>, slot_count> slots_;
};

// word_end with the ASCII letters and digits of a word stepped over inline; ascii tells whether it met no other.
std::size_t fast_word_end(std::string_view s, std::size_t i, bool& ascii) {
    ascii = true;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            ascii = false;
            return word_end(s, i);
        }
        if (!ascii_alnum(c)) return i;
        ++i;
    }
    return i;
}

// may_start_time_phrase, also giving the end of the word at i.
bool may_start_at(std::string_view lower, std::size_t i, std::size_t& end_of_word) {
    static const FirstWordFilter first_words;
    end_of_word = i;
    if (i >= lower.size()) return false;
    if (lower[i] >= '0' && lower[i] <= '9') return true;
    bool ascii = true;
    end_of_word = fast_word_end(lower, i, ascii);
    return first_words.may_start(lower.substr(i, end_of_word - i), ascii);
}
}  // namespace

bool may_start_time_phrase(std::string_view lower, std::size_t i) {
    std::size_t end_of_word = i;
    return may_start_at(lower, i, end_of_word);
}

namespace {
// "fra og med den 9. marts til den 3. januar 2021": a range's first date has no year of its own; taken as the
// first 9 March on or after the meeting it would come after the range's end. It is the one before that end
// (a year earlier, as often as needed), and it is in the past when the range is.
void range_start_before(std::string_view lower, TimePhrase& start, const TimePhrase& end_phrase,
                        year_month_day meeting) {
    std::string_view gap = lower.substr(start.offset + start.phrase.size(),
                                        end_phrase.offset - start.offset - start.phrase.size());
    while (!gap.empty() && is_space(gap.front())) gap.remove_prefix(1);
    while (!gap.empty() && is_space(gap.back())) gap.remove_suffix(1);
    const std::string_view end_text = lower.substr(end_phrase.offset, end_phrase.phrase.size());
    const bool range = (gap.empty() && end_text.rfind("til ", 0) == 0) || gap == "til" || gap == "til og med" ||
                       gap == "-" || gap == "\xe2\x80\x93";
    if (!range || end_phrase.next_meeting || !(end_phrase.last < start.first)) return;
    auto earlier = [](year_month_day d) {
        year_month_day e = d - date::years{1};
        return e.ok() ? e : year_month_day{e.year() / e.month() / date::last};
    };
    for (int guard = 0; guard < 100 && end_phrase.last < start.first; ++guard) {
        start.first = earlier(start.first);
        start.last = earlier(start.last);
    }
    start.past = start.last < meeting;
}
}  // namespace

std::vector<TimePhrase> find_time_phrases(std::string_view text, year_month_day meeting) {
    std::vector<TimePhrase> out;
    const AnchorFinder& anchors = anchor_finder();
    // The finder reads any case and finds the same anchors in the text as in its lowercase (see AnchorFinder):
    // a line without any is not lowercased.
    std::size_t anchor = anchors.next(text, 0);
    if (anchor == std::string_view::npos) return out;
    thread_local std::string lower_buffer;  // the scan runs per line: one buffer, not an allocation per line
    text::utf8_lower_into(text, lower_buffer);
    const std::string_view lower(lower_buffer);
    // Every phrase the grammar accepts holds a digit or an anchor word, and lies within `window` bytes of where it
    // starts, with at most max_phrase_lead bytes other than spaces before its first anchor: where the next anchor
    // is farther than that, no phrase can start, so the scan jumps. Lines without
    // any (two in five of the bytes of real minutes) cost one pass of the anchor finder, and the scan of the rest
    // ends at the last anchor. The positions skipped are exactly ones where the grammar fails, so the phrases
    // found are the same (tests/grammar/test_date_anchors.cpp checks the property against the grammar).
    std::size_t earliest_anchor = std::string_view::npos, earliest = 0;  // earliest_phrase_start of that anchor
    std::vector<std::size_t> cuts;  // computed on the first phrase only
    std::vector<bool> without_year;  // per phrase in `out`: written without a year, so resolved by the meeting
    for (std::size_t i = 0; i < lower.size();) {
        if (anchor < i && (anchor = anchors.next(lower, i)) == std::string_view::npos) break;
        if (anchor - i >= window) {
            i = anchor - window + 1;
            continue;
        }
        // Closer, but still more words before the anchor than any phrase has before its first one. Worked out
        // once per anchor (a walk back over at most max_phrase_lead bytes and their spaces).
        if (anchor - i > max_phrase_lead) {
            if (earliest_anchor != anchor) {
                earliest_anchor = anchor;
                earliest = earliest_phrase_start(lower, anchor);
            }
            if (earliest > i) {
                i = earliest;
                continue;
            }
        }
        if (!word_start(lower, i)) {
            ++i;
            continue;
        }
        if (std::size_t end_of_word = i; !may_start_at(lower, i, end_of_word)) {  // most words: skip them whole
            i = end_of_word;
            continue;
        }
        ast::phrase p;
        const std::size_t end = parse_at(lower, i, p);
        if (end == 0) {
            ++i;
            continue;
        }
        TimePhrase tp;
        if (resolve(p, meeting, tp)) {  // an impossible date is skipped whole, not re-read as a shorter phrase
            if (cuts.empty()) cuts = sentence_starts(text);
            tp.phrase = std::string(text.substr(i, end - i));
            tp.offset = i;
            tp.sentence = sentence_of(text, cuts, i, end);
            if (!out.empty() && without_year.back()) range_start_before(lower, out.back(), tp, meeting);
            out.push_back(std::move(tp));
            without_year.push_back(p.year == 0);
        }
        i = end;
    }
    return out;
}

bool parse_date(std::string_view text, year_month_day& out) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    if (text.empty() || text.size() > window) return false;
    const std::string lower = lowercase(text);
    ast::phrase p;
    if (parse_at(lower, 0, p) != lower.size()) return false;
    if (p.what != ast::kind::day || p.mod != ast::no_modifier || p.year == 0) return false;
    TimePhrase tp;
    if (!resolve(p, year_month_day{}, tp)) return false;
    out = tp.first;
    return true;
}

}  // namespace opfolg::dates
