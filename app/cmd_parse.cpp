// opfolg parse FILE [--json]: the parsed structure of one document, for debugging. Touches no database.
#include "app/commands.hpp"
#include "app/pipeline.hpp"
#include "grammar/minutes.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace opfolg::app {

namespace {
using json = nlohmann::ordered_json;

std::string iso_or_empty(date::year_month_day d) { return d.ok() ? dates::iso(d) : ""; }

json classes_json(const std::vector<DecisionClass>& classes) {
    json a = json::array();
    for (auto c : classes) a.push_back(to_string(c));
    return a;
}

json decision_json(const Decision& d) {
    return json{{"text", d.text}, {"classes", classes_json(d.classes)}, {"remarks", d.remarks}, {"line", d.line}};
}

json points_json(const std::vector<NumberedPoint>& points) {
    json a = json::array();
    for (const auto& p : points) a.push_back({{"number", p.number}, {"text", p.text}, {"line", p.line}});
    return a;
}

std::string join_lines(const Section& s) {
    std::string out;
    for (const auto& l : s.lines) out += (out.empty() ? "" : " ") + l.text;
    return out;
}

json to_json(const Minutes& m) {
    json j;
    j["file"] = m.file;
    j["kind"] = m.kind == DocumentKind::minutes ? "minutes" : "not_minutes";
    if (m.kind == DocumentKind::not_minutes) {
        j["reason"] = m.not_minutes_reason;
        json commitments = json::array();
        for (const auto& c : m.commitments) {
            const auto& p = c.deadline.phrase;
            commitments.push_back({{"committee", c.committee}, {"frame", c.frame}, {"verb", c.verb},
                                   {"phrase", p.phrase}, {"precision", dates::to_string(p.precision)},
                                   {"first", iso_or_empty(p.first)}, {"last", iso_or_empty(p.last)},
                                   {"sentence", p.sentence}, {"line", c.line}});
        }
        j["commitments"] = commitments;
    }
    json meeting{{"kind", m.meeting.kind}, {"committee", m.meeting.committee}, {"date", iso_or_empty(m.meeting.date)},
                 {"time", m.meeting.time}, {"place", m.meeting.place}, {"line", m.meeting.line}};
    if (!m.meeting.source_id.empty()) meeting["source_id"] = m.meeting.source_id;  // only platforms that have one
    json participants = json::array();
    for (const auto& p : m.meeting.participants)
        participants.push_back({{"name", p.name}, {"party", p.party}, {"role", p.role}, {"absent", p.absent}});
    meeting["participants"] = participants;
    json toc = json::array();
    for (const auto& t : m.meeting.toc)
        toc.push_back({{"title", t.title}, {"page", t.page}, {"closed", t.closed}, {"line", t.line}});
    meeting["toc"] = toc;
    j["meeting"] = meeting;
    json items = json::array();
    for (const auto& it : m.items) {
        json item{{"number", it.number}, {"title", it.title}, {"closed", it.closed}, {"case_number", it.case_number},
                  {"line", it.line}};
        json sections = json::array();
        for (const auto& s : it.sections)
            sections.push_back({{"heading", s.heading}, {"kind", to_string(s.kind)}, {"line", s.line}, {"lines", s.lines.size()},
                                {"text", join_lines(s)}});
        item["sections"] = sections;
        item["decision"] = it.decision ? decision_json(*it.decision) : json(nullptr);
        json refs = json::array();
        for (const auto& r : it.references)
            refs.push_back({{"committee", r.committee}, {"date", iso_or_empty(r.date)}, {"items", r.items},
                            {"line", r.line}});
        item["tidligere_behandling"] = refs;
        json history = json::array();
        for (const auto& h : it.history)
            history.push_back({{"date", iso_or_empty(h.date)}, {"committee", h.committee},
                               {"decision", decision_json(h.decision)}, {"line", h.line}});
        item["sagens_forloeb"] = history;
        json deadlines = json::array();
        for (const auto& d : it.deadlines) {
            const auto& p = d.phrase;
            deadlines.push_back({{"phrase", p.phrase},
                                 {"precision", dates::to_string(p.precision)},
                                 {"first", p.next_meeting ? "" : iso_or_empty(p.first)},
                                 {"last", p.next_meeting ? "" : iso_or_empty(p.last)},
                                 {"next_meeting", p.next_meeting},
                                 {"past", p.past},
                                 {"in_decision", d.in_decision},
                                 {"promise", d.promise},
                                 {"promise_verb", d.promise_verb},
                                 {"sentence", p.sentence},
                                 {"line", d.line}});
        }
        item["deadlines"] = deadlines;
        item["afbud"] = it.absent;
        item["beslutningen_traeffes_af"] = it.decided_by ? json(*it.decided_by) : json(nullptr);
        if (it.recommendation) {
            const auto& r = *it.recommendation;
            item["indstilling"] = {{"by", r.by}, {"points", points_json(r.points)}, {"text", r.text}, {"line", r.line}};
        } else {
            item["indstilling"] = nullptr;
        }
        item["meddelelser"] = points_json(it.announcements);
        json bilag = json::array();
        for (const auto& b : it.attachments) {
            json titles = json::array();
            for (const auto& a : b.titles)
                titles.push_back({{"title", a.title}, {"number", a.number}, {"recommended", a.recommended},
                                  {"line", a.line}});
            bilag.push_back({{"count", b.count < 0 ? json(nullptr) : json(b.count)},
                             {"recommended", b.recommended < 0 ? json(nullptr) : json(b.recommended)},
                             {"titles", titles}, {"line", b.line}});
        }
        item["bilag"] = bilag;
        items.push_back(item);
    }
    j["items"] = items;
    json warnings = json::array();
    for (const auto& w : m.warnings) warnings.push_back({{"line", w.line}, {"message", w.message}});
    j["warnings"] = warnings;
    return j;
}

void print_text(const Minutes& m) {
    if (m.kind == DocumentKind::not_minutes) {
        std::cout << m.file << ": " << m.not_minutes_reason << '\n';
        for (const auto& c : m.commitments)
            std::cout << "  Commitment of " << c.committee << ": \"" << c.deadline.phrase.phrase << "\" -> "
                      << iso_or_empty(c.deadline.phrase.last) << " (line " << c.line << ")\n";
        return;
    }
    std::cout << m.meeting.kind << " " << m.meeting.committee << " " << iso_or_empty(m.meeting.date) << " "
              << m.meeting.time << " (line " << m.meeting.line << ")\n";
    for (const auto& it : m.items) {
        std::cout << "  Punkt " << it.number << ": " << it.title << (it.closed ? " [lukket]" : "") << "  "
                  << it.case_number << "  (line " << it.line << ")\n";
        if (it.decision) {
            std::cout << "    Beslutning:";
            for (auto c : it.decision->classes) std::cout << ' ' << to_string(c);
            std::cout << " — " << it.decision->text << " (line " << it.decision->line << ")\n";
        }
        for (const auto& r : it.references)
            std::cout << "    Tidligere behandling: " << r.committee << " " << iso_or_empty(r.date) << " (line "
                      << r.line << ")\n";
        for (const auto& h : it.history)
            std::cout << "    Sagens forløb: " << iso_or_empty(h.date) << " " << h.committee << ": "
                      << h.decision.text << " (line " << h.line << ")\n";
        for (const auto& d : it.deadlines)
            std::cout << "    Deadline: \"" << d.phrase.phrase << "\" -> "
                      << (d.phrase.next_meeting ? "next meeting" : iso_or_empty(d.phrase.last))
                      << (d.phrase.past ? " (past)" : "") << (d.promise ? " promise" : "")
                      << (d.in_decision ? " in decision" : "") << " (line " << d.line << ")\n";
    }
    for (const auto& w : m.warnings) std::cout << m.file << ":" << w.line << ": warning: " << w.message << '\n';
}
}  // namespace

void register_parse(CLI::App& app, Commands& out) {
    struct Options {
        std::string file;
        std::vector<std::string> rules;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("parse", "show the parsed structure of one document (no database)");
    cmd->add_option("file", options->file, "minutes file")->required();
    cmd->add_flag("--json", options->json, "JSON instead of text");
    cmd->add_option("--rules", options->rules,
                    "rules file(s) or profile whose vocabulary classifies the decisions (default: $OPFOLG_RULES, "
                    "else rules/default.rules)");
    out.push_back({cmd, [options] {
        install_vocabulary(load_ruleset(rules_files_in_force(options->rules)));
        Minutes m;
        try {
            m = read_minutes(options->file);
        } catch (const ReadError& e) {
            std::cerr << "opfolg: " << options->file << ":" << e.line << ": " << e.what() << '\n';
            return static_cast<int>(exit_failure);
        }
        if (options->json) std::cout << to_json(m).dump(2) << '\n';
        else print_text(m);
        return static_cast<int>(m.kind == DocumentKind::minutes ? exit_ok : exit_partial);
    }});
}

}  // namespace opfolg::app
