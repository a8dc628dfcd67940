#include "rules/flag.hpp"

namespace opfolg::rules {

const char* to_string(Severity s) {
    switch (s) {
        case Severity::info: return "info";
        case Severity::low: return "low";
        case Severity::medium: return "medium";
        case Severity::high: return "high";
    }
    return "medium";
}

bool severity_from_string(std::string_view s, Severity& out) {
    for (Severity v : {Severity::info, Severity::low, Severity::medium, Severity::high}) {
        if (s == to_string(v)) {
            out = v;
            return true;
        }
    }
    return false;
}

}  // namespace opfolg::rules
