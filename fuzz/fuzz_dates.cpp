// Fuzzes the Danish time-phrase grammar and date parsing. The first two bytes pick the meeting date (any day
// 2000..2089), so resolution near year and month ends is exercised too; the rest is the text.
#include "grammar/dates.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const unsigned pick = data[0] | (data[1] << 8);
    const date::sys_days base = date::sys_days{date::year{2000} / 1 / 1};
    const date::year_month_day meeting{base + date::days{pick % 32768}};
    std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);

    for (const auto& p : opfolg::dates::find_time_phrases(text, meeting)) {
        // The phrase must point into the text it came from.
        if (p.offset > text.size() || p.phrase.size() > text.size() - p.offset) __builtin_trap();
        if (!p.next_meeting && (!p.first.ok() || !p.last.ok() || p.last < p.first)) __builtin_trap();
    }
    date::year_month_day out{};
    if (opfolg::dates::parse_date(text, out) && !out.ok()) __builtin_trap();
    if (opfolg::dates::parse_iso(text, out) && !out.ok()) __builtin_trap();
    for (std::size_t i = 0; i <= text.size() && i < 64; ++i) {
        (void)opfolg::dates::is_word_char_at(text, i);
        (void)opfolg::dates::is_word_char_before(text, i);
    }
    return 0;
}
