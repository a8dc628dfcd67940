#include "grammar/line_parsers.hpp"

#include "grammar/layout.hpp"

#include <boost/spirit/home/x3.hpp>

#include <algorithm>

namespace opfolg::lines {

namespace {
namespace x3 = boost::spirit::x3;
using It = std::string_view::const_iterator;

std::string trimmed(It first, It last) {
    while (first != last && *first == ' ') ++first;
    while (last != first && (*(last - 1) == ' ' || *(last - 1) == ',')) --last;
    return std::string(first, last);
}

const auto dmy_shape = x3::repeat(1, 2)[x3::digit] >> x3::char_("-./") >> x3::repeat(1, 2)[x3::digit] >>
                       x3::char_("-./") >> x3::repeat(4)[x3::digit];
const auto words_shape = x3::repeat(1, 2)[x3::digit] >> '.' >> +x3::lit(' ') >> +x3::alpha >> +x3::lit(' ') >>
                         x3::repeat(4)[x3::digit];
const auto date_dmy = x3::raw[dmy_shape];
const auto any_date = x3::raw[dmy_shape | words_shape];
}  // namespace

bool parse_meeting_title(std::string_view line, Meeting& out) {
    std::string kind, date_text;
    It committee_first{}, committee_last{};
    auto set_kind = [&](auto& ctx) { kind = std::string(x3::_attr(ctx).begin(), x3::_attr(ctx).end()); };
    auto set_committee = [&](auto& ctx) {
        committee_first = x3::_attr(ctx).begin();
        committee_last = x3::_attr(ctx).end();
    };
    auto set_date = [&](auto& ctx) { date_text = std::string(x3::_attr(ctx).begin(), x3::_attr(ctx).end()); };
    const auto separator = x3::lit(" d. ") | x3::lit(" den ") | x3::lit(" - ") | x3::lit(", ");
    const auto kind_word = x3::no_case[x3::lit("referat") | x3::lit("dagsorden") | x3::lit("beslutningsprotokol")];
    // "Referat af mødet i Økonomiudvalget den 4. maj 2021", "Dagsorden for Byrådet d. 2-3-2021"
    const auto lead_in = x3::no_case[x3::lit("af mødet i") | x3::lit("fra mødet i") | x3::lit("for mødet i") |
                                     x3::lit("af møde i") | x3::lit("fra møde i") | x3::lit("for") | x3::lit("fra")] >>
                         +x3::lit(' ');
    const auto committee = x3::raw[+(x3::char_ - (separator >> any_date))][set_committee];
    const auto dated = x3::raw[kind_word][set_kind] >> +x3::lit(' ') >> -lead_in >> committee >> separator >>
                       any_date[set_date] >> *x3::char_;
    It first = line.begin();
    if (x3::parse(first, line.end(), dated)) {
        date::year_month_day d{};
        if (!dates::parse_date(date_text, d)) return false;
        out.date = d;
    } else {
        // Without a date on the line ("REFERAT" alone, or "Referat Økonomiudvalget"): the date comes from the
        // Mødedato line and, for the bare word, the committee from the next line (minutes_model's header()).
        kind.clear();
        committee_first = committee_last = It{};
        const auto undated = x3::raw[kind_word][set_kind] >> -(+x3::lit(' ') >> -lead_in >>
                                                                x3::raw[+(x3::char_ - x3::digit)][set_committee]) >>
                             *x3::lit(' ') >> x3::eoi;
        first = line.begin();
        if (!x3::parse(first, line.end(), undated)) return false;
    }
    for (auto& c : kind) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    out.kind = kind;
    out.committee = committee_first == It{} ? std::string() : trimmed(committee_first, committee_last);
    return true;
}

bool parse_committee_line(std::string_view line, Meeting& out) {
    Reference r;
    if (parse_reference(line, r) && r.items.empty()) {  // "Økonomiudvalget den 4. maj 2021"
        out.committee = r.committee;
        if (!out.date.ok()) out.date = r.date;
        return true;
    }
    // A bare name: no digits, not a label ("Mødedato", "Sted:"), not a sentence.
    if (line.empty() || line.size() > 100 || line.back() == ':' || line.back() == '.') return false;
    for (char c : line)
        if ((c >= '0' && c <= '9') || c == ':') return false;
    out.committee = std::string(line);
    return true;
}

bool parse_meeting_date_line(std::string_view line, Meeting& out) {
    std::string date_text, time_text;
    auto set_date = [&](auto& ctx) { date_text = std::string(x3::_attr(ctx).begin(), x3::_attr(ctx).end()); };
    auto set_time = [&](auto& ctx) { time_text = std::string(x3::_attr(ctx).begin(), x3::_attr(ctx).end()); };
    const auto time = x3::raw[x3::repeat(1, 2)[x3::digit] >> x3::char_(":.") >> x3::repeat(2)[x3::digit]];
    const auto parser = x3::lit("Mødedato") >> *(x3::char_ - any_date) >> any_date[set_date] >>
                        -(+x3::lit(' ') >> -x3::lit("kl.") >> *x3::lit(' ') >> time[set_time]) >> *x3::char_;
    It first = line.begin();
    if (!x3::parse(first, line.end(), parser)) return false;
    date::year_month_day d{};
    if (dates::parse_date(date_text, d) && !out.date.ok()) out.date = d;
    if (!time_text.empty()) {
        if (time_text[time_text.size() - 3] == '.') time_text[time_text.size() - 3] = ':';
        out.time = time_text.size() == 4 ? "0" + time_text : time_text;
    }
    return true;
}

std::vector<Participant> parse_participants(std::string_view list) {
    // Names separated by ", " outside parentheses; each may carry "(A)" (party), "(role)" and "(Afbud)".
    std::vector<Participant> out;
    std::string current;
    int depth = 0;
    auto finish = [&] {
        Participant p;
        std::string rest = current;
        while (true) {
            std::size_t open = rest.rfind('(');
            std::size_t close = rest.rfind(')');
            if (open == std::string::npos || close == std::string::npos || close < open) break;
            std::string inner = rest.substr(open + 1, close - open - 1);
            rest.erase(open);
            if (inner == "Afbud" || inner == "afbud") p.absent = true;
            else if (inner.size() <= 2 || (inner.size() <= 3 && static_cast<unsigned char>(inner[0]) == 0xC3))
                p.party = inner;
            else p.role = inner;
        }
        p.name = trimmed(std::string_view(rest).begin(), std::string_view(rest).end());
        if (!p.name.empty()) out.push_back(std::move(p));
        current.clear();
    };
    for (std::size_t i = 0; i < list.size(); ++i) {
        char c = list[i];
        if (c == '(') ++depth;
        if (c == ')' && depth > 0) --depth;
        if (c == ',' && depth == 0) {
            finish();
            continue;
        }
        current += c;
    }
    finish();
    return out;
}

bool parse_reference(std::string_view line, Reference& out) {
    It committee_first{}, committee_last{};
    std::string date_text;
    std::vector<unsigned> numbers;
    auto set_committee = [&](auto& ctx) {
        committee_first = x3::_attr(ctx).begin();
        committee_last = x3::_attr(ctx).end();
    };
    auto set_date = [&](auto& ctx) { date_text = std::string(x3::_attr(ctx).begin(), x3::_attr(ctx).end()); };
    auto add_number = [&](auto& ctx) { numbers.push_back(x3::_attr(ctx)); };
    const auto separator = x3::lit(" den ") | x3::lit(" d. ");
    const auto item_word = x3::no_case[x3::lit("punkt") | x3::lit("pkt.") | x3::lit("pkt")];
    const auto number_sep = x3::lit(", ") | x3::lit(" og ") | x3::lit(",") | x3::lit(" & ");
    const auto parser = x3::raw[+(x3::char_ - (separator >> any_date))][set_committee] >> separator >>
                        any_date[set_date] >>
                        -(+x3::lit(' ') >> item_word >> *x3::lit(' ') >> (x3::uint_[add_number] % number_sep)) >>
                        -x3::lit('.') >> *x3::lit(' ') >> x3::eoi;
    It first = line.begin();
    if (!x3::parse(first, line.end(), parser)) return false;
    date::year_month_day d{};
    if (!dates::parse_date(date_text, d)) return false;
    out.committee = trimmed(committee_first, committee_last);
    out.date = d;
    out.items.assign(numbers.begin(), numbers.end());
    out.text = std::string(line);
    return !out.committee.empty();
}

bool parse_history_head(std::string_view line, HistoryEntry& out) {
    std::string date_text;
    It committee_first{}, committee_last{};
    auto set_date = [&](auto& ctx) { date_text = std::string(x3::_attr(ctx).begin(), x3::_attr(ctx).end()); };
    auto set_committee = [&](auto& ctx) {
        committee_first = x3::_attr(ctx).begin();
        committee_last = x3::_attr(ctx).end();
    };
    const auto parser = date_dmy[set_date] >> +x3::lit(' ') >> x3::raw[+x3::char_][set_committee];
    It first = line.begin();
    if (!x3::parse(first, line.end(), parser)) return false;
    std::replace(date_text.begin(), date_text.end(), '/', '-');  // Greve also writes 19/03/2024
    date::year_month_day d{};
    if (!dates::parse_date(date_text, d)) return false;
    out.date = d;
    out.committee = trimmed(committee_first, committee_last);
    // Greve names the committee with its election period: "Beskæftigelses- og Erhvervsudvalget 2022".
    const std::size_t n = out.committee.size();
    if (n > 5 && out.committee[n - 5] == ' ' &&
        out.committee.find_first_not_of("0123456789", n - 4) == std::string::npos)
        out.committee.erase(n - 5);
    return !out.committee.empty();
}

}  // namespace opfolg::lines
