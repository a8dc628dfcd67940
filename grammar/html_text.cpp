// HTML pages of published minutes -> text lines, without a browser.
#include "grammar/reader_detail.hpp"

#include <cstring>
#include <unordered_map>

namespace opfolg::detail {

namespace {
const std::unordered_map<std::string, std::string>& named_entities() {
    static const std::unordered_map<std::string, std::string> table = {
        {"amp", "&"},       {"lt", "<"},         {"gt", ">"},        {"quot", "\""},     {"apos", "'"},
        {"nbsp", " "},      {"shy", ""},         {"aelig", "æ"},     {"AElig", "Æ"},     {"oslash", "ø"},
        {"Oslash", "Ø"},    {"aring", "å"},      {"Aring", "Å"},     {"eacute", "é"},    {"Eacute", "É"},
        {"uuml", "ü"},      {"Uuml", "Ü"},       {"ouml", "ö"},      {"Ouml", "Ö"},      {"auml", "ä"},
        {"Auml", "Ä"},      {"ndash", "–"},      {"mdash", "—"},     {"hellip", "…"},    {"laquo", "«"},
        {"raquo", "»"},     {"ldquo", "“"},      {"rdquo", "”"},     {"lsquo", "‘"},     {"rsquo", "’"},
        {"bdquo", "„"},     {"euro", "€"},       {"sect", "§"},      {"deg", "°"},       {"middot", "·"},
        {"bull", "•"},      {"copy", "©"},       {"times", "×"},
    };
    return table;
}

// Decodes the entity starting at html[i] == '&'; returns the bytes consumed (0 when not an entity).
std::size_t decode_entity(std::string_view html, std::size_t i, std::string& out) {
    std::size_t semi = html.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) return 0;
    std::string_view name = html.substr(i + 1, semi - i - 1);
    if (name.empty()) return 0;
    if (name[0] == '#') {
        unsigned long cp = 0;
        bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
        std::string_view digits = name.substr(hex ? 2 : 1);
        if (digits.empty()) return 0;
        for (char c : digits) {
            int v = (c >= '0' && c <= '9') ? c - '0'
                    : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                    : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
            if (v < 0) return 0;
            cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(v);
            if (cp > 0x10FFFF) cp = 0x110000;  // clamp; rejected below
        }
        // NUL carries nothing in minutes; out-of-range values are clamped above and replaced by append_utf8.
        append_utf8(out, cp == 0 ? 0xFFFD : static_cast<char32_t>(cp));
        return semi - i + 1;
    }
    auto it = named_entities().find(std::string(name));
    if (it == named_entities().end()) return 0;
    out += it->second;
    return semi - i + 1;
}

bool is_block_tag(const std::string& tag) {
    static const char* blocks[] = {"p", "br", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4",
                                   "h5", "h6", "section", "article", "header", "footer", "title", "td", "th",
                                   "dt", "dd", "hr", "blockquote", "pre", "body", "html", "head"};
    for (const char* b : blocks)
        if (tag == b) return true;
    return false;
}
}  // namespace

bool looks_like_html(std::string_view text) {
    std::string head = utf8_lower(text.substr(0, 2048));
    return head.find("<!doctype html") != std::string::npos || head.find("<html") != std::string::npos ||
           (head.find("<p>") != std::string::npos && head.find("</p>") != std::string::npos) ||
           head.find("<body") != std::string::npos;
}

std::vector<RawLine> html_to_lines(std::string_view html) {
    std::vector<RawLine> lines;
    RawLine current;
    int source_line = 1;
    current.source_line = 1;
    auto flush = [&] {
        lines.push_back(current);
        current = RawLine{};
        current.source_line = source_line;
    };
    std::size_t i = 0;
    while (i < html.size()) {
        char c = html[i];
        if (c == '\n') {
            ++source_line;
            if (current.text.empty()) current.source_line = source_line;
            else current.text += ' ';  // a newline inside a paragraph is a space in HTML
            ++i;
            continue;
        }
        if (c == '<') {
            if (html.compare(i, 4, "<!--") == 0) {
                std::size_t end = html.find("-->", i + 4);
                end = end == std::string_view::npos ? html.size() : end + 3;
                for (std::size_t k = i; k < end; ++k) source_line += html[k] == '\n';
                i = end;
                continue;
            }
            std::size_t end = html.find('>', i);
            if (end == std::string_view::npos) break;
            std::string_view inside = html.substr(i + 1, end - i - 1);
            for (char k : inside) source_line += k == '\n';
            bool closing = !inside.empty() && inside[0] == '/';
            std::size_t n = closing ? 1 : 0;
            std::string tag;
            while (n < inside.size() && (std::isalnum(static_cast<unsigned char>(inside[n])) != 0)) {
                tag += static_cast<char>(std::tolower(static_cast<unsigned char>(inside[n])));
                ++n;
            }
            i = end + 1;
            if (!closing && (tag == "script" || tag == "style")) {
                std::string close = "</" + tag;
                std::size_t stop = i;
                while (stop < html.size()) {
                    stop = html.find("</", stop);
                    if (stop == std::string_view::npos) break;
                    if (utf8_lower(html.substr(stop, close.size())) == close) break;
                    stop += 2;
                }
                if (stop == std::string_view::npos) stop = html.size();
                for (std::size_t k = i; k < stop; ++k) source_line += html[k] == '\n';
                std::size_t gt = html.find('>', stop);
                i = gt == std::string_view::npos ? html.size() : gt + 1;
                continue;
            }
            if (is_block_tag(tag)) {
                if (!current.text.empty()) flush();
                if (!closing && tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6')
                    current.heading_level = tag[1] - '0';
                if (!closing && tag == "li") current.text = "- ";
                if (!closing && (tag == "p" || tag == "table" || tag == "ul" || tag == "ol") && !lines.empty() &&
                    !lines.back().text.empty())
                    lines.push_back(RawLine{"", source_line, 0});  // paragraphs are separated by a blank line
            }
            continue;
        }
        if (c == '&') {
            std::size_t used = decode_entity(html, i, current.text);
            if (used) {
                i += used;
                continue;
            }
        }
        if (c != '\r') current.text += c;
        ++i;
    }
    if (!current.text.empty()) lines.push_back(current);
    return lines;
}

}  // namespace opfolg::detail
