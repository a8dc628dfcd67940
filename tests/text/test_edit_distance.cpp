// text/edit_distance: the one distance behind "did you mean" and near-miss committee names.
#include "text/edit_distance.hpp"

#include <catch2/catch.hpp>

using opfolg::text::edit_distance;

TEST_CASE("edit_distance: insertions, deletions and substitutions cost one each") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("skoleudvalget", "skoleudvalget") == 0);
    CHECK(edit_distance("skoleudvalget", "skoleudvalg") == 2);
}

TEST_CASE("edit_distance: a swap of two adjacent letters is one edit") {
    // tracker/committees.cpp had plain Levenshtein (a swap costs 2), rules/diagnostics.cpp this one: a committee
    // name with two letters swapped got no "close to" warning while the same typo in a rule file got a suggestion.
    CHECK(edit_distance("titel", "title") == 1);
    CHECK(edit_distance("økonomiudvalget", "økonomiudvalgte") == 1);
    CHECK(edit_distance("ab", "ba") == 1);
    CHECK(edit_distance("abc", "ca") == 3);  // optimal string alignment: no edit of a swapped pair
}

TEST_CASE("edit_distance: counts bytes and is symmetric") {
    CHECK(edit_distance("æ", "a") == 2);
    CHECK(edit_distance("børn", "born") == 2);
    for (auto [a, b] : {std::pair{"udvalg", "udvlag"}, {"sundhed", "sudnhed og"}, {"x", "yxz"}}) {
        CAPTURE(a, b);
        CHECK(edit_distance(a, b) == edit_distance(b, a));
    }
}
