#include "grammar/deadlines.hpp"

#include "grammar/promise.hpp"
#include "grammar/reader.hpp"

namespace opfolg {

bool addressed_to_committee(const std::string& sentence, const std::string& committee) {
    const std::string lower = utf8_lower(sentence);
    std::string own = utf8_lower(committee);
    own = own.substr(own.rfind(' ') == std::string::npos ? 0 : own.rfind(' ') + 1);
    const std::size_t stem_end = own.find("udvalg");
    const std::string own_stem = stem_end == std::string::npos ? own : own.substr(0, stem_end + 6);
    bool names_committee = false;
    for (std::size_t at = lower.find("udvalg"); at != std::string::npos; at = lower.find("udvalg", at + 6)) {
        std::size_t start = at;
        while (start > 0 && lower[start - 1] != ' ' && lower[start - 1] != '-' && lower[start - 1] != ',') --start;
        const std::string word = lower.substr(start, at + 6 - start);
        if (word == "udvalg") return true;  // "udvalget", "udvalgets": the committee itself
        names_committee = true;
        if (!own_stem.empty() && word == own_stem) return true;
    }
    return !names_committee;
}

std::vector<Deadline> find_deadlines(std::string_view text, int line, bool in_decision,
                                     date::year_month_day meeting_date, const std::string& committee) {
    std::vector<Deadline> out;
    for (auto& phrase : dates::find_time_phrases(text, meeting_date)) {
        Deadline d;
        d.in_decision = in_decision;
        d.line = line;
        // A promise whose period has already begun at the meeting ("opgaver i 2021" in January 2021)
        // describes the present.
        d.promise = !phrase.past && !in_decision && !phrase.next_meeting && meeting_date < phrase.first &&
                    addressed_to_committee(phrase.sentence, committee) && find_promise(phrase.sentence, d.promise_verb);
        d.phrase = std::move(phrase);
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace opfolg
