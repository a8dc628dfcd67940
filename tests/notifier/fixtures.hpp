// Hand-built flags with fixed dates, so every renderer's output is deterministic (golden files).
#pragma once
#include "read_file.hpp"
#include "notifier/report.hpp"
#include "shell.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace fixtures {

using namespace date::literals;
using opfolg::rules::Flag;
using opfolg::rules::Severity;

inline Flag flag(std::string id, std::string committee, date::year_month_day meeting, int item, std::string title,
                 std::string case_number, std::string decision, date::year_month_day due, long days,
                 Severity severity = Severity::medium, std::string rule = "postponed-not-resumed") {
    Flag f;
    f.id = std::move(id);
    f.rule = std::move(rule);
    f.rule_title = "Udsat sag ikke genoptaget";
    f.severity = severity;
    f.status = days > 0 ? opfolg::rules::FlagStatus::overdue : opfolg::rules::FlagStatus::pending;
    f.committee = std::move(committee);
    f.meeting_date = meeting;
    f.item_number = item;
    f.title = std::move(title);
    f.case_number = std::move(case_number);
    f.decision = std::move(decision);
    f.due = due;
    f.due_source = "decision: næste møde (line 12)";
    f.days_overdue = days;
    f.source = "referat_" + opfolg::notifier::iso(meeting) + ".txt:" + std::to_string(100 + item);
    f.message = "Pkt. " + std::to_string(item) + " er ikke genoptaget";
    return f;
}

inline opfolg::notifier::Report report() {
    opfolg::notifier::Report r;
    r.as_of = 2026_y / date::November / 23;
    r.generated_at = date::sys_days{2026_y / date::November / 23} + std::chrono::hours{7};
    r.title = "Opfølgninger";
    r.flags = {
        flag("a1b2c3d4e5f6", "Erhvervs- og Beskæftigelsesudvalget", 2024_y / date::March / 12, 4,
             "Status på beskæftigelsesindsatsen for ældre ledige", "15.20.00-A00-3-24",
             "Udsættes til næste møde, hvor der forelægges en status.", 2024_y / date::April / 9, 958,
             Severity::high),
        flag("0f1e2d3c4b5a", "Erhvervs- og Beskæftigelsesudvalget", 2026_y / date::September / 8, 7,
             "Ny strategi for \"grøn omstilling\", erhverv & turisme", "24.10.00-P20-1-26",
             "Godkendt; ny sag forelægges i december 2026.", 2026_y / date::December / 31, -38, Severity::low,
             "promised-new-case"),
        flag("99aa88bb77cc", "Børne- og Skoleudvalget", 2026_y / date::August / 17, 3,
             "Skolestruktur på Ærø, Østby og Ålborg", "17.01.00-G01-5-26",
             "Udsat. Forvaltningen undersøger sagen,\nmed bemærkning; se bilag", 2026_y / date::October / 1, 53),
        flag("77dd66ee55ff", "Børne- og Skoleudvalget", 2025_y / date::June / 2, 9, "Personsag", "81.00.00-G01-1-25",
             "Fortroligt: indstillingen følges", 2025_y / date::September / 1, 448, Severity::high),
        flag("123456abcdef", "Teknik- og Miljøudvalget", 2026_y / date::November / 2, 12,
             "Vejbelysning", "05.01.00-G00-2-26", "Udsat", 2026_y / date::November / 10, 13),
    };
    r.flags[3].closed = true;
    return r;
}

using testfs::read_file;

inline void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

// Runs a shell command, returning its stdout; exit status in `status`.
inline std::string run(const std::string& command, int* status = nullptr) {
    auto output = shell::run(command);
    if (status && output.started) *status = output.status;
    return std::move(output.out);
}

inline std::string temp_dir() {
    char tmpl[] = "/tmp/opfolg-notifier-XXXXXX";
    const char* d = mkdtemp(tmpl);
    return d ? d : "/tmp";
}

inline std::string golden_dir() { return std::string(OPFOLG_SOURCE_DIR) + "/tests/notifier/golden"; }

}  // namespace fixtures
