// Promise detection over the words of a lowercased sentence.
//
// Danish states future committee work in two ways: the present passive ("sagen forelægges", "der gives en
// statussag") and an auxiliary with a participle ("bliver præsenteret", "vil blive fremlagt", "forventes
// behandlet"). A participle on its own is a past fact ("blev fremlagt", "er blevet behandlet", "har været
// forelagt", "behandlet den 24. maj 2022"), and so is anything negated with "ikke".
#include "grammar/promise.hpp"
#include "grammar/dates.hpp"
#include "grammar/reader.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace opfolg {

namespace {

// Words (letters and digits, æøå included) of the lowercased sentence, in order.
std::vector<std::string_view> words_of(std::string_view lower) {
    std::vector<std::string_view> words;
    words.reserve(lower.size() / 4);  // a word and its space are rarely under four bytes: one allocation
    std::size_t i = 0;
    while (i < lower.size()) {
        if (!dates::is_word_char_at(lower, i)) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        i = dates::word_end(lower, i);
        words.push_back(lower.substr(start, i - start));
    }
    return words;
}

// The lists are string_views, so a comparison is a length check and rarely a memcmp (a const char* list made
// every comparison a strlen: most of the cost of checking a sentence).
template <std::size_t N>
bool one_of(std::string_view w, const std::array<std::string_view, N>& list) {
    return std::any_of(list.begin(), list.end(), [&](std::string_view s) { return w == s; });
}

// Present passive: future work by itself.
constexpr std::array<std::string_view, 8> present_passive = {"forelægges", "fremlægges",   "præsenteres", "behandles",
                                                    "orienteres", "genoptages", "genbehandles", "afrapporteres"};
// Participles that need an auxiliary to be future.
constexpr std::array<std::string_view, 7> participles = {"præsenteret", "forelagt",   "fremlagt",     "behandlet",
                                                "orienteret",  "genoptaget", "afrapporteret"};
// What "gives" (is given) must give to be a promise: "der gives en status/statussag/orientering".
constexpr std::array<std::string_view, 6> given_things = {"status", "statussag", "orientering", "statusorientering",
                                                 "statusrapport", "tilbagemelding"};

std::string join(const std::vector<std::string_view>& w, std::size_t from, std::size_t to) {
    std::string s;
    for (std::size_t k = from; k <= to && k < w.size(); ++k) {
        if (!s.empty()) s += ' ';
        s.append(w[k]);
    }
    return s;
}

bool negated_before(const std::vector<std::string_view>& w, std::size_t i) { return i > 0 && w[i - 1] == "ikke"; }

// An auxiliary that makes a following participle future: "bliver", "forventes", and "blive" after vil/skal
// ("vil blive", "vil så blive", "skal blive") or after "forventes at" / "forventer at".
bool future_auxiliary(const std::vector<std::string_view>& w, std::size_t i, std::size_t& from) {
    from = i;
    if (w[i] == "bliver" || w[i] == "forventes") return !negated_before(w, i);
    if (w[i] != "blive" || negated_before(w, i)) return false;
    for (std::size_t back = 1; back <= 2 && back <= i; ++back) {
        std::string_view prev = w[i - back];
        if (prev == "ikke") return false;
        if (prev == "vil" || prev == "skal") {
            from = i - back;
            return true;
        }
        if (prev == "at" && back == 1 && i >= 2 && (w[i - 2] == "forventes" || w[i - 2] == "forventer")) {
            from = i - 2;
            return true;
        }
    }
    return false;
}

}  // namespace

bool find_promise(std::string_view sentence, std::string& verb) {
    return find_promise_in_lower(utf8_lower(sentence), verb);
}

bool find_promise_in_lower(std::string_view lower, std::string& verb) {
    const auto w = words_of(lower);
    for (std::size_t i = 0; i < w.size(); ++i) {
        const bool negated_after = i + 1 < w.size() && w[i + 1] == "ikke";
        if (one_of(w[i], present_passive)) {
            if (negated_after || negated_before(w, i)) continue;
            // "ny sag forelægges" names the new case too
            verb = (i >= 2 && w[i - 2] == "ny" && w[i - 1] == "sag") ? join(w, i - 2, i) : std::string(w[i]);
            return true;
        }
        if (w[i] == "gives") {
            if (negated_after || negated_before(w, i)) continue;
            // "gives en status", "gives løbende en statussag", "gives status"
            for (std::size_t k = i + 1; k < w.size() && k <= i + 3; ++k)
                if (one_of(w[k], given_things)) {
                    verb = join(w, i, k);
                    return true;
                }
            continue;
        }
        std::size_t from = i;
        if (future_auxiliary(w, i, from)) {
            // "vil blive fremlagt", "bliver løbende præsenteret", "vil efterfølgende blive forelagt"
            for (std::size_t k = i + 1; k < w.size() && k <= i + 3; ++k) {
                if (w[k] == "ikke") break;
                if (one_of(w[k], participles)) {
                    verb = join(w, from, k);
                    return true;
                }
            }
        }
    }
    return false;
}

}  // namespace opfolg
