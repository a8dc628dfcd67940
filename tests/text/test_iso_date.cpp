// text/iso_date: the one ISO date formatter and parser.
#include "text/iso_date.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <vector>

using namespace opfolg::text;
using namespace date::literals;

TEST_CASE("iso: YYYY-MM-DD with zero padding, empty for an unset or invalid date") {
    CHECK(iso(2019_y / 8 / 31) == "2019-08-31");
    CHECK(iso(date::year{33} / 1 / 2) == "0033-01-02");
    CHECK(iso(date::year_month_day{}) == "");
    CHECK(iso(2023_y / 2 / 29) == "");
    // the digits written by hand and the snprintf fallback outside 0..9999 agree on every width
    CHECK(iso(date::year{0} / 12 / 31) == "0000-12-31");
    CHECK(iso(date::year{9999} / 10 / 9) == "9999-10-09");
    CHECK(iso(date::year{10000} / 1 / 1) == "10000-01-01");
    CHECK(iso(date::year{-1} / 1 / 1) == "-001-01-01");
}

TEST_CASE("append_iso: what iso gives, appended, and nothing for an unset date") {
    std::string out = "due ";
    opfolg::text::append_iso(out, 2019_y / 8 / 31);
    CHECK(out == "due 2019-08-31");
    opfolg::text::append_iso(out, date::year_month_day{});
    opfolg::text::append_iso(out, 2023_y / 2 / 29);
    CHECK(out == "due 2019-08-31");
    opfolg::text::append_iso(out, date::year{12345} / 1 / 2);
    CHECK(out == "due 2019-08-3112345-01-02");
}

TEST_CASE("parse_iso: the inverse of iso") {
    date::year_month_day d{};
    REQUIRE(parse_iso("2024-02-29", d));
    CHECK(d == 2024_y / 2 / 29);
    CHECK(iso(d) == "2024-02-29");
}

TEST_CASE("parse_iso: rejects what is not exactly a real YYYY-MM-DD and leaves the output alone") {
    date::year_month_day d = 2000_y / 1 / 1;
    // The notifier's sscanf copy read "%4d-%2u-%2u" and so took a space or a sign in a field ("2019-01- 1",
    // "+019-01-01"); the rules' stoi copy did not. One answer now: not a date.
    for (const char* bad : {"2019-01- 1", "+019-01-01", "-019-01-01", "2019-1-011", "2019-13-01", "2023-02-29",
                            "2019-00-10", "2019/01/01", "2019-01-01 ", "20190101", "", "2019-01-0x"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_iso(bad, d));
    }
    CHECK(d == 2000_y / 1 / 1);
}

TEST_CASE("iso_timestamp: UTC to the second with a Z") {
    CHECK(iso_timestamp(date::sys_days{2026_y / 11 / 23} + std::chrono::hours{7}) == "2026-11-23T07:00:00Z");
    const std::string now = iso_timestamp_now();
    REQUIRE(now.size() == 20);
    date::year_month_day d{};
    CHECK(parse_iso(now.substr(0, 10), d));
    CHECK(now[10] == 'T');
    CHECK(now.back() == 'Z');
}

TEST_CASE("iso_timestamp writes what date::format writes, across days, leap years and the day's edges") {
    std::uint64_t state = 20261204;
    auto next = [&state] {  // a fixed LCG: the same instants every run
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 11;
    };
    std::vector<date::sys_seconds> instants{date::sys_days{1970_y / 1 / 1} + std::chrono::seconds{0},
                                            date::sys_days{2024_y / 2 / 29} + std::chrono::seconds{86399},
                                            date::sys_days{9999_y / 12 / 31} + std::chrono::seconds{86399},
                                            date::sys_days{0_y / 1 / 1} + std::chrono::seconds{3600}};
    for (int k = 0; k < 20000; ++k)  // years 0 to about 9900
        instants.push_back(date::sys_seconds{std::chrono::seconds{static_cast<long long>(next() % 312'000'000'000ULL) -
                                                                  62'167'219'200LL}});
    for (const auto t : instants) {
        CAPTURE(t.time_since_epoch().count());
        CHECK(iso_timestamp(t) == date::format("%Y-%m-%dT%H:%M:%SZ", t));
    }
}

TEST_CASE("parse_iso_or_unset: the date, or an unset one for what the store writes for no date") {
    CHECK(parse_iso_or_unset("2019-08-31") == date::year_month_day{date::year{2019} / 8 / 31});
    CHECK_FALSE(parse_iso_or_unset("").ok());
    CHECK_FALSE(parse_iso_or_unset("2019-02-30").ok());
    CHECK(parse_iso_or_unset("31-08-2019") == date::year_month_day{});
}

TEST_CASE("parse_iso: every day of a leap and a common year, and the days that do not exist") {
    // The by-hand digits must agree with the calendar: every real day parses back to itself, and a day past a
    // month's end (or a month past 12, or day or month 0) does not.
    for (int y : {2023, 2024, 1900, 2000}) {
        for (unsigned m = 0; m <= 13; ++m)
            for (unsigned d = 0; d <= 32; ++d) {
                char text[16];
                std::snprintf(text, sizeof text, "%04d-%02u-%02u", y, m, d);
                const date::year_month_day expected{date::year{y}, date::month{m}, date::day{d}};
                date::year_month_day got{};
                CHECK(parse_iso(text, got) == expected.ok());
                if (expected.ok()) CHECK(got == expected);
            }
    }
}
