// FirstAgenda publication pages (Aarhus's "dagsordener" site, the HTML face of the platform Greve's JSON comes
// from) -> the line shapes the minutes grammar knows. The page shows the meeting facts as a label/value table
// ("Udvalg:" | "Teknisk Udvalg") and each agenda point as a number cell next to an <h2> title; the grammar wants
// "REFERAT <committee> den <date>", "Mødedato …" and "Punkt N: title".
#include "grammar/reader_detail.hpp"

#include <cctype>

namespace opfolg::detail {

namespace {
std::string squeezed(const std::string& s) {
    std::string out;
    for (char c : s) {
        bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

bool all_digits(const std::string& s) {
    if (s.empty() || s.size() > 3) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

std::size_t next_text(const std::vector<RawLine>& raw, std::size_t i) {
    for (std::size_t j = i + 1; j < raw.size(); ++j)
        if (!squeezed(raw[j].text).empty()) return j;
    return raw.size();
}

// The page's label -> the word the header parser reads (empty: the value names the committee).
struct Label {
    const char* label;
    const char* line_word;
};
const Label labels[] = {{"Udvalg:", ""}, {"Mødedato:", "Mødedato"}, {"Mødested:", "Mødested"}};

// Buttons and links of the page, not text of the minutes (also as list items, "- Hent som PDF").
const char* const page_furniture[] = {"Hent som PDF", "Kopier link", "Tilbage til forsiden"};

// HTML rewrites before the page is read as lines: an empty <h3> opens the point's untitled introduction,
// which must not run on as part of the decision above it.
const std::pair<const char*, const char*> html_rewrites[] = {{"<h3></h3>", "<h3>Indhold</h3>"}};
}  // namespace

bool looks_like_firstagenda_page(std::string_view html) {
    return html.find("class=\"punktrow") != std::string_view::npos &&
           html.find("class=\"overskrift") != std::string_view::npos;
}

std::vector<RawLine> firstagenda_page_to_lines(std::string_view html) {
    std::string page(html);
    for (const auto& [from, to] : html_rewrites) replace_all(page, from, to);
    std::vector<RawLine> raw = html_to_lines(page);

    std::string kind, committee, date_text;
    std::size_t title_at = raw.size();
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const std::string t = squeezed(raw[i].text);
        // "Referat 1. oktober 2025 kl. 15.45" / "Dagsorden 8. oktober 2025 kl. 16.00": the document's kind.
        for (const char* k : {"Referat ", "Dagsorden "})
            if (kind.empty() && t.rfind(k, 0) == 0 && t.size() > std::string(k).size() &&
                std::isdigit(static_cast<unsigned char>(t[std::string(k).size()])))
                kind = k[0] == 'R' ? "REFERAT" : "DAGSORDEN";
        for (const auto& l : labels) {
            if (t != l.label) continue;
            const std::size_t j = next_text(raw, i);
            if (j == raw.size()) break;
            const std::string value = squeezed(raw[j].text);
            raw[j].text.clear();
            if (*l.line_word == '\0') {
                committee = value;
                title_at = i;
            } else {
                raw[i].text = std::string(l.line_word) + " " + value;
            }
            if (std::string(l.label) == "Mødedato:") {
                // "onsdag den 1. oktober 2025 kl. 15.45" -> "1. oktober 2025"
                std::size_t den = value.find(" den ");
                date_text = den == std::string::npos ? value : value.substr(den + 5);
                date_text = date_text.substr(0, date_text.find(" kl."));
            }
        }
        for (const char* f : page_furniture)
            if (t == f || t == std::string("- ") + f) raw[i].text.clear();
        // A bare point number cell followed by the point's <h2> title.
        if (all_digits(t)) {
            const std::size_t j = next_text(raw, i);
            if (j < raw.size() && raw[j].heading_level == 2) {
                raw[i].text = "Punkt " + t + ": " + squeezed(raw[j].text);
                raw[i].heading_level = 0;
                raw[j].text.clear();
            }
        }
    }
    if (title_at < raw.size() && !committee.empty())
        raw[title_at].text = (kind.empty() ? "REFERAT" : kind) + " " + committee +
                             (date_text.empty() ? "" : " den " + date_text);
    return raw;
}

}  // namespace opfolg::detail
