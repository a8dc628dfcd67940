// AST -> model: runs the minutes grammar, then reads each part's facts with the line parsers, the decision
// classifier and the date-phrase finder. Every fact carries its source line.
#include "grammar/commitments.hpp"
#include "grammar/decision.hpp"
#include "grammar/item_structure.hpp"
#include "grammar/layout.hpp"
#include "grammar/line_parsers.hpp"
#include "grammar/minutes.hpp"
#include "grammar/minutes_grammar.hpp"
#include "grammar/deadlines.hpp"

#include <algorithm>
#include <cassert>
#include <memory>

namespace opfolg {

namespace {

// Maps buffer offsets back to source lines.
class LineMap {
public:
    // The reader's text is read as it is: its lines, each followed by '\n', are views into it.
    explicit LineMap(const SourceText& src) : buffer_(src.text ? src.text : joined(src)) {
        starts_.reserve(src.lines.size());
        source_.reserve(src.lines.size());
        std::size_t offset = 0;
        for (const auto& l : src.lines) {
            assert(!src.text || l.text.data() == buffer_->data() + offset);
            starts_.push_back(offset);
            source_.push_back(l.source_line);
            offset += l.text.size() + 1;
        }
    }
    const std::string& buffer() const { return *buffer_; }
    int source_line(std::size_t offset) const {
        auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
        if (it == starts_.begin()) return source_.empty() ? 0 : source_.front();
        return source_[static_cast<std::size_t>(it - starts_.begin()) - 1];
    }

private:
    // A SourceText made by hand may have no text of its own; its lines then point elsewhere.
    static std::shared_ptr<const std::string> joined(const SourceText& src) {
        auto text = std::make_shared<std::string>();
        for (const auto& l : src.lines) {
            text->append(l.text);
            text->push_back('\n');
        }
        return text;
    }
    std::shared_ptr<const std::string> buffer_;
    std::vector<std::size_t> starts_;
    std::vector<int> source_;
};

struct Builder {
    const SourceText& src;
    const LineMap& map;
    parser::parse_context& ctx;
    Minutes& out;
    const Vocabulary& vocabulary;

    template <typename Node>
    int line_of(const Node& node) const {
        if (node.id_first < 0) return 0;  // not annotated: the node came from error recovery
        auto range = ctx.positions.position_of(node);
        return map.source_line(static_cast<std::size_t>(range.begin() - map.buffer().begin()));
    }

    TextLine text(const ast::text_line& l) const { return {l.text, line_of(l)}; }
    // The AST is not read again once an item is built: its lines are moved, not copied (a string per line).
    TextLine take(ast::text_line& l) const { return {std::move(l.text), line_of(l)}; }

    void header(const std::vector<ast::text_line>& lines) {
        Meeting& m = out.meeting;
        bool in_toc = false;  // after the "Indholdsfortegnelse" heading; the header ends where items begin
        for (const auto& l : lines) {
            const std::string& t = l.text;
            if (utf8_lower(t) == "indholdsfortegnelse") {
                in_toc = true;
                continue;
            }
            // A bare "Referat" (an HTML <title>, a heading of its own) leaves the committee open: a full title
            // line after it still counts, else the next name line is the committee.
            if ((m.kind.empty() || m.committee.empty()) && lines::parse_meeting_title(t, m)) {
                m.line = line_of(l);
            } else if (!m.kind.empty() && m.committee.empty() && t.rfind("Mødedato", 0) != 0 &&
                       lines::parse_committee_line(t, m)) {
                // the committee line under a bare "REFERAT"
            } else if (t.rfind("Mødedato", 0) == 0) {
                lines::parse_meeting_date_line(t, m);
            } else if (t.rfind("Mødested ", 0) == 0) {
                m.place = t.substr(std::string("Mødested ").size());
            } else if (t.rfind("Mødedeltagere ", 0) == 0) {
                m.participants = lines::parse_participants(t.substr(std::string("Mødedeltagere ").size()));
            } else if (t.rfind("Deltagere ", 0) == 0) {
                m.participants = lines::parse_participants(t.substr(std::string("Deltagere ").size()));
            } else if (TocEntry e; structure::parse_toc_line(t, e) ||
                                   (in_toc && structure::parse_toc_line_without_leader(t, e))) {
                e.line = line_of(l);
                m.toc.push_back(std::move(e));
            }
        }
    }

    static std::string join(const std::vector<TextLine>& lines) {
        std::string s;
        for (const auto& l : lines) {
            if (!s.empty()) s += ' ';
            s += l.text;
        }
        return s;
    }

    // Sagens forløb: "DD-MM-YYYY committee" heads (Ballerup, Greve) or labelled lines (layout::history_labels,
    // Aarhus: "Udvalg: X", "Dato: DD-MM-YYYY", "Punktnummer: N"), each followed by its decision lines. A
    // labelled entry names its item, so it is also a reference to that earlier treatment.
    void history(Item& item, const Section& s) {
        HistoryEntry* current = nullptr;
        const layout::HistoryLabels* labels = nullptr;  // set while the current entry is a labelled one
        int labelled_item = 0;
        std::vector<TextLine> decision_lines;
        auto close = [&] {
            if (current) current->decision = classify_decision(join(decision_lines), vocabulary, decision_lines.empty()
                                                                                       ? current->line
                                                                                       : decision_lines[0].line);
            if (current && labels && current->date.ok()) {
                Reference r;
                r.committee = current->committee;
                r.date = current->date;
                if (labelled_item > 0) r.items.push_back(labelled_item);
                r.text = current->committee + " " + dates::iso(current->date) +
                         (labelled_item > 0 ? " Punkt " + std::to_string(labelled_item) : "");
                r.line = current->line;
                item.references.push_back(std::move(r));
            }
            decision_lines.clear();
            labels = nullptr;
            labelled_item = 0;
        };
        auto after = [](const std::string& text, const char* label) -> std::optional<std::string> {
            const std::string_view l(label);
            if (text.compare(0, l.size(), l) != 0) return std::nullopt;
            return text.substr(l.size());
        };
        for (const auto& l : s.lines) {
            HistoryEntry head;
            const layout::HistoryLabels* starts = nullptr;
            for (const auto& row : layout::history_labels())
                if (after(l.text, row.committee)) starts = &row;
            if (starts) {
                close();
                head.committee = *after(l.text, starts->committee);
                head.line = l.line;
                item.history.push_back(head);
                current = &item.history.back();
                labels = starts;
            } else if (labels && after(l.text, labels->date) && decision_lines.empty()) {
                date::year_month_day d{};
                if (dates::parse_date(*after(l.text, labels->date), d)) current->date = d;
            } else if (labels && after(l.text, labels->item) && decision_lines.empty()) {
                labelled_item = std::atoi(after(l.text, labels->item)->c_str());
            } else if (lines::parse_history_head(l.text, head)) {
                close();
                head.line = l.line;
                item.history.push_back(head);
                current = &item.history.back();
            } else if (current) {
                if (l.text.rfind("Afbud:", 0) != 0) decision_lines.push_back(l);
            } else {
                out.warnings.push_back({l.line, "Sagens forløb: line is not \"DD-MM-YYYY committee\": " + l.text});
            }
        }
        close();
    }

    void deadlines(Item& item) {
        auto scan = [&](const TextLine& l, bool in_decision) {
            for (auto& d : find_deadlines(l.text, l.line, in_decision, out.meeting.date, out.meeting.committee))
                item.deadlines.push_back(std::move(d));
        };
        for (const auto& s : item.sections)
            if (s.kind == SectionKind::beslutning)
                for (const auto& l : s.lines) scan(l, true);
        for (const auto& l : item.preamble) scan(l, false);
        for (const auto& s : item.sections)
            if (s.kind != SectionKind::beslutning && s.kind != SectionKind::sagens_forloeb &&
                s.kind != SectionKind::tidligere_behandling && s.kind != SectionKind::bilag)
                for (const auto& l : s.lines) scan(l, false);
        // Text that stands in a Bilag section in the wrong order (PDF extraction puts the next Meddelelser point
        // after the attachment block) is still text: everything but the count line and the attachment titles.
        std::vector<int> attachment_lines;
        for (const auto& a : item.attachments)
            for (const auto& t : a.titles) attachment_lines.push_back(t.line);
        for (const auto& s : item.sections) {
            if (s.kind != SectionKind::bilag) continue;
            for (const auto& l : s.lines) {
                int count = 0, recommended = 0;
                if (structure::parse_attachment_count(l.text, count, recommended)) continue;
                if (std::find(attachment_lines.begin(), attachment_lines.end(), l.line) != attachment_lines.end())
                    continue;
                scan(l, false);
            }
        }
    }

    static bool announcements_item(const Item& it) { return utf8_lower(it.title).rfind("meddelelser", 0) == 0; }

    void item(ast::item& a) {  // takes the lines of `a`
        Item it;
        it.number = static_cast<int>(a.heading.number);
        it.line = line_of(a.heading);
        if (it.line == 0) it.line = line_of(a);  // a heading recovered from an error is not annotated
        it.title = a.heading.title;
        for (const auto& c : a.title_continuation) it.title += ' ' + c.text;
        // "Lukket: LUKKET Meddelelser": a closed item; the title keeps only its own words.
        for (const char* prefix : {"Lukket: LUKKET ", "Lukket: ", "LUKKET "}) {
            if (it.title.rfind(prefix, 0) == 0) {
                it.closed = true;
                it.title.erase(0, std::string(prefix).size());
            }
        }
        if (it.title.empty() && a.heading.id_first >= 0) out.warnings.push_back({it.line, "Punkt " + std::to_string(it.number) + " has no title"});
        if (!a.case_number.empty()) it.case_number = a.case_number.front().text;
        for (auto& l : a.preamble) it.preamble.push_back(take(l));
        if (!it.preamble.empty() && !it.preamble.front().text.empty() &&
            std::isdigit(static_cast<unsigned char>(it.preamble.front().text[0])) &&
            it.preamble.front().text.size() < 24 && it.preamble.front().text.find('-') != std::string::npos &&
            it.case_number.empty())
            out.warnings.push_back({it.preamble.front().line,
                                    "Punkt " + std::to_string(it.number) + ": malformed case number \"" +
                                        it.preamble.front().text + "\""});
        for (auto& as : a.sections) {
            Section s;
            s.kind = layout::section_kind(as.heading);
            s.heading = std::move(as.heading);
            s.line = line_of(as);
            s.lines.reserve(as.body.size());
            for (auto& l : as.body) s.lines.push_back(take(l));
            it.sections.push_back(std::move(s));
        }
        for (const auto& s : it.sections) {
            if (s.kind == SectionKind::beslutning) {
                // The last Beslutning section is the decision; an empty one is "no decision". "Afbud: names"
                // inside it (Greve) says who was absent, not what was decided.
                std::vector<TextLine> decided;
                for (const auto& l : s.lines) {
                    if (l.text.rfind("Afbud:", 0) == 0) {
                        for (auto& p : lines::parse_participants(l.text.substr(6))) it.absent.push_back(p.name);
                    } else {
                        decided.push_back(l);
                    }
                }
                if (!decided.empty()) it.decision = classify_decision(join(decided), vocabulary, decided.front().line);
            } else if (s.kind == SectionKind::tidligere_behandling) {
                for (const auto& l : s.lines) {
                    Reference r;
                    if (lines::parse_reference(l.text, r)) {
                        r.line = l.line;
                        it.references.push_back(std::move(r));
                    } else {
                        out.warnings.push_back({l.line, "Tidligere behandling: not \"committee den date Punkt N\": " + l.text});
                    }
                }
            } else if (s.kind == SectionKind::sagens_forloeb) {
                history(it, s);
            } else if (s.kind == SectionKind::afbud) {
                for (auto& p : lines::parse_participants(join(s.lines))) it.absent.push_back(p.name);
            } else if (s.kind == SectionKind::beslutningen_traeffes_af) {
                if (!s.lines.empty()) it.decided_by = join(s.lines);
            } else if (s.kind == SectionKind::indstilling) {
                if (!s.lines.empty()) it.recommendation = structure::read_recommendation(s);
            } else if (s.kind == SectionKind::bilag) {
                it.attachments.push_back(structure::read_attachments(s, announcements_item(it)));
            }
        }
        if (announcements_item(it)) it.announcements = structure::read_announcements(it);
        deadlines(it);
        out.items.push_back(std::move(it));
    }
};

// "Punkt x: Budget", "Punkt : Budget": meant as an item heading, but the grammar cannot take it as one, so
// it stays text of the item before. Said out loud, since a whole item is silently merged otherwise.
bool unnumbered_heading(std::string_view t) {
    if (t.rfind("Punkt ", 0) != 0) return false;
    std::size_t colon = t.find(':');
    if (colon == std::string::npos || colon > 12) return false;
    const std::string_view word = t.substr(6, colon - 6);
    return word.find(' ') == std::string_view::npos &&
           (word.empty() || !std::isdigit(static_cast<unsigned char>(word[0])));
}

bool looks_like_budget_description(const SourceText& src) {
    for (const auto& l : src.lines) {
        std::string lower = utf8_lower(l.text);
        if (lower.rfind("bevillingsramme", 0) == 0 || lower.find("mål- og rammebeskrivelse") != std::string::npos)
            return true;
    }
    return false;
}

}  // namespace

Minutes parse_minutes(const SourceText& source, const Vocabulary& vocabulary) {
    Minutes out;
    out.file = source.file;
    out.meeting.source_id = source.source_id;
    for (const auto& n : source.notes) out.warnings.push_back({n.line, n.message});
    LineMap map(source);
    const std::string& buffer = map.buffer();
    parser::parse_context ctx(buffer.begin(), buffer.end());
    ast::document doc;
    auto first = buffer.cbegin();
    namespace x3 = boost::spirit::x3;
    bool ok = x3::parse(first, buffer.cend(), x3::with<x3::error_handler_tag>(std::ref(ctx))[minutes_grammar()], doc);
    for (const auto& p : ctx.problems)
        out.warnings.push_back({map.source_line(static_cast<std::size_t>(p.where - buffer.begin())), p.message});
    if (!ok) {
        out.warnings.push_back({map.source_line(static_cast<std::size_t>(first - buffer.begin())),
                                "the document could not be read past this line"});
    }
    for (const auto& l : source.lines)
        if (unnumbered_heading(l.text))
            out.warnings.push_back({l.source_line, "\"" + std::string(l.text) +
                                                       "\" looks like an item heading but has no number; "
                                                       "kept as text of the part before it"});
    Builder b{source, map, ctx, out, vocabulary};
    b.header(doc.header);
    if (out.meeting.kind.empty() && doc.items.empty()) {
        out.kind = DocumentKind::not_minutes;
        out.not_minutes_reason = looks_like_budget_description(source)
                                     ? "not minutes: a budget frame description (Bevillingsramme), no meeting header "
                                       "and no agenda items"
                                     : "not minutes: no meeting header (REFERAT/DAGSORDEN committee d. date) and no "
                                       "agenda items (Punkt N: title)";
        out.commitments = find_commitments(source);
        return out;
    }
    if (!out.meeting.date.ok()) {
        out.warnings.push_back({1, "no meeting date found in the header"});
    }
    for (auto& item : doc.items) b.item(item);
    return out;
}

Minutes parse_minutes(const SourceText& source) { return parse_minutes(source, default_vocabulary()); }

Minutes read_minutes(const std::string& path) { return parse_minutes(read_source(path)); }

}  // namespace opfolg
