// Behaviour of the filters and of each report format beyond the golden files: escaping, alignment, structure.
#include "fixtures.hpp"
#include "notifier/render.hpp"
#include "notifier/utf8.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>
#include <tuple>

using namespace opfolg::notifier;
using namespace date::literals;

namespace {
std::vector<std::string> lines_of(const std::string& s, const std::string& sep = "\n") {
    std::vector<std::string> out;
    std::size_t pos = 0, next;
    while ((next = s.find(sep, pos)) != std::string::npos) {
        out.push_back(s.substr(pos, next - pos));
        pos = next + sep.size();
    }
    if (pos < s.size()) out.push_back(s.substr(pos));
    return out;
}

// A minimal RFC 4180 reader, to prove the writer round-trips hostile values.
std::vector<std::vector<std::string>> parse_csv(const std::string& s, char sep) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (quoted) {
            if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') { field += '"'; ++i; }
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == sep) {
            rows.back().push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
            ++i;
        } else {
            field += c;
        }
    }
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

Report hostile_report() {
    Report r = fixtures::report();
    auto f = fixtures::flag("bad0bad0bad0", "Økonomiudvalget", 2026_y / date::May / 4, 2,
                            "Titel med \"citat\", komma; semikolon\r\nBcc: victim@example.com",
                            "=HYPERLINK(\"http://x\")", "<script>alert('x')</script>\nSubject: injected",
                            2026_y / date::June / 1, 175);
    r.flags.push_back(f);
    return r;
}
}  // namespace

TEST_CASE("utf8: widths, padding and truncation treat æøå as one column") {
    CHECK(utf8::width("Ærø") == 3);
    CHECK(utf8::width("Børne- og Skoleudvalget") == 23);
    CHECK(utf8::width("e\xcc\x81") == 1);  // e + combining acute
    CHECK(utf8::pad("Ø", 3) == "Ø  ");
    CHECK(utf8::pad("7", 3, true) == "  7");
    CHECK(utf8::truncate("Skolestruktur på Ærø", 6) == "Skole…");
    CHECK(utf8::truncate("ÆØÅÆØÅ", 4) == "ÆØÅ…");
    std::string row = "| ";
    utf8::append_truncated(row, "Skolestruktur på Ærø", 6);
    utf8::append_truncated(row, "Ærø", 3);
    utf8::append_truncated(row, "Ærø", 0);
    CHECK(row == "| Skole…Ærø");
    CHECK(utf8::width(std::string_view("ASCII only, one column a byte")) == 29);
    // Eight ASCII bytes a step, then code point by code point: the same count wherever the step stops.
    for (const std::string tail : {"e\xcc\x81", "\xe2\x82", "Ærø", "\xff\xfe", "\xc3", ""})
        for (std::size_t k = 0; k <= 17; ++k) {
            const std::string ascii(k, 'x');
            CHECK(utf8::width(ascii + tail) == k + utf8::width(tail));
            CHECK(utf8::width(ascii + tail + ascii) == 2 * k + utf8::width(tail));
        }
    for (const std::string title : {"Skolestruktur på Ærø og omegn", "e\xcc\x81e\xcc\x81e\xcc\x81", "kort"})
        for (std::size_t columns : {0, 1, 4, 10, 40}) {
            std::string cell;
            const std::size_t appended = utf8::append_truncated(cell, title, columns);
            CHECK(appended == utf8::width(cell));
            CHECK(cell == utf8::truncate(title, columns));
        }
}

TEST_CASE("filter_flags: committee (æøå case-insensitive), rule, severity, status, since") {
    const auto flags = fixtures::report().flags;
    Filter f;
    f.committee = "BØRNE";
    CHECK(filter_flags(flags, f).size() == 2);
    f = {};
    f.rule = "promised-new-case";
    REQUIRE(filter_flags(flags, f).size() == 1);
    CHECK(filter_flags(flags, f)[0].id == "0f1e2d3c4b5a");
    f = {};
    f.min_severity = opfolg::rules::Severity::high;
    CHECK(filter_flags(flags, f).size() == 2);
    f = {};
    f.status = "pending";
    CHECK(filter_flags(flags, f).size() == 1);
    f.status = "overdue";
    CHECK(filter_flags(flags, f).size() == 4);
    f = {};
    f.since = 2026_y / date::September / 8;
    CHECK(filter_flags(flags, f).size() == 2);  // the meeting on the 8th itself is included
    CHECK(filter_flags(flags, Filter{}).size() == flags.size());
}

TEST_CASE("summary line counts overdue and pending, in Danish with singular forms") {
    Report r = fixtures::report();
    CHECK(summary_line(r) == "5 åbne opfølgninger: 4 overskredne, 1 afventende pr. 2026-11-23");
    r.flags.resize(1);
    CHECK(summary_line(r) == "1 åben opfølgning: 1 overskreden, 0 afventende pr. 2026-11-23");
}

TEST_CASE("text: grouped by committee, most overdue first, columns aligned in columns not bytes") {
    const std::string out = render_text(fixtures::report(), false);
    CHECK(out.find('\x1b') == std::string::npos);
    // Groups in order of their most overdue flag: 958 days, then 448, then 13.
    auto eb = out.find("Erhvervs- og"), bs = out.find("Børne- og Skole"), tm = out.find("Teknik- og");
    CHECK(eb < bs);
    CHECK(bs < tm);
    CHECK(out.find("958") < out.find("-38"));
    // In the Børne- og Skoleudvalget block both rows' TITEL columns start at the same display column.
    std::vector<std::size_t> title_columns;
    for (const auto& line : lines_of(out)) {
        for (const char* t : {"Skolestruktur på Ærø", "lukket"}) {
            auto p = line.find(t);
            if (p != std::string::npos && line.rfind("  overskredet", 0) == 0)
                title_columns.push_back(utf8::width(line.substr(0, p)));
        }
    }
    REQUIRE(title_columns.size() == 2);
    CHECK(title_columns[0] == title_columns[1]);
    // Every detail the brief names is there for an open flag.
    for (const char* s : {"2024-04-09", "2024-03-12 pkt. 4", "15.20.00-A00-3-24", "Udsættes til næste møde",
                          "postponed-not-resumed", "a1b2c3d4e5f6", "referat_2024-03-12.txt:104"})
        CHECK(out.find(s) != std::string::npos);
}

TEST_CASE("text: colour only when asked, control characters cannot reach the terminal") {
    Report r = hostile_report();
    r.flags.back().title += "\x1b[2J";
    CHECK(render_text(r, true).find("\x1b[31m") != std::string::npos);
    const std::string plain = render_text(r, false);
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK(plain.find("\r") == std::string::npos);
}

TEST_CASE("shown: a closed item keeps what places and dates it, and loses what it says") {
    opfolg::rules::Flag f = fixtures::report().flags.front();
    f.closed = true;
    f.title = "Personsag";
    f.case_number = "81.00.00-G01-1-25";
    f.decision = "Fortroligt";
    f.message = "besked";
    f.due_source = "decision: i august 2022 (line 4)";
    f.why = {"decision class postponed"};
    const opfolg::rules::Flag s = shown(f, false);
    CHECK(s.title == "lukket");
    CHECK(s.case_number.empty());
    CHECK(s.decision.empty());
    CHECK(s.message.empty());
    CHECK(s.due_source.empty());
    CHECK(s.why.empty());
    CHECK(s.closed);
    CHECK(std::tie(s.id, s.rule, s.rule_title, s.committee, s.source, s.candidate_key) ==
          std::tie(f.id, f.rule, f.rule_title, f.committee, f.source, f.candidate_key));
    CHECK(s.severity == f.severity);
    CHECK(s.status == f.status);
    CHECK(s.meeting_date == f.meeting_date);
    CHECK(s.item_number == f.item_number);
    CHECK(s.due == f.due);
    CHECK(s.days_overdue == f.days_overdue);
    CHECK(shown(f, true).decision == "Fortroligt");
}

TEST_CASE("closed items: only the item number and 'lukket' unless show_closed") {
    Report r = fixtures::report();
    for (const auto& out : {render_text(r), render_json(r), render_markdown(r), render_html(r), render_csv(r),
                            render_ics(r)}) {
        CHECK(out.find("Personsag") == std::string::npos);
        CHECK(out.find("Fortroligt") == std::string::npos);
        CHECK(out.find("81.00.00-G01-1-25") == std::string::npos);
        CHECK(out.find("lukket") != std::string::npos);
    }
    r.show_closed = true;
    CHECK(render_text(r).find("Personsag") != std::string::npos);
    CHECK(render_json(r).find("Fortroligt") != std::string::npos);
}

TEST_CASE("json: written flag by flag, it is exactly the pretty-printed document (indent 2), also when empty") {
    Report empty = fixtures::report();
    empty.flags.clear();
    Report bad_utf8 = fixtures::report();
    bad_utf8.flags[0].title = "a\x80" "b\xe2";
    for (const Report& r : {fixtures::report(), hostile_report(), empty, bad_utf8}) {
        const std::string streamed = render_json(r);
        CHECK(streamed == nlohmann::ordered_json::parse(streamed).dump(2) + "\n");
    }
    CHECK(render_json(empty).find("\"flags\": []") != std::string::npos);
}

TEST_CASE("json: field by field it is the DOM's dump, for any text (Danish, escapes, bad and edge UTF-8)") {
    // The writer copies well-formed UTF-8 and leaves everything else to nlohmann's escaping: the document must
    // be what the DOM of the whole report gives, with bad bytes replaced the same way.
    const std::vector<std::string> texts = {
        "", "Skolestruktur på Ærø", "tab\there", "back\\slash only", "quote \" and \\ backslash", std::string("nul\0byte", 8), "\x7f del",
        "\x1b[2J", "a\x80b", "\xc3", "\xc0\xaf overlong", "\xed\xa0\x80 surrogate", "\xf4\x90\x80\x80 past U+10FFFF",
        "\xe2\x82\xac euro \xf0\x9f\x98\x80 emoji", "\xef\xbf\xbd", "\xf0\x9f\x98 cut", "æøåÆØÅ\r\n",
        "\b\f\x01\x1f\x7f short and long escapes", "citat \"Indstilling\" med æøå", "\"\\\"", "bad \xff and \"quote\""};
    for (const auto& text : texts) {
        Report r = fixtures::report();
        r.flags[0].title = text;
        r.flags[0].decision = text + text;
        r.flags[0].message = text;
        nlohmann::ordered_json doc;
        doc["as_of"] = iso(r.as_of);
        doc["flags"] = nlohmann::ordered_json::array();
        for (const opfolg::rules::Flag* p : most_overdue_order(r.flags)) {
            const opfolg::rules::Flag f = shown(*p, r.show_closed);
            nlohmann::ordered_json j;
            j["id"] = f.id;
            j["rule"] = f.rule;
            j["status"] = opfolg::rules::to_string(f.status);
            j["severity"] = severity_name(f.severity);
            j["committee"] = f.committee;
            j["meeting_date"] = iso(f.meeting_date);
            j["item_number"] = f.item_number;
            j["title"] = f.title;
            j["case_number"] = f.case_number;
            j["decision"] = f.decision;
            j["due"] = iso(f.due);
            j["days_overdue"] = f.days_overdue;
            j["source"] = f.source;
            j["closed"] = f.closed;
            j["rule_title"] = f.rule_title;
            j["due_source"] = f.due_source;
            j["message"] = f.message;
            doc["flags"].push_back(std::move(j));
        }
        INFO("text " << nlohmann::ordered_json(text).dump(-1, ' ', true, nlohmann::ordered_json::error_handler_t::replace));
        CHECK(render_json(r) == doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
    }
}

TEST_CASE("json: the documented keys, in the documented order, with typed values") {
    const auto doc = nlohmann::ordered_json::parse(render_json(hostile_report()));
    std::vector<std::string> top;
    for (auto it = doc.begin(); it != doc.end(); ++it) top.push_back(it.key());
    CHECK(top == std::vector<std::string>{"as_of", "flags"});
    CHECK(doc["as_of"] == "2026-11-23");
    REQUIRE(doc["flags"].size() == 6);
    const std::vector<std::string> expected = {"id", "rule", "status", "severity", "committee", "meeting_date",
                                               "item_number", "title", "case_number", "decision", "due",
                                               "days_overdue", "source"};
    for (const auto& f : doc["flags"]) {
        std::vector<std::string> keys;
        for (auto it = f.begin(); it != f.end(); ++it) keys.push_back(it.key());
        REQUIRE(keys.size() >= expected.size());
        CHECK(std::vector<std::string>(keys.begin(), keys.begin() + expected.size()) == expected);
        CHECK(f["item_number"].is_number_integer());
        CHECK(f["days_overdue"].is_number_integer());
    }
    CHECK(doc["flags"][0]["days_overdue"] == 958);  // most overdue first
    CHECK(doc["flags"][0]["severity"] == "high");
    bool found = false;
    for (const auto& f : doc["flags"])
        if (f["id"] == "bad0bad0bad0") {
            found = true;
            CHECK(f["decision"] == "<script>alert('x')</script>\nSubject: injected");  // JSON keeps it, escaped
        }
    CHECK(found);
}

TEST_CASE("markdown and html: hostile values stay text") {
    const Report r = hostile_report();
    const std::string md = render_markdown(r);
    CHECK(md.find("<script>") == std::string::npos);
    CHECK(md.find("\\<script\\>") != std::string::npos);
    // Every table row keeps its 11 cells: no unescaped | or line break inside a value.
    for (const auto& line : lines_of(md)) {
        if (line.rfind("| overskredet", 0) != 0 && line.rfind("| afventer", 0) != 0) continue;
        int bars = 0;
        for (std::size_t i = 0; i < line.size(); ++i)
            if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++bars;
        CHECK(bars == 12);
    }
    const std::string html = render_html(r);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("http://x") != std::string::npos);  // as escaped text …
    CHECK(html.find("href") == std::string::npos);      // … never a link
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("<svg") != std::string::npos);
}

TEST_CASE("html chart: one bar row per committee, segments per age band with counts") {
    const std::string svg = render_age_chart_svg(fixtures::report());
    CHECK(svg.find("Erhvervs- og Beskæftigelsesudvalget</text>") != std::string::npos);
    CHECK(svg.find("Teknik- og Miljøudvalget</text>") != std::string::npos);
    CHECK(svg.find("<title>&gt;365 dage: 1</title>") != std::string::npos);   // 958 days; 448 is the other one
    CHECK(svg.find("<title>afventer: 1</title>") != std::string::npos);      // the pending flag, own band
    CHECK(svg.find("<title>31–90 dage: 1</title>") != std::string::npos);    // 53 days
    CHECK(svg.find("<title>0–30 dage: 1</title>") != std::string::npos);     // 13 days
    CHECK(render_age_chart_svg(Report{}).empty());
}

TEST_CASE("csv: RFC 4180 round trip of hostile values, Excel variant has BOM and semicolons") {
    const Report r = hostile_report();
    const std::string csv = render_csv(r, false);
    CHECK(csv.rfind("id,rule,status,", 0) == 0);
    CHECK(csv.substr(csv.size() - 2) == "\r\n");
    auto rows = parse_csv(csv, ',');
    REQUIRE(rows.size() == 7);
    for (const auto& row : rows) CHECK(row.size() == 13);
    bool found = false;
    for (const auto& row : rows) {
        if (row[0] != "bad0bad0bad0") continue;
        found = true;
        CHECK(row[7] == "Titel med \"citat\", komma; semikolon\r\nBcc: victim@example.com");
        CHECK(row[8] == "'=HYPERLINK(\"http://x\")");  // formula neutralised
        CHECK(row[11] == "175");
    }
    CHECK(found);
    const std::string excel = render_csv(r, true);
    CHECK(excel.rfind("\xEF\xBB\xBFid;rule;status;", 0) == 0);
    auto erows = parse_csv(excel.substr(3), ';');
    REQUIRE(erows.size() == 7);
    for (const auto& row : erows) CHECK(row.size() == 13);
}

TEST_CASE("csv: a quote, CR, LF or the separator at any position of a field of any length is quoted") {
    // The scan reads 16 bytes at a time and the rest through a block: every length across two blocks, the
    // special byte at every position, and the plain field beside it.
    for (char sep : {',', ';'}) {
        for (char special : {'"', '\r', '\n', sep}) {
            for (std::size_t length = 1; length <= 40; ++length) {
                const std::string plain(length, 'x');
                CHECK(csv_row({plain}, sep) == plain + "\r\n");
                for (std::size_t at = 0; at < length; ++at) {
                    std::string field = plain;
                    field[at] = special;
                    const std::string row = csv_row({field}, sep);
                    INFO("sep " << sep << " length " << length << " at " << at);
                    REQUIRE(row.size() >= 4);
                    CHECK(row.front() == '"');
                    const auto rows = parse_csv(row, sep);
                    REQUIRE(rows.size() == 1);
                    CHECK(rows[0] == std::vector<std::string>{field});
                }
            }
        }
    }
    CHECK(csv_row({"a,b", "c;d"}, ';') == "a,b;\"c;d\"\r\n");  // only the separator in use quotes
}

TEST_CASE("ics: RFC 5545 structure — CRLF, 75-octet folding on UTF-8 boundaries, required properties") {
    Report r = hostile_report();
    r.flags[0].title = std::string(40, 'x') + "ææææææææææææææææææææææææææææææææææææææææ";  // forces a fold mid-æ
    const std::string ics = render_ics(r);
    CHECK(ics.substr(ics.size() - 2) == "\r\n");
    // No bare LF or CR anywhere.
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics[i] == '\n') CHECK((i > 0 && ics[i - 1] == '\r'));
        if (ics[i] == '\r') CHECK((i + 1 < ics.size() && ics[i + 1] == '\n'));
    }
    auto lines = lines_of(ics, "\r\n");
    std::string unfolded_text;
    std::vector<std::string> unfolded;
    int depth = 0, todos = 0;
    std::vector<std::string> stack;
    for (const auto& l : lines) {
        CHECK(l.size() <= 75);
        // A folded line never starts or ends inside a UTF-8 sequence.
        if (!l.empty()) {
            CHECK((static_cast<unsigned char>(l.back()) & 0xC0) != 0xC0);  // not a lead byte at the end
            std::size_t start = l[0] == ' ' ? 1 : 0;
            if (l.size() > start) CHECK((static_cast<unsigned char>(l[start]) & 0xC0) != 0x80);
        }
        if (!l.empty() && l[0] == ' ') unfolded.back() += l.substr(1);
        else unfolded.push_back(l);
    }
    for (const auto& l : unfolded) {
        if (l.rfind("BEGIN:", 0) == 0) { stack.push_back(l.substr(6)); ++depth; }
        if (l.rfind("END:", 0) == 0) {
            REQUIRE_FALSE(stack.empty());
            CHECK(stack.back() == l.substr(4));
            stack.pop_back();
        }
        if (l == "BEGIN:VTODO") ++todos;
    }
    CHECK(stack.empty());
    CHECK(todos == 6);
    auto has = [&](const std::string& prefix) {
        int n = 0;
        for (const auto& l : unfolded) n += l.rfind(prefix, 0) == 0;
        return n;
    };
    CHECK(has("VERSION:2.0") == 1);
    CHECK(has("PRODID:") == 1);
    CHECK(has("UID:") == 6);
    CHECK(has("DTSTAMP:20261123T070000Z") == 6);
    CHECK(has("DUE;VALUE=DATE:") == 6);
    CHECK(has("SUMMARY:") == 6);
    CHECK(has("DESCRIPTION:") == 6);
    CHECK(has("STATUS:NEEDS-ACTION") == 6);
    CHECK(has("UID:bad0bad0bad0@opfolg") == 1);
    CHECK(has("DUE;VALUE=DATE:20260601") == 1);
    // The hostile title's CRLF became the \n escape; "Bcc:" never starts a line.
    CHECK(has("Bcc:") == 0);
    for (const auto& l : unfolded)
        if (l.rfind("UID:bad0", 0) == 0 || l.find("komma") != std::string::npos)
            if (l.rfind("SUMMARY:", 0) == 0) CHECK(l.find("\"citat\"\\, komma\\; semikolon\\nBcc: victim") != std::string::npos);
    CHECK(has(std::string("SUMMARY:Erhvervs- og Beskæftigelsesudvalget 2024-03-12 pkt. 4: ") + std::string(40, 'x') +
              "ææææææææææææææææææææææææææææææææææææææææ") == 1);
}

TEST_CASE("ics: a value written piece by piece is escaped as the joined value, a CR LF across pieces included") {
    // DESCRIPTION is "Status: …\nSag: <case>\nBeslutning: <decision>\n…": a case number ending in CR and the LF
    // after it are one \n, as they were when the description was joined before escaping; long runs of plain
    // text, commas, semicolons and backslashes are escaped wherever the eight-byte steps fall.
    Report r = hostile_report();
    r.show_closed = true;  // a closed item's case number and decision are shown too
    for (auto& f : r.flags) {
        f.case_number = "15.00.00-P05-3-20\r";
        f.decision = std::string(13, 'y') + "\r\r\n;,\\" + std::string(9, 'z') + "\x01\tend\r";
    }
    const std::string ics = render_ics(r);
    std::string unfolded;  // folds removed
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        unfolded += ics[i];
    }
    const std::string expected = "Sag: 15.00.00-P05-3-20\\nBeslutning: " + std::string(13, 'y') + "\\n\\n\\;\\,\\\\" +
                                 std::string(9, 'z') + " \tend\\nRegel: ";
    std::size_t found = 0;
    for (std::size_t at = unfolded.find(expected); at != std::string::npos; at = unfolded.find(expected, at + 1))
        ++found;
    CHECK(found == r.flags.size());
}

TEST_CASE("invalid UTF-8 from a source document breaks no format") {
    Report r = fixtures::report();
    // Truncated 3-byte sequence at the very end of a long value, a lone continuation byte, an invalid lead byte.
    r.flags[0].title = std::string(90, 'a') + "\x80 \xff ok \xe2\x82";
    r.flags[0].decision = std::string(200, 'b') + "\xe2";
    CHECK_NOTHROW(render_text(r));
    CHECK_NOTHROW(render_markdown(r));
    CHECK_NOTHROW(render_html(r));
    CHECK_NOTHROW(render_csv(r, true));
    const std::string ics = render_ics(r);
    for (const auto& l : lines_of(ics, "\r\n")) CHECK(l.size() <= 75);
    const auto doc = nlohmann::json::parse(render_json(r));  // replaced, still valid JSON
    CHECK(doc["flags"][0]["title"].get<std::string>().find("\xEF\xBF\xBD") != std::string::npos);
    CHECK(utf8::width("\xe2\x82") == 2);
    CHECK(utf8::truncate(std::string(10, 'x') + "\xe2", 5) == "xxxx…");
}

TEST_CASE("make_filter: --since and --severity read the same way as the rule files") {
    // The notifier's sscanf date parser took "2019-01- 1" and "+019-01-01"; the rule files never did.
    CHECK(make_filter("", "", "", "", "2019-01-01").since == date::year_month_day{2019_y / 1 / 1});
    CHECK_THROWS_AS(make_filter("", "", "", "", "2019-01- 1"), std::invalid_argument);
    CHECK_THROWS_AS(make_filter("", "", "", "", "+019-01-01"), std::invalid_argument);
    CHECK(make_filter("", "", "HIGH", "", "").min_severity == opfolg::rules::Severity::high);
    CHECK_THROWS_AS(make_filter("", "", "urgent", "", ""), std::invalid_argument);
}
