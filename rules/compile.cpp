// The checker: turns a parsed rules file into Rules, reporting every semantic error it can find
// (unknown classes and severities, bad regexes, placeholders, missing or duplicate clauses, bad examples).
#include "rules/check_detail.hpp"
#include "text/iso_date.hpp"
#include "text/utf8.hpp"

#include <re2/re2.h>

#include <map>

namespace opfolg::rules {

const std::vector<std::string>& message_placeholders() {
    static const std::vector<std::string> names{"title", "rule_title", "rule",         "committee", "meeting_date",
                                                "item",  "due",        "due_source",   "days_overdue", "status",
                                                "decision", "case"};
    return names;
}

const Rule* RuleSet::find(std::string_view id) const {
    for (const auto& r : rules) {
        if (r.id == id) return &r;
    }
    return nullptr;
}

namespace detail {
namespace {

std::string normalise_space(const char* b, const char* e) {
    std::string out;
    bool space = false;
    for (const char* p = b; p && p < e; ++p) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = !out.empty();
        } else {
            if (space) out += ' ';
            space = false;
            out += *p;
        }
    }
    return out;
}

}  // namespace

std::vector<std::string> class_names() {
    std::vector<std::string> names;
    for (DecisionClass c : all_decision_classes()) names.emplace_back(to_string(c));
    return names;
}

namespace {

struct Compiler {
    const Source& src;
    std::vector<Diagnostic>& diags;

    void error(const char* where, std::string message, std::string suggestion = {}) {
        diags.push_back(src.at(src.skip_blank(where), std::move(message), std::move(suggestion)));
    }

    Condition condition(const ast::Cond& c) {
        using K = Condition::Kind;
        Condition out;
        out.text = normalise_space(src.skip_blank(c.where), c.end);
        if (c.op == "or" || c.op == "and" || c.op == "not") {
            out.kind = c.op == "or" ? K::any_of : c.op == "and" ? K::all_of : K::negation;
            for (const auto& child : c.children) out.children.push_back(condition(child));
            return out;
        }
        static const std::map<std::string, K> kinds{
            {"class", K::decision_class}, {"matches", K::matches}, {"closed", K::closed},
            {"committee_in", K::committee_in}, {"case_prefix", K::case_prefix}, {"has_promise", K::has_promise},
            {"no_later", K::no_later}, {"no_later_before_due", K::no_later_before_due},
            {"no_later_within", K::no_later_within}, {"resolved", K::resolved}, {"snoozed", K::snoozed},
            {"meeting_within", K::meeting_within}, {"from_history", K::from_history}};
        auto it = kinds.find(c.kind);
        if (it == kinds.end()) {
            error(c.where, "internal: unknown condition kind '" + c.kind + "'");
            return out;
        }
        out.kind = it->second;
        out.days = static_cast<int>(c.number);
        if (out.kind == K::decision_class) {
            if (!decision_class_from_string(c.arg.text, out.decision_class)) {
                std::string s = suggest(c.arg.text, class_names());
                if (s.empty()) {
                    s = "known classes: ";
                    for (const auto& n : class_names()) s += (s.back() == ' ' ? "" : ", ") + n;
                }
                error(c.arg.where, "unknown decision class '" + c.arg.text + "'", s);
            }
        } else if (out.kind == K::matches) {
            out.field = c.arg.text;
            const auto& pattern = c.strings.at(0);
            RE2::Options options;
            options.set_encoding(RE2::Options::EncodingUTF8);
            options.set_case_sensitive(false);
            options.set_log_errors(false);
            auto re = std::make_shared<RE2>(pattern.text, options);
            if (!re->ok()) {
                error(pattern.where, "bad regular expression \"" + pattern.text + "\": " + re->error());
            } else if (pattern.text.empty()) {
                error(pattern.where, "empty regular expression (it would match everything)");
            }
            out.regex = std::move(re);
        } else if (out.kind == K::committee_in || out.kind == K::case_prefix) {
            for (const auto& s : c.strings) {
                if (s.text.empty()) error(s.where, "empty string in '" + out.text + "'");
                out.strings.push_back(out.kind == K::committee_in ? text::utf8_lower(s.text) : s.text);
            }
        } else if ((out.kind == K::no_later_within || out.kind == K::meeting_within) && c.number == 0) {
            error(c.where, "'within 0 days' never holds; use a positive number of days");
        }
        return out;
    }

    DueAlternative due(const ast::DueAlt& d) {
        using K = DueAlternative::Kind;
        DueAlternative out;
        out.text = normalise_space(src.skip_blank(d.where), d.end);
        if (d.kind == "deadline_in_decision") out.kind = K::deadline_in_decision;
        else if (d.kind == "promise_in_text") out.kind = K::promise_in_text;
        else if (d.kind == "next_meeting") out.kind = K::next_meeting;
        else if (d.kind == "end_of_quarter") out.kind = K::end_of_quarter;
        else if (d.kind == "end_of_year") out.kind = K::end_of_year;
        else {
            out.kind = K::after_meeting;
            out.amount = static_cast<int>(d.number);
            out.unit = d.unit.empty() ? 'd' : d.unit[0] == 'w' ? 'w' : d.unit[0] == 'm' ? 'm' : 'd';
            if (d.number > 100000) error(d.where, "'" + out.text + "' is too far after the meeting");
        }
        return out;
    }

    void check_message(const ast::WordAt& m) {
        const std::string& s = m.text;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '}') {
                if (i + 1 < s.size() && s[i + 1] == '}') ++i;
                continue;
            }
            if (s[i] != '{') continue;
            if (i + 1 < s.size() && s[i + 1] == '{') {
                ++i;
                continue;
            }
            std::size_t close = s.find('}', i);
            // Offsets are into the unescaped text; close enough for a caret (escapes are rare in messages).
            const char* at = m.where + 1 + i;
            if (close == std::string::npos) {
                error(at, "unterminated placeholder in message: '{' without '}' (write '{{' for a literal '{')");
                return;
            }
            std::string name = s.substr(i + 1, close - i - 1);
            const auto& known = message_placeholders();
            if (std::find(known.begin(), known.end(), name) == known.end()) {
                error(at, "unknown placeholder '{" + name + "}' in message", suggest(name, known));
            }
            i = close;
        }
    }

    void date_field(const ast::WordAt& w, date::year_month_day& out) {
        if (!text::parse_iso(w.text, out)) error(w.where, "bad date '" + w.text + "' in example: expected YYYY-MM-DD");
    }

    Example example(const ast::Example& e) {
        Example out;
        const char* start = src.skip_blank(e.where);
        Diagnostic pos = src.at(start, "");
        out.where = Location{src.file, pos.line, pos.column};
        out.text = normalise_space(start, e.end);
        bool has_meeting = false;
        for (const auto& f : e.fields) {
            date::year_month_day d{};
            if (f.key == "decision") out.decision = f.value.text;
            else if (f.key == "title") out.title = f.value.text;
            else if (f.key == "text") out.body = f.value.text;
            else if (f.key == "committee") out.committee = f.value.text;
            else if (f.key == "case") out.case_number = f.value.text;
            else if (f.key == "closed") out.closed = true;
            else if (f.key == "resolved") out.resolved = true;
            else if (f.key == "history") out.from_history = true;
            else {
                date_field(f.value, d);
                if (f.key == "meeting") { out.meeting = d; has_meeting = true; }
                else if (f.key == "later") out.later.push_back(d);
                else if (f.key == "next_meeting") out.next_meeting = d;
                else if (f.key == "as_of") out.as_of = d;
                else if (f.key == "snoozed_until") out.snoozed_until = d;
            }
        }
        (void)has_meeting;
        out.expect_flagged = e.flagged;
        if (e.due.where) {
            date::year_month_day d{};
            date_field(e.due, d);
            out.expect_due = d;
            if (!e.flagged) error(e.due.where, "an example that is not flagged cannot expect a due date");
        }
        if (e.status.where) {
            FlagStatus status;
            if (flag_status_from_string(e.status.text, status))
                out.expect_status = status;
            else
                error(e.status.where, "unknown status '" + e.status.text + "' (expected overdue or pending)",
                      suggest(e.status.text, flag_status_names()));
        }
        return out;
    }

    void rule(const ast::Rule& r, RuleSet& set) {
        Rule out;
        out.id = r.id.text;
        Diagnostic pos = src.at(src.skip_blank(r.where), "");
        out.where = Location{src.file, pos.line, pos.column};
        if (const Rule* first = set.find(out.id)) {
            error(r.id.where, "duplicate rule id '" + out.id + "' (first defined at " + first->where.file + ":" +
                                  std::to_string(first->where.line) + ")");
        }
        std::map<std::string, const char*> seen;
        for (const auto& c : r.clauses) {
            const std::string& k = c.keyword.text;
            if (k != "example") {
                if (seen.count(k)) {
                    error(c.keyword.where, "duplicate '" + k + "' in rule '" + out.id + "' (only one is allowed)");
                    continue;
                }
                seen[k] = c.keyword.where;
            }
            if (k == "title") {
                out.title = c.value.text;
                if (out.title.find_first_not_of(" \t") == std::string::npos) {
                    error(c.value.where, "empty title in rule '" + out.id + "'");
                }
            } else if (k == "severity") {
                if (!severity_from_string(c.value.text, out.severity)) {
                    std::string s = suggest(c.value.text, {"info", "low", "medium", "high"});
                    error(c.value.where, "bad severity '" + c.value.text + "' (expected info, low, medium or high)", s);
                }
            } else if (k == "when") {
                out.when = condition(c.cond);
            } else if (k == "unless") {
                out.unless = condition(c.cond);
            } else if (k == "flag if") {
                out.flag_if = condition(c.cond);
            } else if (k == "due") {
                for (const auto& d : c.due) out.due.push_back(due(d));
            } else if (k == "message") {
                out.message = c.value.text;
                check_message(c.value);
            } else if (k == "example") {
                out.examples.push_back(example(c.example));
            }
        }
        for (const char* required : {"title", "when", "due", "message"}) {
            if (!seen.count(required)) {
                error(r.where, std::string("missing '") + required + "' in rule '" + out.id + "'");
            }
        }
        set.rules.push_back(std::move(out));
    }
};

}  // namespace

void compile_file(const Source& src, const ast::File& file, RuleSet& out, std::vector<Diagnostic>& diags) {
    Compiler compiler{src, diags};
    for (std::size_t i = 0; i < file.vocabularies.size(); ++i) {
        if (i > 0) {
            diags.push_back(src.at(src.skip_blank(file.vocabularies[i].where),
                                   "a second vocabulary block in one file (put every row in the first)"));
            continue;
        }
        compile_vocabulary(src, file.vocabularies[i], out, diags);
    }
    for (const auto& r : file.rules) compiler.rule(r, out);
}

}  // namespace detail
}  // namespace opfolg::rules
