// Fuzzes the rule DSL: parse_rules on any text, then format every diagnostic (caret display on odd lines).
#include "rules/ruleset.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    // `include "..."` reads files relative to the rules file. Keep the fuzzer away from device and kernel files
    // (/dev/zero would never end); any other path is just "not found" or a parse error.
    for (std::string_view bad : {"dev/", "proc/", "sys/", "dev\"", "proc\"", "sys\""})
        if (text.find(bad) != std::string_view::npos) return 0;
    opfolg::rules::RuleSet set;
    std::vector<opfolg::rules::Diagnostic> diags;
    (void)opfolg::rules::parse_rules(text, "/nonexistent-opfolg-fuzz/fuzz.rules", set, diags);
    for (const auto& d : diags) (void)opfolg::rules::format_diagnostic(d);
    return 0;
}
