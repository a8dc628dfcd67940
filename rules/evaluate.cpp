// The evaluator: conditions, due dates, flags and their `why`.
#include "rules/evaluate.hpp"

#include "rules/check_detail.hpp"
#include "text/fnv.hpp"
#include "text/iso_date.hpp"
#include "text/utf8.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string_view>

namespace opfolg::rules {

namespace {

using tracker::Candidate;
using tracker::Treatment;

// explain, the trace and the message placeholders show a date that is not known as "?" (text::iso gives "").
void append_shown_date(std::string& out, date::year_month_day d) {
    if (d.ok()) text::append_iso(out, d);
    else out += '?';
}
std::string shown_date(date::year_month_day d) {
    std::string out;
    append_shown_date(out, d);
    return out;
}

long days_between(date::year_month_day from, date::year_month_day to) {
    return static_cast<long>((date::sys_days(to) - date::sys_days(from)).count());
}

std::string classes_text(const Decision& d) {
    std::string out;
    for (DecisionClass c : d.classes) out += (out.empty() ? "" : ", ") + std::string(to_string(c));
    return out.empty() ? "none" : out;
}

bool accepted_by(const Treatment& t, date::year_month_day limit) {
    return t.accepted && t.meeting_date <= limit;
}

struct Due {
    date::year_month_day date{};
    std::string source;
};

// A deadline's date: its range end, or the next meeting for "til næste møde".
std::optional<date::year_month_day> deadline_date(const Deadline& d, const Candidate& c) {
    if (d.phrase.next_meeting) return c.next_meeting;
    if (!d.phrase.last.ok()) return std::nullopt;
    return d.phrase.last;
}

std::optional<Due> due_date(const Rule& rule, const Candidate& c) {
    using K = DueAlternative::Kind;
    for (const auto& alt : rule.due) {
        switch (alt.kind) {
            case K::deadline_in_decision:
            case K::promise_in_text:
                for (const auto& d : c.deadlines) {
                    bool wanted = alt.kind == K::deadline_in_decision ? d.in_decision
                                                                      : (d.promise && !d.in_decision);
                    if (!wanted || d.phrase.past) continue;
                    if (auto when = deadline_date(d, c)) {
                        std::string where = alt.kind == K::deadline_in_decision ? "decision" : "promise in text";
                        std::string source = where + ": \"" + d.phrase.phrase + "\" (line " + std::to_string(d.line) + ")";
                        if (d.phrase.next_meeting) source += " = next meeting";
                        return Due{*when, source};
                    }
                }
                break;
            case K::next_meeting:
                if (c.next_meeting) return Due{*c.next_meeting, "next meeting of " + c.committee};
                break;
            case K::after_meeting: {
                date::year_month_day d = c.meeting_date;
                if (alt.unit == 'm') {
                    d = d + date::months{alt.amount};
                    if (!d.ok()) d = d.year() / d.month() / date::last;
                } else {
                    d = date::sys_days(d) + date::days{alt.amount * (alt.unit == 'w' ? 7 : 1)};
                }
                return Due{d, alt.text};
            }
            case K::end_of_quarter: {
                unsigned m = static_cast<unsigned>(c.meeting_date.month());
                unsigned last_month = ((m - 1) / 3 + 1) * 3;
                return Due{c.meeting_date.year() / date::month{last_month} / date::last, alt.text};
            }
            case K::end_of_year:
                return Due{c.meeting_date.year() / date::December / 31, alt.text};
        }
    }
    return std::nullopt;
}

struct Context {
    const Candidate& c;
    date::year_month_day as_of;
    date::year_month_day due;
    const std::string& rule;
};

// A manual decision counts for the rule it was made on (an empty rule: for all of them).
bool manual_applies(const Context& ctx, const char* action) {
    const auto& m = ctx.c.manual;
    return m && m->action == action && (m->rule.empty() || m->rule == ctx.rule);
}

const std::string& field_text(const Context& ctx, const std::string& field, std::string& scratch) {
    if (field == "decision") return ctx.c.decision.text;
    if (field == "title") return ctx.c.title;
    if (field == "body") return ctx.c.body;
    if (field == "committee") return ctx.c.committee;
    scratch = ctx.c.title + "\n" + ctx.c.body + "\n" + ctx.c.decision.text;
    return scratch;
}

bool holds(const Condition& cond, const Context& ctx) {
    using K = Condition::Kind;
    const Candidate& c = ctx.c;
    switch (cond.kind) {
        case K::any_of:
            return std::any_of(cond.children.begin(), cond.children.end(), [&](auto& ch) { return holds(ch, ctx); });
        case K::all_of:
            return std::all_of(cond.children.begin(), cond.children.end(), [&](auto& ch) { return holds(ch, ctx); });
        case K::negation:
            return !holds(cond.children.at(0), ctx);
        case K::decision_class:
            return std::find(c.decision.classes.begin(), c.decision.classes.end(), cond.decision_class) !=
                       c.decision.classes.end() ||
                   (cond.decision_class == DecisionClass::none && c.decision.classes.empty());
        case K::matches: {
            std::string scratch;
            return cond.regex && cond.regex->ok() && RE2::PartialMatch(field_text(ctx, cond.field, scratch), *cond.regex);
        }
        case K::closed:
            return c.closed;
        case K::committee_in:
            return std::find(cond.strings.begin(), cond.strings.end(), text::utf8_lower(c.committee)) !=
                   cond.strings.end();
        case K::case_prefix:
            return std::any_of(cond.strings.begin(), cond.strings.end(),
                               [&](auto& p) { return c.case_number.compare(0, p.size(), p) == 0; });
        case K::has_promise:
            return std::any_of(c.deadlines.begin(), c.deadlines.end(),
                               [](auto& d) { return d.promise && !d.in_decision && !d.phrase.past; });
        case K::no_later:
        case K::no_later_before_due:
        case K::no_later_within: {
            date::year_month_day limit = ctx.as_of;
            if (cond.kind == K::no_later_before_due) limit = std::min(limit, ctx.due);
            if (cond.kind == K::no_later_within) {
                limit = std::min<date::year_month_day>(limit, date::sys_days(c.meeting_date) + date::days{cond.days});
            }
            return std::none_of(c.later.begin(), c.later.end(), [&](auto& t) { return accepted_by(t, limit); });
        }
        case K::resolved:
            return manual_applies(ctx, "resolve");
        case K::snoozed:
            return manual_applies(ctx, "snooze") && c.manual->until && *c.manual->until > ctx.as_of;
        case K::meeting_within: {
            long age = days_between(c.meeting_date, ctx.as_of);
            return age >= 0 && age <= cond.days;
        }
        case K::from_history:
            return c.from_history;
    }
    return false;
}

std::string treatment_text(const Treatment& t) {
    std::string s = shown_date(t.meeting_date) + " " + t.committee + " punkt " + std::to_string(t.item_number);
    if (!t.title.empty()) s += " \"" + t.title + "\"";
    return s;
}

// Why each later treatment did or did not count.
void trace_later(const Candidate& c, date::year_month_day as_of, std::optional<date::year_month_day> due,
                 std::vector<std::string>& trace) {
    if (c.later.empty()) {
        trace.push_back("later treatments: none linked");
        return;
    }
    for (const auto& t : c.later) {
        std::string s = "later treatment " + treatment_text(t) + ": ";
        if (!t.accepted) {
            s += "rejected (" + t.evidence + ")";
        } else if (t.meeting_date > as_of) {
            s += "accepted but after as-of " + shown_date(as_of) + ", so not counted";
        } else {
            s += "accepted (" + t.evidence + ")";
            if (due && t.meeting_date > *due) s += ", after the due date " + shown_date(*due);
        }
        if (!t.source.empty()) s += " [" + t.source + "]";
        trace.push_back(s);
    }
}

// Appends a placeholder's value; false for a name that is not one (written back as it stood).
bool append_value(std::string& out, std::string_view name, const Rule& rule, const Flag& f) {
    // By length first: a report fills a message for each of 100k kept flags, and a chain of a dozen string
    // comparisons per placeholder was most of it.
    switch (name.size()) {
        case 3:
            if (name == "due") {
                append_shown_date(out, f.due);
                return true;
            }
            break;
        case 4:
            if (name == "rule") {
                out += rule.id;
                return true;
            }
            if (name == "item") {
                out += std::to_string(f.item_number);
                return true;
            }
            if (name == "case") {
                out += f.case_number;
                return true;
            }
            break;
        case 5:
            if (name == "title") {
                out += f.title;
                return true;
            }
            break;
        case 6:
            if (name == "status") {
                out += to_string(f.status);
                return true;
            }
            break;
        case 8:
            if (name == "decision") {
                out += f.decision;
                return true;
            }
            break;
        case 9:
            if (name == "committee") {
                out += f.committee;
                return true;
            }
            break;
        case 10:
            if (name == "rule_title") {
                out += rule.title;
                return true;
            }
            if (name == "due_source") {
                out += f.due_source;
                return true;
            }
            break;
        case 12:
            if (name == "meeting_date") {
                append_shown_date(out, f.meeting_date);
                return true;
            }
            if (name == "days_overdue") {
                out += std::to_string(f.days_overdue);
                return true;
            }
            break;
    }
    return false;
}

// The message template filled in, into `out` (a report dates 100k kept flags into one reused Flag, whose message
// keeps its buffer). No placeholder reads the message itself, so `out` may be f.message.
void fill_message(const Rule& rule, const Flag& f, std::string& out) {
    const std::string_view m = rule.message;
    out.clear();
    for (std::size_t i = 0; i < m.size(); ++i) {
        if ((m[i] == '{' || m[i] == '}') && i + 1 < m.size() && m[i + 1] == m[i]) {
            out += m[i++];
        } else if (m[i] == '{') {
            std::size_t close = m.find('}', i);
            if (close == std::string_view::npos) {
                out += m.substr(i);
                break;
            }
            const std::string_view name = m.substr(i + 1, close - i - 1);
            if (!append_value(out, name, rule, f)) {
                out += '{';
                out += name;
                out += '}';
            }
            i = close;
        } else {
            // A literal run up to the next brace, appended at once (byte by byte was most of a report's messages).
            // Two memchr per run, not a comparison per byte: a report fills 100k messages.
            const std::size_t end = std::min({m.find('{', i + 1), m.find('}', i + 1), m.size()});
            out += m.substr(i, end - i);
            i = end - 1;
        }
    }
}

}  // namespace

std::string flag_id(const std::string& rule_id, const std::string& candidate_key) {
    std::uint64_t h = text::Fnv1a64().add(rule_id).add("|").add(candidate_key).value();
    // FNV-1a's top bits barely change when keys differ only near the end ("...|5|" vs "...|6|"), so ids of
    // neighbouring items looked alike; MurmurHash3's fmix64 finalizer spreads every input bit over all 64.
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return std::string(buf, 10);
}

bool reads_due(const Condition& cond) {
    if (cond.kind == Condition::Kind::no_later_before_due) return true;
    return std::any_of(cond.children.begin(), cond.children.end(), reads_due);
}

std::optional<Flag> evaluate_rule(const Rule& rule, const Candidate& c, date::year_month_day as_of,
                                  std::vector<std::string>* trace_out) {
    // Most candidates fail `when`: without a trace to fill, say so before the due date and the trace strings are
    // built (they were most of a report's evaluation time). The due date is only needed first when `when` reads it.
    std::optional<bool> when_holds;
    if (rule.when && !reads_due(*rule.when)) {
        when_holds = holds(*rule.when, Context{c, as_of, as_of, rule.id});
        if (!*when_holds && !trace_out) return std::nullopt;
    }
    std::vector<std::string> trace;
    auto due = due_date(rule, c);
    Context ctx{c, as_of, due ? due->date : as_of, rule.id};
    bool fires = true;
    if (rule.when) {
        const bool ok = when_holds ? *when_holds : holds(*rule.when, ctx);
        trace.push_back("when " + rule.when->text + ": " + (ok ? "holds" : "does not hold") + " (decision classes: " +
                        classes_text(c.decision) + ")");
        fires = fires && ok;
    }
    if (fires && rule.unless) {
        bool exempt = holds(*rule.unless, ctx);
        std::string s = "unless " + rule.unless->text + ": " + (exempt ? "holds, so exempt" : "does not hold");
        if (exempt && c.manual) s += " (" + c.manual->action + " by " + c.manual->by + ": " + c.manual->note + ")";
        trace.push_back(s);
        fires = !exempt;
    }
    if (fires) {
        if (due) {
            trace.push_back("due " + shown_date(due->date) + " from " + due->source);
        } else {
            std::string alts;
            for (const auto& a : rule.due) alts += (alts.empty() ? "" : ", ") + a.text;
            trace.push_back("due: no alternative applies (" + alts + "), so no flag");
            fires = false;
        }
    }
    if (fires) trace_later(c, as_of, due ? std::optional(due->date) : std::nullopt, trace);
    if (fires && rule.flag_if) {
        bool ok = holds(*rule.flag_if, ctx);
        trace.push_back("flag if " + rule.flag_if->text + ": " + (ok ? "holds" : "does not hold"));
        fires = ok;
    }
    if (trace_out) *trace_out = trace;
    if (!fires) return std::nullopt;

    Flag f;
    f.id = flag_id(rule.id, c.key);
    f.candidate_key = c.key;
    f.rule = rule.id;
    f.rule_title = rule.title;
    f.severity = rule.severity;
    f.committee = c.committee;
    f.meeting_date = c.meeting_date;
    f.item_number = c.item_number;
    f.title = c.title;
    f.case_number = c.case_number;
    f.decision = c.decision.text;
    f.closed = c.closed;
    f.due = due->date;
    f.due_source = due->source;
    f.source = c.source_file + ":" + std::to_string(c.source_line);
    f.why = std::move(trace);
    date_flag(rule, f, as_of);
    return f;
}

void date_flag(const Rule& rule, Flag& f, date::year_month_day as_of, bool message) {
    f.days_overdue = days_between(f.due, as_of);
    f.status = f.due < as_of ? FlagStatus::overdue : FlagStatus::pending;
    if (message) fill_message(rule, f, f.message);
}

std::vector<Flag> evaluate(const RuleSet& rules, const std::vector<Candidate>& candidates, date::year_month_day as_of,
                           const EvalOptions& options) {
    std::vector<Flag> flags;
    for (const auto& rule : rules.rules) {
        if (std::find(options.disabled.begin(), options.disabled.end(), rule.id) != options.disabled.end()) continue;
        for (const auto& c : candidates) {
            if (auto f = evaluate_rule(rule, c, as_of)) flags.push_back(std::move(*f));
        }
    }
    std::stable_sort(flags.begin(), flags.end(), most_overdue_first);
    return flags;
}

std::string explain(const RuleSet& rules, const Candidate& c, const Flag& flag, date::year_month_day as_of) {
    std::ostringstream out;
    out << "Flag " << flag.id << ": " << flag.rule << " \"" << flag.rule_title << "\" (" << to_string(flag.severity)
        << ", " << to_string(flag.status) << ")\n";
    out << "Item: " << c.committee << ' ' << shown_date(c.meeting_date) << ", punkt " << c.item_number << " \"" << c.title
        << '"';
    if (!c.case_number.empty()) out << " [" << c.case_number << ']';
    if (c.closed) out << " (lukket)";
    out << '\n';
    out << "Source: " << c.source_file << ':' << c.source_line << '\n';
    out << "Decision: \"" << c.decision.text << "\" (classes: " << classes_text(c.decision) << ")\n";
    for (const auto& m : c.decision.matched)
        out << "  classified " << to_string(m.decision_class) << " by phrase '" << m.phrase << "' at " << m.file << ':'
            << m.line << '\n';
    for (const auto& d : c.deadlines) {
        out << "Time phrase: \"" << d.phrase.phrase << "\" line " << d.line << " -> "
            << (d.phrase.next_meeting ? std::string("next meeting") : shown_date(d.phrase.last))
            << (d.in_decision ? ", in the decision" : ", in the text")
            << (d.promise ? ", promise (" + d.promise_verb + ")" : "") << (d.phrase.past ? ", past" : "") << '\n';
    }
    std::vector<std::string> trace;
    const Rule* rule = rules.find(flag.rule);
    std::optional<Flag> now;
    if (rule) now = evaluate_rule(*rule, c, as_of, &trace);
    else trace = flag.why;
    out << "As of " << shown_date(as_of) << ":\n";
    for (const auto& line : trace) out << "  - " << line << '\n';
    if (!rule) out << "(rule '" << flag.rule << "' is not in the loaded rules; showing the stored reasons)\n";
    else if (!now) out << "The rule no longer fires on this item as of " << shown_date(as_of) << ".\n";
    else out << "Due " << shown_date(now->due) << ", " << now->days_overdue << " days overdue.\nMessage: " << now->message << '\n';
    return out.str();
}

}  // namespace opfolg::rules
