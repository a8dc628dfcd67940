#include "text/iso_date.hpp"

#include <cassert>
#include <chrono>
#include <cstdio>

namespace opfolg::text {

void append_iso(std::string& out, date::year_month_day d) {
    if (!d.ok()) return;
    const int y = static_cast<int>(d.year());
    const unsigned m = static_cast<unsigned>(d.month()), day = static_cast<unsigned>(d.day());
    if (y < 0 || y > 9999) {  // outside what a document gives; snprintf writes the sign and the extra digits
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, day);
        out += buf;
        return;
    }
    // By hand: a report dates every flag twice, and snprintf was a tenth of a 100k-flag report.
    const char digits[10] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                             static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                             static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                             static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10)};
    out.append(digits, sizeof digits);
}

std::string iso(date::year_month_day d) {
    std::string out;
    append_iso(out, d);
    return out;
}

bool parse_iso(std::string_view text, date::year_month_day& out) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    // Digit by digit without loops: a report parses two dates for each of 100k kept flags.
    auto digit = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(text[i])) - '0'; };
    const unsigned d[8] = {digit(0), digit(1), digit(2), digit(3), digit(5), digit(6), digit(8), digit(9)};
    for (unsigned x : d)
        if (x > 9) return false;
    const int year = static_cast<int>(d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]);
    const date::year_month_day ymd{date::year{year}, date::month{d[4] * 10 + d[5]}, date::day{d[6] * 10 + d[7]}};
    if (!ymd.ok()) return false;
    out = ymd;
    assert(iso(out) == text);  // the two are inverses
    return true;
}

date::year_month_day parse_iso_or_unset(std::string_view text) {
    date::year_month_day d{};
    parse_iso(text, d);
    return d;
}

std::string iso_timestamp(date::sys_seconds t) {
    const auto day = date::floor<date::days>(t);
    const date::year_month_day ymd{day};
    const int y = static_cast<int>(ymd.year());
    if (y < 0 || y > 9999) return date::format("%Y-%m-%dT%H:%M:%SZ", t);
    // By hand, as iso() does: date::format builds a stream and a locale per call, and every stored document is
    // stamped with the time it was ingested.
    const date::hh_mm_ss<std::chrono::seconds> time{t - day};
    std::string out = iso(ymd) + "T00:00:00Z";
    auto two = [&out](std::size_t at, long long v) {
        out[at] = static_cast<char>('0' + v / 10);
        out[at + 1] = static_cast<char>('0' + v % 10);
    };
    two(11, time.hours().count());
    two(14, time.minutes().count());
    two(17, time.seconds().count());
    return out;
}

std::string iso_timestamp_now() {
    return iso_timestamp(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

}  // namespace opfolg::text
