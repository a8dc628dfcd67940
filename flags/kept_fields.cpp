#include "flags/kept_fields.hpp"

#include "text/length_prefixed.hpp"
#include "text/one_line.hpp"
#include "tracker/store.hpp"

namespace opfolg::flags {

void append_kept_fields(std::string& out, const rules::Flag& f) {
    for (std::string_view field : {std::string_view(f.rule), std::string_view(f.candidate_key),
                                   std::string_view(f.committee), std::string_view(f.title),
                                   std::string_view(f.case_number), std::string_view(f.decision),
                                   std::string_view(f.closed ? "1" : "0"), std::string_view(f.due_source),
                                   std::string_view(f.source)})
        text::append_length_prefixed(out, field);
}

void read_kept_fields(std::string_view fields, rules::Flag& f, std::string_view& rule_id) {
    text::LengthPrefixedReader reader(fields);
    std::string_view closed;
    // One line, and not the whole text: it holds a decision, which may run over lines.
    auto malformed = [&] {
        return tracker::StoreError("flag_rows.fields is malformed: \"" + text::one_line(fields.substr(0, 60)) + "\"");
    };
    auto next = [&](std::string_view& into) {
        if (!reader.next(into)) throw malformed();
    };
    auto next_into = [&](std::string& into) {
        std::string_view field;
        next(field);
        into.assign(field);
    };
    next(rule_id);
    next_into(f.candidate_key);
    next_into(f.committee);
    next_into(f.title);
    next_into(f.case_number);
    next_into(f.decision);
    next(closed);
    next_into(f.due_source);
    next_into(f.source);
    if (!reader.at_end() || (closed != "0" && closed != "1")) throw malformed();
    f.closed = closed == "1";
}

}  // namespace opfolg::flags
