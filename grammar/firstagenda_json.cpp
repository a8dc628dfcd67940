// FirstAgenda publication JSON (`/api/agenda/dagsorden/<id>`, e.g. Greve) -> the same raw lines an HTML or text
// rendering gives: a header ("REFERAT <Udvalg> d. DD-MM-YYYY", "Mødedato …", "Mødested …"), then per agenda
// point "Punkt N: <Navn>", the case number, and the point's HTML fields through html_to_lines. The X3 grammar
// does the structure from there. Every line carries the line of the JSON value it came from.
#include "grammar/json_lines.hpp"
#include "grammar/reader_detail.hpp"

#include <nlohmann/json.hpp>

namespace opfolg::detail {

namespace {
using nlohmann::json;

const json* member(const json& j, const char* key) {
    if (!j.is_object()) return nullptr;
    auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

std::string text_of(const json* j) {
    if (j == nullptr) return {};
    if (j->is_string()) return j->get<std::string>();
    if (j->is_number_integer()) return std::to_string(j->get<long long>());
    return {};
}

// Byte offset -> 1-based line, for parse errors.
int line_at(std::string_view s, std::size_t offset) {
    int line = 1;
    for (std::size_t i = 0; i < offset && i < s.size(); ++i) line += s[i] == '\n';
    return line;
}

// The line of the token a JSON error quotes ("number overflow parsing '1e999'"): nlohmann's out_of_range carries
// no position, so its text is looked for; 1 when it is not found.
int line_of_quoted_token(std::string_view text, std::string_view message) {
    const std::size_t open = message.find('\'');
    const std::size_t close = message.rfind('\'');
    if (open == std::string_view::npos || close <= open + 1) return 1;
    const std::size_t at = text.find(message.substr(open + 1, close - open - 1));
    return at == std::string_view::npos ? 1 : line_at(text, at);
}

// "2024-02-05T17:00:00+01:00" -> "05-02-2024" and "17:00" (the local time as the platform writes it).
bool split_timestamp(const std::string& ts, std::string& dmy, std::string& hhmm) {
    if (ts.size() < 10 || ts[4] != '-' || ts[7] != '-') return false;
    dmy = ts.substr(8, 2) + "-" + ts.substr(5, 2) + "-" + ts.substr(0, 4);
    hhmm = ts.size() >= 16 && ts[10] == 'T' ? ts.substr(11, 5) : std::string();
    return true;
}
}  // namespace

// An object is JSON (broken or not); a leading '[' may also be Markdown ("[Referat](…)"), so an array is
// JSON only when it parses as JSON.
bool looks_like_json(std::string_view text) {
    std::size_t i = text.find_first_not_of(" \t\r\n");
    if (i == std::string_view::npos) return false;
    return text[i] == '{' || (text[i] == '[' && json::accept(text));
}

std::vector<RawLine> firstagenda_json_to_lines(std::string_view text, std::string& source_id,
                                               std::vector<ReadNote>& notes) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error& e) {
        throw ReadError(std::string("JSON that cannot be parsed: ") + e.what(), line_at(text, e.byte));
    } catch (const json::exception& e) {  // e.g. a number beyond a double (found by the minutes fuzzer)
        throw ReadError(std::string("JSON that cannot be read: ") + e.what(), line_of_quoted_token(text, e.what()));
    }
    const json* committee = member(doc, "Udvalg") ? member(*member(doc, "Udvalg"), "Navn") : nullptr;
    const json* meeting = member(doc, "Moede");
    const json* when = meeting ? member(*meeting, "Dato") : nullptr;
    const json* points = member(doc, "Dagsordenpunkter");
    if (!committee || !committee->is_string() || !when || !when->is_string() || !points || !points->is_array())
        throw ReadError("JSON, but not a FirstAgenda agenda (needs Udvalg.Navn, Moede.Dato and Dagsordenpunkter)", 1);
    std::string dmy, hhmm;
    if (!split_timestamp(when->get<std::string>(), dmy, hhmm))
        throw ReadError("FirstAgenda agenda: Moede.Dato is not a timestamp (YYYY-MM-DDTHH:MM)", 1);

    const JsonLines at(text);
    source_id = text_of(member(doc, "Id"));
    std::vector<RawLine> out;
    auto add = [&](std::string s, int line, int level = 0) { out.push_back({std::move(s), line, level}); };
    // A finished meeting's agenda carries its decisions: it is the minutes.
    const json* done = member(*meeting, "Afsluttet");
    const bool minutes = done && done->is_boolean() && done->get<bool>();
    add(std::string(minutes ? "REFERAT " : "DAGSORDEN ") + committee->get<std::string>() + " d. " + dmy,
        at.line("Udvalg/Navn"));
    add("Mødedato " + dmy + (hhmm.empty() ? "" : " kl. " + hhmm), at.line("Moede/Dato"));
    if (std::string place = text_of(member(*meeting, "Sted")); !place.empty())
        add("Mødested " + place, at.line("Moede/Sted"));
    if (const json* people = member(*meeting, "Moededeltagere"); people && people->is_array() && !people->empty()) {
        std::string names;
        for (const auto& p : *people) {
            std::string name = text_of(member(p, "Name"));
            if (name.empty()) continue;
            const json* absent = member(p, "Absent");
            if (absent && absent->is_boolean() && absent->get<bool>()) name += " (Afbud)";
            names += (names.empty() ? "" : ", ") + name;
        }
        if (!names.empty()) add("Mødedeltagere " + names, at.line("Moede/Moededeltagere"));
    }
    add("", 0);

    for (std::size_t i = 0; i < points->size(); ++i) {
        const json& p = (*points)[i];
        const std::string base = "Dagsordenpunkter/" + std::to_string(i) + "/";
        std::string number = text_of(member(p, "Punktnummer"));
        if (number.empty() || number.size() > 4 || number.find_first_not_of("0123456789") != std::string::npos) {
            // The grammar numbers items; a point without a plain number keeps its place in the list.
            const std::string position = std::to_string(i + 1);
            notes.push_back({at.line(base + "Punktnummer", at.line(base + "Navn")),
                             "Punktnummer \"" + number + "\" is not a number; numbered " + position +
                                 " by its place in the agenda"});
            number = position;
        }
        // IsOpen is false on every point of the published minutes, open or not: closed points are the ones
        // titled "Lukket: …", which the grammar already knows.
        add("Punkt " + number + ": " + text_of(member(p, "Navn")), at.line(base + "Navn"));
        if (std::string c = text_of(member(p, "SagsNummer")); !c.empty()) add(c, at.line(base + "SagsNummer"));
        add("", 0);
        const json* fields = member(p, "Felter");
        if (!fields || !fields->is_array()) continue;
        for (std::size_t f = 0; f < fields->size(); ++f) {
            const std::string html = text_of(member((*fields)[f], "Html"));
            if (html.empty()) continue;
            const int line = at.line(base + "Felter/" + std::to_string(f) + "/Html");
            // The HTML is one JSON string: all its lines come from the value's line.
            // Sagens forløb entries are "<u>DD-MM-YYYY committee</u><br> decision": a new entry starts at <u>,
            // often after nothing but whitespace.
            std::string entries = html;
            replace_all(entries, "<u>", "<br><u>");
            for (auto& r : html_to_lines(entries)) {
                r.source_line = line;
                out.push_back(std::move(r));
            }
            add("", 0);
        }
    }
    // Blank lines got line 0 above; give them the line before so no line of the document is 0.
    for (std::size_t k = 1; k < out.size(); ++k)
        if (out[k].source_line == 0) out[k].source_line = out[k - 1].source_line;
    return out;
}

}  // namespace opfolg::detail
