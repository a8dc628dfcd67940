// Promise detection: future-tense work ("forelægges", "vil blive fremlagt", "der gives en statussag") versus past
// facts and negations. Sentences are written for the test, not taken from the seeds.
#include "grammar/promise.hpp"

#include <catch2/catch.hpp>

using opfolg::find_promise;

namespace {
struct Case {
    const char* sentence;
    const char* verb;  // nullptr: not a promise
};

const Case cases[] = {
    {"Resultaterne forelægges udvalget i marts.", "forelægges"},
    {"Planen præsenteres for politikerne efter sommerferien.", "præsenteres"},
    {"Budgetforslaget fremlægges på et senere møde.", "fremlægges"},
    {"Sagen behandles igen i 2. kvartal.", "behandles"},
    {"Udvalget orienteres løbende om fremdriften.", "orienteres"},
    {"Undersøges nærmere. Ny sag forelægges.", "ny sag forelægges"},
    {"Der gives en status på projektet i efteråret.", "gives en status"},
    {"Der gives en statussag til udvalget.", "gives en statussag"},
    {"Der gives en orientering om tallene.", "gives en orientering"},
    {"Der gives løbende en status på indsatsen.", "gives løbende en status"},
    {"De nye tal bliver præsenteret på mødet i juni.", "bliver præsenteret"},
    {"Handleplanen vil blive forelagt direktionen.", "vil blive forelagt"},
    {"Evalueringen vil blive fremlagt til august.", "vil blive fremlagt"},
    {"Sagen vil efterfølgende blive behandlet i byrådet.", "vil efterfølgende blive behandlet"},
    {"Strategien skal blive behandlet i alle udvalg.", "skal blive behandlet"},
    {"Rapporten forventes fremlagt i 4. kvartal.", "forventes fremlagt"},
    {"Modellen forventes at blive præsenteret i foråret.", "forventes at blive præsenteret"},
    {"SAGEN FORELÆGGES IGEN.", "forelægges"},
    {"Tallene BLIVER PRÆSENTERET senere.", "bliver præsenteret"},
    // past facts and negations
    {"Analysen blev fremlagt på sidste møde.", nullptr},
    {"Sagen er blevet behandlet i økonomiudvalget.", nullptr},
    {"Planen har været forelagt handicaprådet.", nullptr},
    {"Punktet blev behandlet den 3. marts 2022.", nullptr},
    {"Behandlet den 24. maj 2021 i udvalget.", nullptr},
    {"Der blev givet en status på mødet.", nullptr},
    {"Sagen forelægges ikke igen.", nullptr},
    {"Sagen skal ikke behandles af byrådet.", nullptr},
    {"Planen vil ikke blive fremlagt.", nullptr},
    {"Tallene bliver ikke præsenteret.", nullptr},
    {"Tallene kan blive præsenteret, hvis der er tid.", nullptr},
    {"Der gives tilskud til foreningen.", nullptr},
    {"Orienteringen tages til efterretning.", nullptr},
    {"Udvalget godkendte forslaget.", nullptr},
    {"forelæggesvis er ikke et ord", nullptr},
    {"", nullptr},
};
}  // namespace

TEST_CASE("promise verbs in future tense, not past facts", "[promise]") {
    for (const auto& c : cases) {
        INFO(c.sentence);
        std::string verb = "unchanged";
        const bool promise = find_promise(c.sentence, verb);
        CHECK(promise == (c.verb != nullptr));
        if (c.verb) CHECK(verb == c.verb);
    }
}

TEST_CASE("promise detection copes with odd bytes", "[promise]") {
    std::string verb;
    CHECK(find_promise(std::string("\xff\xc3 forelægges \xe2\x80\x93 ok"), verb));
    CHECK(verb == "forelægges");
    CHECK_FALSE(find_promise(std::string("\xc3\xc3\xc3 bliver", 10), verb));
    CHECK_FALSE(find_promise(std::string(100000, 'a'), verb));
}
