// What the time-phrase grammar recognises, before it is resolved against a meeting date (dates.cpp).
// The grammar fills it with semantic actions, so no Fusion adaptation is needed.
#pragma once

namespace opfolg::dates::ast {

enum class kind { none, day, month, quarter, half_year, season, year, next_meeting };

// "ultimo", "ved udgangen af", ... in front of a month or year; decorative prepositions ("i", "til") are plain.
enum modifier : int {
    no_modifier = -1,
    plain = 0,    // i, til, på, inden, senest, fra, frem til
    early = 1,    // primo, først i, i starten/begyndelsen af
    middle = 2,   // medio, midt i, i midten af
    late = 3,     // ultimo, sidst i, i slutningen af
    end_of = 4,   // ved/inden/med udgangen af: the last day
    during = 5    // i løbet af
};

struct phrase {
    kind what = kind::none;
    int mod = no_modifier;
    int day = 0;
    int month = 0;
    int index = 0;              // quarter 1..4, half 1..2, season 1..4 (spring..winter); -1 = "sidste"
    int year = 0;               // 0 = no year written
    int relative_year = -1;     // "i år" = 0, "næste år" = 1; -1 = none
    bool numeric = false;       // written with digits only (12-01-2021, 2021-01-12)
};

}  // namespace opfolg::dates::ast
