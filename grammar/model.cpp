// Names of decision classes and small model helpers.
#include "grammar/model.hpp"

namespace opfolg {

namespace {
struct ClassName {
    DecisionClass c;
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
}  // namespace

const char* to_string(DecisionClass c) {
    for (const auto& n : class_names)
        if (n.c == c) return n.name;
    return "none";
}

bool decision_class_from_string(std::string_view s, DecisionClass& out) {
    for (const auto& n : class_names)
        if (s == n.name) {
            out = n.c;
            return true;
        }
    return false;
}

const std::vector<DecisionClass>& all_decision_classes() {
    static const std::vector<DecisionClass> all = [] {
        std::vector<DecisionClass> v;
        for (const auto& n : class_names) v.push_back(n.c);
        return v;
    }();
    return all;
}

std::string Item::body_text() const {
    std::string out;
    auto add = [&](const std::string& s) {
        if (!out.empty()) out += '\n';
        out += s;
    };
    for (const auto& l : preamble) add(l.text);
    for (const auto& s : sections) {
        if (s.kind == "beslutning") continue;
        for (const auto& l : s.lines) add(l.text);
    }
    return out;
}

std::string Item::section_text(std::string_view kind) const {
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
