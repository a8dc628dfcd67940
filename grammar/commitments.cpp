#include "grammar/commitments.hpp"

#include "grammar/promise.hpp"

#include <string_view>

namespace opfolg {

namespace {
// Future passive verbs of planned work in budget texts, besides the promise verbs of minutes.
bool commitment_verb(const std::string& sentence, std::string& verb) {
    if (find_promise(sentence, verb)) return true;
    const std::string lower = utf8_lower(sentence);
    for (const char* v : {"udarbejdes", "vedtages", "gennemføres", "igangsættes", "evalueres", "revideres",
                          "implementeres", "etableres", "udbydes"}) {
        std::size_t at = lower.find(v);
        std::size_t end = at + std::string_view(v).size();
        if (at != std::string::npos && (at == 0 || lower[at - 1] == ' ') &&
            (end == lower.size() || lower[end] == ' ' || lower[end] == ',' || lower[end] == '.')) {
            verb = v;
            return true;
        }
    }
    return false;
}

// The document's own date, for resolving phrases without a year: the first full date in its first lines
// ("Revideret efter møde den 8. november 2016").
date::year_month_day document_date(const SourceText& source) {
    int seen = 0;
    for (const auto& l : source.lines) {
        if (l.text.empty()) continue;
        if (++seen > 10) break;
        for (const auto& p : dates::find_time_phrases(l.text, date::year{1970} / 1 / 1))
            if (p.precision == dates::Precision::day && p.first.ok()) return p.first;
    }
    return date::year{1970} / 1 / 1;
}
}  // namespace

std::vector<Commitment> find_commitments(const SourceText& source) {
    std::vector<Commitment> out;
    const date::year_month_day reference = document_date(source);
    std::string committee, frame;
    std::string* expecting = nullptr;  // the label just seen; its value is the next non-empty line
    for (const auto& l : source.lines) {
        if (l.text.empty()) continue;
        const std::string lower = utf8_lower(l.text);
        if (lower == "ansvarligt udvalg") { expecting = &committee; continue; }
        if (lower == "bevillingsramme") { expecting = &frame; continue; }
        if (expecting) {
            *expecting = l.text;
            expecting = nullptr;
            continue;
        }
        if (committee.empty()) continue;
        for (auto& phrase : dates::find_time_phrases(l.text, reference)) {
            Commitment c;
            if (phrase.next_meeting || !commitment_verb(phrase.sentence, c.verb)) continue;
            c.committee = committee;
            c.frame = frame;
            c.line = l.source_line;
            c.deadline.line = l.source_line;
            c.deadline.promise = true;
            c.deadline.promise_verb = c.verb;
            c.deadline.phrase = std::move(phrase);
            out.push_back(std::move(c));
        }
    }
    return out;
}

}  // namespace opfolg
