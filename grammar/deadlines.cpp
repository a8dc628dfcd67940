#include "grammar/deadlines.hpp"

#include "grammar/promise.hpp"
#include "grammar/reader.hpp"

#include <optional>

namespace opfolg {

namespace {
// The committee's last word up to "udvalg" ("Social- og Sundhedsudvalget" -> "sundhedsudvalg"), lowercased.
std::string committee_stem(const std::string& committee) {
    std::string own = utf8_lower(committee);
    own = own.substr(own.rfind(' ') == std::string::npos ? 0 : own.rfind(' ') + 1);
    const std::size_t stem_end = own.find("udvalg");
    return stem_end == std::string::npos ? own : own.substr(0, stem_end + 6);
}

// A promise counts for this committee when its sentence (lowercased) names no committee, says "udvalget", or
// names this committee (its stem); "Sagen forelægges også Social- og Sundhedsudvalget i juni" is another
// committee's business.
bool addressed_in_lower(std::string_view lower, std::string_view own_stem) {
    bool names_committee = false;
    for (std::size_t at = lower.find("udvalg"); at != std::string_view::npos; at = lower.find("udvalg", at + 6)) {
        std::size_t start = at;
        while (start > 0 && lower[start - 1] != ' ' && lower[start - 1] != '-' && lower[start - 1] != ',') --start;
        const std::string_view word = lower.substr(start, at + 6 - start);
        if (word == "udvalg") return true;  // "udvalget", "udvalgets": the committee itself
        names_committee = true;
        if (!own_stem.empty() && word == own_stem) return true;
    }
    return !names_committee;
}
}  // namespace

std::vector<Deadline> find_deadlines(std::string_view text, int line, bool in_decision,
                                     date::year_month_day meeting_date, const std::string& committee) {
    std::vector<Deadline> out;
    // Whether a sentence promises work to this committee, and the verb that does: worked out once per sentence
    // ("fra 1. januar til 31. marts 2024" asks twice) over one lowercased copy, and the committee's stem once.
    std::optional<std::string> own_stem;
    std::string asked_sentence, asked_verb;
    bool asked = false, asked_promise = false;
    auto promises = [&](const std::string& sentence, std::string& verb) {
        if (!asked || sentence != asked_sentence) {
            if (!own_stem) own_stem = committee_stem(committee);
            const std::string lower = utf8_lower(sentence);
            asked_verb.clear();
            asked_promise = addressed_in_lower(lower, *own_stem) && find_promise_in_lower(lower, asked_verb);
            asked_sentence = sentence;
            asked = true;
        }
        if (asked_promise) verb = asked_verb;
        return asked_promise;
    };
    for (auto& phrase : dates::find_time_phrases(text, meeting_date)) {
        Deadline d;
        d.in_decision = in_decision;
        d.line = line;
        // A promise whose period has already begun at the meeting ("opgaver i 2021" in January 2021)
        // describes the present.
        d.promise = !phrase.past && !in_decision && !phrase.next_meeting && meeting_date < phrase.first &&
                    promises(phrase.sentence, d.promise_verb);
        d.phrase = std::move(phrase);
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace opfolg
