// Names of decision classes and small model helpers.
#include "grammar/model.hpp"
#include "grammar/code_names.hpp"

namespace opfolg {

namespace {
struct ClassName {
    DecisionClass code;
    const char* name;
};
constexpr ClassName class_names[] = {
    {DecisionClass::noted, "noted"},         {DecisionClass::approved, "approved"},
    {DecisionClass::approved_with_remarks, "approved_with_remarks"},
    {DecisionClass::recommended, "recommended"}, {DecisionClass::postponed, "postponed"},
    {DecisionClass::new_case, "new_case"},   {DecisionClass::investigate, "investigate"},
    {DecisionClass::rejected, "rejected"},   {DecisionClass::forwarded, "forwarded"},
    {DecisionClass::returned, "returned"},
    {DecisionClass::none, "none"},
};

struct SectionName {
    SectionKind code;
    const char* name;
};
constexpr SectionName section_names[] = {
    {SectionKind::tidligere_behandling, "tidligere_behandling"},
    {SectionKind::indhold, "indhold"},
    {SectionKind::sammendrag, "sammendrag"},
    {SectionKind::baggrund, "baggrund"},
    {SectionKind::sagsfremstilling, "sagsfremstilling"},
    {SectionKind::oekonomi, "oekonomi"},
    {SectionKind::bilag, "bilag"},
    {SectionKind::beslutningen_traeffes_af, "beslutningen_traeffes_af"},
    {SectionKind::indstilling, "indstilling"},
    {SectionKind::beslutning, "beslutning"},
    {SectionKind::sagens_forloeb, "sagens_forloeb"},
    {SectionKind::afbud, "afbud"},
    {SectionKind::other, "other"},
};
}  // namespace

const char* to_string(SectionKind k) { return codes::row_of(section_names, k).name; }

bool section_kind_from_string(std::string_view s, SectionKind& out) { return codes::from_name(section_names, s, out); }

// The last row (none) for a value outside the enum, as before the table helper.
const char* to_string(DecisionClass c) { return codes::row_of(class_names, c).name; }

bool decision_class_from_string(std::string_view s, DecisionClass& out) {
    return codes::from_name(class_names, s, out);
}

const std::vector<DecisionClass>& all_decision_classes() {
    static const std::vector<DecisionClass> all = [] {
        std::vector<DecisionClass> v;
        for (const auto& n : class_names) v.push_back(n.code);
        return v;
    }();
    return all;
}

std::string Item::body_text() const {
    // The body's lines, walked twice: to reserve it once (it is most of what an ingest stores), then to join them.
    auto each_line = [this](auto&& visit) {
        for (const auto& l : preamble) visit(l.text);
        for (const auto& s : sections)
            if (s.kind != SectionKind::beslutning)
                for (const auto& l : s.lines) visit(l.text);
    };
    std::size_t bytes = 0;
    each_line([&](const std::string& t) { bytes += t.size() + 1; });
    std::string out;
    out.reserve(bytes);
    each_line([&](const std::string& t) {
        if (!out.empty()) out += '\n';
        out += t;
    });
    return out;
}

std::string Item::section_text(std::string_view kind_name) const {
    SectionKind kind;
    return section_kind_from_string(kind_name, kind) ? section_text(kind) : std::string();
}

std::string Item::section_text(SectionKind kind) const {
    for (const auto& s : sections) {
        if (s.kind != kind) continue;
        std::string out;
        for (const auto& l : s.lines) {
            if (!out.empty()) out += ' ';
            out += l.text;
        }
        return out;
    }
    return {};
}

}  // namespace opfolg
