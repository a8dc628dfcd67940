// The layout tables (layout.hpp). Rows are grouped by where they were first seen.
#include "grammar/layout.hpp"

#include "grammar/reader.hpp"

#include <cctype>
#include <string>
#include <utility>

namespace opfolg::layout {

const std::vector<HeadingRow>& section_headings() {
    using K = SectionKind;
    static const std::vector<HeadingRow> rows = {
        // Ballerup (text, HTML and PDF renderings)
        {"Tidligere behandling", K::tidligere_behandling}, {"Indhold", K::indhold}, {"Sammendrag", K::sammendrag},
        {"Baggrund", K::baggrund}, {"Sagens baggrund", K::baggrund}, {"Sagsfremstilling", K::sagsfremstilling},
        {"Supplerende sagsfremstilling", K::sagsfremstilling},
        {"Økonomiske konsekvenser og finansiering", K::oekonomi}, {"økonomiske konsekvenser og finansiering", K::oekonomi},
        {"Økonomi", K::oekonomi}, {"Økonomiske konsekvenser", K::oekonomi}, {"Bilag", K::bilag},
        {"Beslutningen træffes af", K::beslutningen_traeffes_af}, {"Indstilling", K::indstilling},
        {"Beslutning", K::beslutning}, {"Sagens forløb", K::sagens_forloeb}, {"Afbud", K::afbud},
        {"Lovgrundlag", K::other}, {"Retsgrundlag", K::other}, {"Kommunikation", K::other}, {"Høring", K::other},
        {"Beslutningskompetence", K::other}, {"Bemærkninger", K::other},
        // Greve (FirstAgenda JSON): "Fremstilling" holds the h4 parts below it
        {"Fremstilling", K::sagsfremstilling}, {"Sagsbeskrivelse", K::sagsfremstilling}, {"Resume", K::sammendrag},
        {"Sagsprocedure", K::other}, {"Tidsplan", K::other}, {"Øvrige forhold", K::other},
        {"Øvrige konsekvenser", K::other},
        // Aarhus (FirstAgenda publication pages and PDFs)
        {"Beslutninger", K::beslutning}, {"Sagsforløb", K::sagens_forloeb}, {"Sagsforløb:", K::sagens_forloeb}, {"Beslutningspunkter", K::indstilling},
        {"Borgmesterens Afdelings påtegning", K::other},
    };
    return rows;
}

SectionKind section_kind(std::string_view heading) {
    // The table lowered once: lowering every row on every call was 4,000 instructions per section heading.
    static const std::vector<std::pair<std::string, SectionKind>> lowered = [] {
        std::vector<std::pair<std::string, SectionKind>> rows;
        for (const auto& r : section_headings()) rows.emplace_back(utf8_lower(r.heading), r.kind);
        return rows;
    }();
    const std::string h = utf8_lower(heading);
    for (const auto& [row, kind] : lowered)
        if (h == row) return kind;
    return SectionKind::other;
}

const std::vector<const char*>& case_number_shapes() {
    static const std::vector<const char*> rows = {
        "99.99.99-X99-9+-99",  // KLE journal number (Ballerup): 15.00.00-P05-1-19, 00.01.00-Ø00-1-21
        "99-999999",           // Greve (FirstAgenda): 21-014448
        "99-999999A",          // Greve, with a letter: 19-011922K
        "EMN-9999-999999",     // Aarhus: EMN-2025-003383
    };
    return rows;
}

namespace {
// One character class of a shape at text[i]; returns the bytes it took (0: no match).
std::size_t take(char cls, std::string_view text, std::size_t i) {
    if (i >= text.size()) return 0;
    unsigned char c = static_cast<unsigned char>(text[i]);
    switch (cls) {
    case '9': return c >= '0' && c <= '9' ? 1 : 0;
    case 'A': return c >= 'A' && c <= 'Z' ? 1 : 0;
    case 'X':
        if (std::isalnum(c) != 0) return 1;
        return c == 0xC3 && i + 1 < text.size() ? 2 : 0;  // æøåÆØÅ...
    default: return static_cast<char>(c) == cls ? 1 : 0;
    }
}

bool matches(std::string_view shape, std::string_view text) {
    std::size_t t = 0;
    for (std::size_t s = 0; s < shape.size(); ++s) {
        const char cls = shape[s];
        const bool many = s + 1 < shape.size() && shape[s + 1] == '+';
        std::size_t n = take(cls, text, t);
        if (n == 0) return false;
        t += n;
        if (many) {
            while ((n = take(cls, text, t)) != 0) t += n;  // shapes never need to give a character back
            ++s;
        }
    }
    return t == text.size();
}
}  // namespace

bool is_case_number(std::string_view text) {
    for (const char* shape : case_number_shapes())
        if (matches(shape, text)) return true;
    return false;
}

const std::vector<HistoryLabels>& history_labels() {
    static const std::vector<HistoryLabels> rows = {
        {"Udvalg: ", "Dato: ", "Punktnummer: "},  // Aarhus
    };
    return rows;
}

const std::vector<const char*>& standing_item_titles() {
    static const std::vector<const char*> rows = {
        "godkendelse af dagsorden", "godkendelse af dagsordenen", "orientering fra formanden",
        "orientering fra direktøren", "orientering fra direktionen", "orientering fra administrationen",
        "gensidig orientering", "huskeliste", "mødekalender", "underskriftsark", "underskriftsside",
        "eventuelt", "meddelelser", "godkendelse af referat",
    };
    return rows;
}

bool is_standing_item(std::string_view title) {
    std::string lower = utf8_lower(title);
    std::string_view t = lower;
    if (t.rfind("lukket:", 0) == 0) t.remove_prefix(7);
    while (!t.empty() && (t.front() == ' ' || (t.front() >= '0' && t.front() <= '9') || t.front() == '.'))
        t.remove_prefix(1);
    for (const char* row : standing_item_titles()) {
        const std::string_view r = row;
        if (t.size() >= r.size() && t.compare(0, r.size(), r) == 0 &&
            (t.size() == r.size() || !std::isalpha(static_cast<unsigned char>(t[r.size()]))))
            return true;
    }
    return false;
}

}  // namespace opfolg::layout
