// Decision classes from the text of a Beslutning, with an X3 symbol table over the lowercased text.
// Phrases match at word starts and must end at a word boundary; the longest phrase wins, so "ikke godkendt"
// is rejected, not approved, and "Udsættelse" never matches "udsat".
#include "grammar/decision.hpp"
#include "grammar/reader.hpp"

#include <boost/spirit/home/x3.hpp>

#include <algorithm>
#include <cstring>

namespace opfolg {

namespace {
namespace x3 = boost::spirit::x3;

struct decision_phrases_ : x3::symbols<DecisionClass> {
    decision_phrases_() {
        using C = DecisionClass;
        add("taget til efterretning", C::noted)("tages til efterretning", C::noted)("til efterretning", C::noted)
           ("orienteringen taget til efterretning", C::noted)
           ("indstillingen godkendt", C::approved)("indstilling godkendt", C::approved)
           ("indstillingen godkendes", C::approved)("godkendt", C::approved)("godkendes", C::approved)
           ("vedtaget", C::approved)("tiltrådt", C::approved)("indstillingen tiltrådt", C::approved)
           ("ikke godkendt", C::rejected)("godkendes ikke", C::rejected)("forkastet", C::rejected)
           ("forkastes", C::rejected)("afvist", C::rejected)("afvises", C::rejected)("ikke tiltrådt", C::rejected)
           ("anbefales", C::recommended)("indstillingen anbefales", C::recommended)("anbefalet", C::recommended)
           ("udsættes", C::postponed)("udsat", C::postponed)("sagen udsættes", C::postponed)
           ("ny sag forelægges", C::new_case)("ny sag fremlægges", C::new_case)("ny sag fremsendes", C::new_case)
           ("sagen forelægges igen", C::new_case)("sagen genoptages", C::new_case)
           ("undersøges", C::investigate)("undersøges nærmere", C::investigate)
           ("oversendes til", C::forwarded)("oversendt til", C::forwarded)("sendes videre til", C::forwarded);
        // Greve (FirstAgenda): resumption at the next meeting is a postponement; a resumption only *if*
        // something happens owes nothing (C::none: the phrase is consumed, no class added).
        for (const char* meeting : {"næste møde", "det næste møde", "næste ordinære møde", "det næste ordinære møde",
                                    "kommende møde", "det kommende møde", "et kommende møde", "næste udvalgsmøde",
                                    "det kommende ordinære møde"})
            for (const char* lead : {"genoptages på ", "sagen genoptages på "})  // longer than "sagen genoptages"
                add(std::string(lead) + meeting, C::postponed);
        add("udskydes", C::postponed)("udskudt", C::postponed)("punktet udsat til næste møde", C::postponed)
           ("udsætte sagens behandling", C::postponed)("udsætte sagen", C::postponed);
        add("genoptages, hvis", C::none)("genoptages hvis", C::none)("genoptages, såfremt", C::none)
           ("genoptages såfremt", C::none)("sagen genoptages, hvis", C::none)("sagen genoptages hvis", C::none);
        add("ønsker en sag", C::new_case)("ønsker at få forelagt en sag", C::new_case)
           ("ønsker en opfølgende sag", C::new_case)("ønsker en ny sag", C::new_case);
        add("sendes tilbage til", C::returned)("sendt tilbage til", C::returned)("sagen sendes tilbage", C::returned)
           ("tilbagesendes til", C::returned)("tilbagesendt til", C::returned)
           ("tilbagesendes til fornyet behandling", C::returned);
        add("fremsendes til", C::forwarded);
        // Aarhus: "Tilbagesendes <afdeling> med bemærkning, at byrådet … har vedtaget …": adopted and handed back
        // for execution (no "til": the department is the object). "tilbagesendes til …" above is returned.
        add("tilbagesendes", C::approved)("kunne tiltræde indstillingen", C::approved)
           ("tiltræde indstillingen", C::approved)
           ("kunne ikke tiltræde indstillingen", C::none)  // one member's vote beside the majority's decision
           ("ingen bemærkninger", C::noted)("blev orienteret", C::noted);
    }
};
const decision_phrases_ decision_phrases;

bool is_word_byte(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return std::isalnum(u) != 0 || u >= 0x80;
}

const char* const remark_markers[] = {"med denne bemærkning", "med dene bemærkning", "med følgende bemærkning",
                                      "med følgende bemærkninger", "med bemærkning", "med de bemærkninger"};

// Calls on_class for each phrase in `text` (lowercased): longest phrase at a word start, word boundary after.
template <typename F>
void scan_phrases(std::string_view text, F on_class) {
    auto it = text.begin();
    while (it != text.end()) {
        bool at_word_start = it == text.begin() || !is_word_byte(*(it - 1));
        DecisionClass c{};
        auto probe = it;
        if (at_word_start && x3::parse(probe, text.end(), decision_phrases, c) &&
            (probe == text.end() || !is_word_byte(*probe))) {
            on_class(c);
            it = probe;
        } else {
            ++it;
        }
    }
}
}  // namespace

Decision classify_decision(std::string_view text, int line) {
    Decision d;
    d.text = std::string(text);
    d.line = line;
    const std::string lower = utf8_lower(text);

    // Remarks: everything after the marker (and its colon) belongs to the remark, not to the decision proper.
    std::size_t remark_at = std::string::npos;
    for (const char* marker : remark_markers) {
        std::size_t at = lower.find(marker);
        if (at != std::string::npos && at < remark_at) {
            remark_at = at;
            std::size_t colon = lower.find(':', at);
            std::size_t start = colon == std::string::npos ? at + std::strlen(marker) : colon + 1;
            std::string remark = std::string(text.substr(std::min(start, text.size())));
            remark.erase(0, remark.find_first_not_of(' '));
            d.remarks = remark;
        }
    }
    auto add = [&](DecisionClass c) {
        if (c == DecisionClass::none) return;  // a phrase that says nothing is owed ("genoptages, hvis")
        if (std::find(d.classes.begin(), d.classes.end(), c) == d.classes.end()) d.classes.push_back(c);
    };
    scan_phrases(std::string_view(lower).substr(0, remark_at), add);
    if (remark_at != std::string::npos) {
        // A remark can still say that the case comes back ("Taget til efterretning med bemærkning om, at sagen
        // genoptages på næste udvalgsmøde"): the classes that owe a later treatment are read from it too.
        scan_phrases(std::string_view(lower).substr(remark_at), [&](DecisionClass c) {
            if (c == DecisionClass::postponed || c == DecisionClass::new_case || c == DecisionClass::returned) add(c);
        });
        auto approved = std::find(d.classes.begin(), d.classes.end(), DecisionClass::approved);
        if (approved != d.classes.end()) *approved = DecisionClass::approved_with_remarks;
    }
    if (d.classes.empty()) d.classes.push_back(DecisionClass::none);
    return d;
}

}  // namespace opfolg
