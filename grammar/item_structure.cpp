#include "grammar/item_structure.hpp"

#include "grammar/reader.hpp"

#include <boost/spirit/home/x3.hpp>

namespace opfolg::structure {

namespace {
namespace x3 = boost::spirit::x3;
using It = std::string_view::const_iterator;

std::string trimmed(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == ':')) s.remove_suffix(1);
    return std::string(s);
}

// A point's text starts like a sentence: not a lower-case letter ("12. marts" is a date, not point 12).
bool starts_sentence(std::string_view s) {
    if (s.empty()) return false;
    unsigned char c = static_cast<unsigned char>(s[0]);
    if (c >= 'a' && c <= 'z') return false;
    if (c == 0xC3 && s.size() > 1 && static_cast<unsigned char>(s[1]) >= 0xA0) return false;  // æøåé...
    return true;
}

void strip_closed(std::string& title, bool& closed) {
    for (const char* prefix : {"Lukket: LUKKET ", "Lukket: ", "LUKKET "}) {
        if (title.rfind(prefix, 0) == 0) {
            closed = true;
            title.erase(0, std::string(prefix).size());
        }
    }
}
}  // namespace

bool parse_toc_line(std::string_view line, TocEntry& out) {
    // The dot leader is the sign of a TOC entry; the page number after it may be missing in some exports.
    It title_first{}, title_last{};
    unsigned page = 0;
    auto set_title = [&](auto& ctx) {
        title_first = x3::_attr(ctx).begin();
        title_last = x3::_attr(ctx).end();
    };
    auto set_page = [&](auto& ctx) { page = x3::_attr(ctx); };
    const auto leader = x3::repeat(3, x3::inf)[x3::lit('.')] | x3::lit("…");
    const auto parser = x3::raw[+(x3::char_ - leader)][set_title] >> +leader >> *x3::lit(' ') >>
                        -x3::uint_[set_page] >> *x3::lit(' ') >> x3::eoi;
    It first = line.begin();
    if (!x3::parse(first, line.end(), parser)) return false;
    TocEntry e;
    e.title = trimmed(line.substr(static_cast<std::size_t>(title_first - line.begin()),
                                  static_cast<std::size_t>(title_last - title_first)));
    strip_closed(e.title, e.closed);
    e.page = static_cast<int>(page);
    if (e.title.empty()) return false;
    out = std::move(e);
    return true;
}

bool parse_toc_line_without_leader(std::string_view line, TocEntry& out) {
    // A title cut off by the export loses its dot leader: "Lukket: LUKKET Forslag til ... omprioriteringsp 20".
    std::size_t space = line.rfind(' ');
    if (space == std::string_view::npos || space == 0 || space + 1 == line.size() || space + 5 < line.size())
        return false;
    std::string_view page = line.substr(space + 1);
    if (page.find_first_not_of("0123456789") != std::string_view::npos) return false;
    TocEntry e;
    e.title = trimmed(line.substr(0, space));
    strip_closed(e.title, e.closed);
    e.page = std::stoi(std::string(page));
    if (e.title.empty()) return false;
    out = std::move(e);
    return true;
}

bool parse_attachment_count(std::string_view line, int& count, int& recommended) {
    unsigned n = 0, r = 0;
    bool has_r = false;
    auto set_n = [&](auto& ctx) { n = x3::_attr(ctx); };
    auto set_r = [&](auto& ctx) {
        r = x3::_attr(ctx);
        has_r = true;
    };
    const auto parser = x3::uint_[set_n] >> +x3::lit(' ') >> x3::no_case[x3::lit("bilag")] >>
                        -(-x3::lit(',') >> +x3::lit(' ') >> (x3::lit("heraf") | x3::lit("hvoraf")) >> +x3::lit(' ') >>
                          x3::uint_[set_r] >> +x3::lit(' ') >> x3::lit("anbefales")) >>
                        *x3::lit(' ') >> -x3::lit('.') >> x3::eoi;
    It first = line.begin();
    if (!x3::parse(first, line.end(), parser)) return false;
    count = static_cast<int>(n);
    recommended = has_r ? static_cast<int>(r) : -1;
    return true;
}

Attachment parse_attachment_title(std::string_view line) {
    Attachment a;
    std::string number;
    auto set_number = [&](auto& ctx) { number.assign(x3::_attr(ctx).begin(), x3::_attr(ctx).end()); };
    // "1.1. ANBEFALES Title", "1.2 Title", "ANBEFALES Title", "Title"
    const auto numbering = x3::raw[+x3::digit >> +('.' >> +x3::digit)][set_number] >> -x3::lit('.') >> +x3::lit(' ');
    It first = line.begin();
    if (!x3::parse(first, line.end(), numbering)) first = line.begin();
    std::string_view rest = line.substr(static_cast<std::size_t>(first - line.begin()));
    if (rest.substr(0, 10) == "ANBEFALES ") {
        a.recommended = true;
        rest.remove_prefix(10);
    }
    a.number = number;
    a.title = trimmed(rest);
    return a;
}

bool parse_numbered_point(std::string_view line, NumberedPoint& out) {
    unsigned n = 0;
    auto set_n = [&](auto& ctx) { n = x3::_attr(ctx); };
    const auto parser = x3::uint_[set_n] >> x3::lit('.') >> +x3::lit(' ');
    It first = line.begin();
    if (!x3::parse(first, line.end(), parser) || n == 0 || n > 99) return false;
    std::string_view rest = line.substr(static_cast<std::size_t>(first - line.begin()));
    if (!starts_sentence(rest)) return false;
    out.number = static_cast<int>(n);
    out.text = trimmed(rest);
    return true;
}

bool parse_recommender(std::string_view line, std::string& by) {
    // "X indstiller, at", "X indstiller at:", "X indstiller til Økonomiudvalget, at"
    const std::string_view word = " indstiller";
    std::size_t at = line.find(word);
    if (at == std::string_view::npos || at == 0) return false;
    std::string_view after = line.substr(at + word.size());
    if (!after.empty() && after[0] != ',' && after[0] != ' ' && after[0] != ':') return false;
    by = trimmed(line.substr(0, at));
    return !by.empty();
}

Attachments read_attachments(const Section& bilag, bool stop_at_points) {
    Attachments out;
    out.line = bilag.line;
    for (const auto& l : bilag.lines) {
        NumberedPoint point;
        if (stop_at_points && parse_numbered_point(l.text, point)) break;  // the next Meddelelser point
        int count = -1, recommended = -1;
        if (out.count < 0 && out.titles.empty() && parse_attachment_count(l.text, count, recommended)) {
            out.count = count;
            out.recommended = recommended;
            continue;
        }
        Attachment a = parse_attachment_title(l.text);
        a.line = l.line;
        if (!a.title.empty()) out.titles.push_back(std::move(a));
    }
    return out;
}

Recommendation read_recommendation(const Section& indstilling) {
    Recommendation out;
    out.line = indstilling.line;
    for (const auto& l : indstilling.lines) {
        if (!out.text.empty()) out.text += ' ';
        out.text += l.text;
        NumberedPoint point;
        if (out.by.empty() && out.points.empty() && parse_recommender(l.text, out.by)) continue;
        if (parse_numbered_point(l.text, point)) {
            point.line = l.line;
            out.points.push_back(std::move(point));
        } else if (!out.points.empty()) {
            out.points.back().text += ' ' + l.text;  // a point broken over lines
        }
    }
    return out;
}

std::vector<NumberedPoint> read_announcements(const Item& item) {
    std::vector<NumberedPoint> out;
    auto scan = [&](const std::vector<TextLine>& lines) {
        bool in_point = false;  // continuation lines belong to a point only within the same part
        for (const auto& l : lines) {
            NumberedPoint point;
            if (parse_numbered_point(l.text, point)) {
                point.line = l.line;
                out.push_back(std::move(point));
                in_point = true;
            } else if (in_point) {
                out.back().text += ' ' + l.text;
            }
        }
    };
    scan(item.preamble);
    for (const auto& s : item.sections)
        if (s.kind != SectionKind::beslutning && s.kind != SectionKind::afbud) scan(s.lines);
    return out;
}

}  // namespace opfolg::structure
