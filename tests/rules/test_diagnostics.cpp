// The checker's messages: one test per distinct error, asserting the words, the position and the suggestion.
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace opfolg::rules;
using namespace opfolg::rules::test;

namespace {

// A valid rule with one line replaced, so each case shows only its own error.
std::string rule_with(const std::string& line, const std::string& id = "r") {
    return "rule " + id + " {\n  title \"Titel\"\n  when decision is postponed\n  due next meeting\n  message \"m\"\n" +
           line + "\n}\n";
}


}  // namespace

TEST_CASE("unknown clause keyword suggests the nearest one", "[rules][diagnostics]") {
    auto d = only_error(rule_with("  severty high"));
    CHECK(d.message == "unknown keyword 'severty'");
    CHECK(d.suggestion == "did you mean 'severity'?");
    CHECK(d.line == 6);
    CHECK(d.column == 3);
    CHECK(d.source_line == "  severty high");
    CHECK(format_diagnostic(d) == "test.rules:6:3: unknown keyword 'severty'\n  severty high\n  ^\n"
                                  "(did you mean 'severity'?)\n");
}

TEST_CASE("unknown top-level keyword", "[rules][diagnostics]") {
    auto d = only_error("# x\nrul r { }\n");
    CHECK(d.message == "unknown keyword 'rul'");
    CHECK(d.suggestion == "did you mean 'rule'?");
    CHECK(d.line == 2);
    CHECK(d.column == 1);
}

TEST_CASE("unknown decision class suggests a class", "[rules][diagnostics]") {
    auto d = only_error(rule_with("  unless decision is postponned"));
    CHECK(d.message == "unknown decision class 'postponned'");
    CHECK(d.suggestion == "did you mean 'postponed'?");
    CHECK(d.line == 6);
    CHECK(d.column == 22);
}

TEST_CASE("unknown decision class far from any lists the classes", "[rules][diagnostics]") {
    auto d = only_error(rule_with("  unless decision is zzzzzzzz"));
    CHECK(d.message == "unknown decision class 'zzzzzzzz'");
    CHECK(d.suggestion.find("known classes: noted, approved") == 0);
}

TEST_CASE("missing title", "[rules][diagnostics]") {
    auto d = only_error("rule no-title {\n  when closed\n  due next meeting\n  message \"m\"\n}\n");
    CHECK(d.message == "missing 'title' in rule 'no-title'");
    CHECK(d.line == 1);
}

TEST_CASE("missing when, due and message are each reported", "[rules][diagnostics]") {
    auto p = parse("rule bare {\n  title \"T\"\n}\n");
    REQUIRE_FALSE(p.ok);
    REQUIRE(p.diags.size() == 3);
    CHECK(p.diags[0].message == "missing 'when' in rule 'bare'");
    CHECK(p.diags[1].message == "missing 'due' in rule 'bare'");
    CHECK(p.diags[2].message == "missing 'message' in rule 'bare'");
}

TEST_CASE("duplicate rule id names the first definition", "[rules][diagnostics]") {
    auto d = only_error(rule_with("", "same") + rule_with("", "same"));
    CHECK(d.message == "duplicate rule id 'same' (first defined at test.rules:1)");
    CHECK(d.line == 8);
    CHECK(d.column == 6);
}

TEST_CASE("duplicate clause", "[rules][diagnostics]") {
    auto d = only_error(rule_with("  title \"Igen\""));
    CHECK(d.message == "duplicate 'title' in rule 'r' (only one is allowed)");
    CHECK(d.line == 6);
}

TEST_CASE("bad regex carries RE2's error", "[rules][diagnostics]") {
    auto d = only_error(rule_with("  unless title matches \"(udbud\""));
    CHECK(d.message.find("bad regular expression \"(udbud\": missing )") == 0);
    CHECK(d.line == 6);
    CHECK(d.column == 24);
}

TEST_CASE("unterminated string", "[rules][diagnostics]") {
    auto d = only_error("rule r {\n  title \"Titel uden slut\n  when closed\n}\n");
    CHECK(d.message == "unterminated string: missing closing '\"' before the end of the line");
    CHECK(d.line == 2);
    CHECK(d.column == 25);
}

TEST_CASE("unknown placeholder in message", "[rules][diagnostics]") {
    auto d = only_error("rule r {\n  title \"T\"\n  when closed\n  due next meeting\n  message \"Se {titel}\"\n}\n");
    CHECK(d.message == "unknown placeholder '{titel}' in message");
    CHECK(d.suggestion == "did you mean 'title'?");
    CHECK(d.line == 5);
    CHECK(d.column == 15);
}

TEST_CASE("unterminated placeholder in message", "[rules][diagnostics]") {
    auto d = only_error("rule r {\n  title \"T\"\n  when closed\n  due next meeting\n  message \"Se {title\"\n}\n");
    CHECK(d.message.find("unterminated placeholder in message") == 0);
}

TEST_CASE("bad severity", "[rules][diagnostics]") {
    auto d = only_error(rule_with("  severity hihg"));
    CHECK(d.message == "bad severity 'hihg' (expected info, low, medium or high)");
    CHECK(d.suggestion == "did you mean 'high'?");
    CHECK(d.column == 12);
}

TEST_CASE("unknown condition", "[rules][diagnostics]") {
    auto d = only_error(rule_with("  unless resolvd"));
    CHECK(d.message == "unknown condition 'resolvd'");
    CHECK(d.suggestion == "did you mean 'resolved'?");
}

TEST_CASE("unknown due alternative", "[rules][diagnostics]") {
    auto d = only_error("rule r {\n  title \"T\"\n  when closed\n  due first of (next meeting, dedline in decision)\n"
                        "  message \"m\"\n}\n");
    CHECK(d.message == "unknown due alternative 'dedline'");
    CHECK(d.suggestion == "did you mean 'deadline'?");
    CHECK(d.line == 4);
    CHECK(d.column == 31);
}

TEST_CASE("misspelt keyword inside a clause", "[rules][diagnostics]") {
    auto d = only_error(rule_with("  unless case starts wiht \"15.\""));
    CHECK(d.message == "expected 'with', found 'wiht'");
    CHECK(d.suggestion == "did you mean 'with'?");
}

TEST_CASE("missing closing brace at end of file", "[rules][diagnostics]") {
    auto d = only_error("rule r {\n  title \"T\"\n");
    CHECK(d.message == "unexpected end of file: missing '}' at the end of the rule");
}

TEST_CASE("example errors: unknown field, bad date, bad status", "[rules][diagnostics]") {
    auto a = only_error(rule_with("  example decison \"Udsat\" -> flagged"));
    CHECK(a.message == "unknown example field 'decison'");
    CHECK(a.suggestion == "did you mean 'decision'?");
    auto b = only_error(rule_with("  example meeting 2020-13-01 -> flagged"));
    CHECK(b.message == "bad date '2020-13-01' in example: expected YYYY-MM-DD");
    CHECK(b.column == 19);
    auto c = only_error(rule_with("  example decision \"Udsat\" -> flagged status overdeu"));
    CHECK(c.message == "unknown status 'overdeu' (expected overdue or pending)");
    CHECK(c.suggestion == "did you mean 'overdue'?");
}

TEST_CASE("within 0 days is rejected", "[rules][diagnostics]") {
    auto d = only_error(rule_with("  flag if no later treatment within 0 days"));
    CHECK(d.message == "'within 0 days' never holds; use a positive number of days");
}

namespace {
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() /
               ("opfolg_rules_test_" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + "_" +
                std::to_string(std::rand()));
        std::filesystem::create_directories(path / "sub");
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};
}  // namespace

TEST_CASE("include is relative to the including file", "[rules][include]") {
    TempDir dir;
    dir.write("main.rules", "include \"sub/extra.rules\"\n" + rule_with("", "main-rule"));
    dir.write("sub/extra.rules", "include \"more.rules\"\n" + rule_with("", "extra-rule"));
    dir.write("sub/more.rules", rule_with("", "more-rule"));
    RuleSet set;
    std::vector<Diagnostic> diags;
    REQUIRE(load_rules((dir.path / "main.rules").string(), set, diags));
    REQUIRE(set.rules.size() == 3);
    CHECK(set.rules[0].id == "more-rule");
    CHECK(set.rules[1].id == "extra-rule");
    CHECK(set.rules[2].id == "main-rule");
    CHECK(set.files.size() == 3);
}

TEST_CASE("include not found", "[rules][include]") {
    TempDir dir;
    dir.write("main.rules", "\ninclude \"missing.rules\"\n");
    RuleSet set;
    std::vector<Diagnostic> diags;
    REQUIRE_FALSE(load_rules((dir.path / "main.rules").string(), set, diags));
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].message.find("include not found: 'missing.rules'") == 0);
    CHECK(diags[0].line == 2);
    CHECK(diags[0].column == 9);
}

TEST_CASE("include cycle", "[rules][include]") {
    TempDir dir;
    dir.write("a.rules", "include \"b.rules\"\n");
    dir.write("b.rules", "include \"a.rules\"\n");
    RuleSet set;
    std::vector<Diagnostic> diags;
    REQUIRE_FALSE(load_rules((dir.path / "a.rules").string(), set, diags));
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].message.find("include cycle: ") == 0);
    CHECK(diags[0].message.find("a.rules -> ") != std::string::npos);
    CHECK(diags[0].file.find("b.rules") != std::string::npos);
}

TEST_CASE("a duplicate id across an include is reported", "[rules][include]") {
    TempDir dir;
    dir.write("main.rules", "include \"other.rules\"\n" + rule_with("", "twice"));
    dir.write("other.rules", rule_with("", "twice"));
    RuleSet set;
    std::vector<Diagnostic> diags;
    REQUIRE_FALSE(load_rules((dir.path / "main.rules").string(), set, diags));
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].message.find("duplicate rule id 'twice' (first defined at ") == 0);
    CHECK(diags[0].message.find("other.rules:1)") != std::string::npos);
}

TEST_CASE("a missing rules file", "[rules][diagnostics]") {
    RuleSet set;
    std::vector<Diagnostic> diags;
    CHECK_FALSE(load_rules("/nonexistent/x.rules", set, diags));
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].message == "cannot read rules file '/nonexistent/x.rules'");
}

TEST_CASE("the caret counts characters, not bytes", "[rules][diagnostics]") {
    auto d = only_error("rule r {\n  title \"Æble\" severty high\n  when closed due next meeting message \"m\"\n}\n");
    CHECK(d.column == 16);
    CHECK(format_diagnostic(d).find("\n               ^\n") != std::string::npos);
}

TEST_CASE("absurd nesting is refused instead of exhausting the stack", "[rules][diagnostics]") {
    std::string deep = "rule r { title \"T\" when " + std::string(100000, '(') + "closed" + std::string(100000, ')') +
                       " due next meeting message \"m\" }";
    auto p = parse(deep);
    REQUIRE_FALSE(p.ok);
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0].message == "conditions nested too deeply (more than 100 parentheses or 'not's)");
    std::string nots = "rule r { title \"T\" when ";
    for (int i = 0; i < 50000; ++i) nots += "not ";
    auto q = parse(nots + "closed due next meeting message \"m\" }");
    CHECK_FALSE(q.ok);
    // Reasonable nesting is fine.
    auto fine = parse("rule r { title \"T\" when not not ((((closed)))) due next meeting message \"m\" }");
    CHECK(fine.ok);
}
