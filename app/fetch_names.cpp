#include "app/fetch_names.hpp"

#include <cctype>
#include <cstdint>
#include <cstdio>

namespace opfolg::app {

namespace {

bool starts_with_nocase(const std::string& s, const std::string& prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
    return true;
}

// The path of an absolute URL, without query and fragment ("" when there is none).
std::string url_path(const std::string& url) {
    const auto scheme_end = url.find("://");
    const auto slash = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
    if (slash == std::string::npos) return "";
    const auto end = url.find_first_of("?#", slash);
    return url.substr(slash, end == std::string::npos ? std::string::npos : end - slash);
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decoded(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

bool kept_byte(unsigned char c) {
    return std::isalnum(c) || c >= 0x80 || c == '.' || c == '-' || c == '_' || c == ' ' || c == '+' || c == ',' ||
           c == '(' || c == ')';
}

constexpr size_t max_name_bytes = 200;

std::string sanitized(const std::string& raw) {
    std::string name;
    for (unsigned char c : raw) name += kept_byte(c) ? static_cast<char>(c) : '_';
    // No hidden names (ingest skips them, and "." and ".." are not files), no blanks at either end.
    const auto first = name.find_first_not_of(". ");
    name = first == std::string::npos ? "" : name.substr(first);
    while (!name.empty() && (name.back() == ' ' || name.back() == '.')) name.pop_back();
    if (name.size() > max_name_bytes) {
        size_t cut = max_name_bytes;
        while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;  // not inside a letter
        name.resize(cut);
    }
    return name.empty() ? "download" : name;
}

}  // namespace

void check_url(const std::string& url) {
    if (!starts_with_nocase(url, "http://") && !starts_with_nocase(url, "https://"))
        throw BadSource("only http:// and https:// URLs are fetched");
    for (unsigned char c : url)
        if (c <= 0x20 || c == 0x7f) throw BadSource("the URL contains a blank or a control character");
    const auto host_start = url.find("://") + 3;
    if (host_start >= url.size() || url[host_start] == '/' || url[host_start] == '?' || url[host_start] == '#')
        throw BadSource("the URL has no host");
}

std::string normalize_base_url(const std::string& base_url) {
    check_url(base_url);
    std::string base = base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base;
}

bool valid_agenda_id(const std::string& id) {
    if (id.empty() || id.size() > 128) return false;
    for (unsigned char c : id)
        if (!std::isalnum(c) && c != '-' && c != '_') return false;
    return true;
}

std::string agenda_url(const std::string& base_url, const std::string& id) {
    return base_url + "/api/agenda/dagsorden/" + id;
}

std::string agenda_id_of(const std::string& url) {
    const std::string path = url_path(url), agenda = "/api/agenda/dagsorden/";
    if (starts_with_nocase(path, agenda) && valid_agenda_id(path.substr(agenda.size())))
        return path.substr(agenda.size());
    return "";
}

std::string name_from_url(const std::string& url) {
    if (const std::string id = agenda_id_of(url); !id.empty()) return id + ".json";
    std::string segment = url_path(url);
    while (!segment.empty() && segment.back() == '/') segment.pop_back();
    segment = segment.substr(segment.rfind('/') == std::string::npos ? 0 : segment.rfind('/') + 1);
    return sanitized(percent_decoded(segment));
}

bool safe_file_name(const std::string& name) {
    if (name.empty() || name.size() > 255 || name[0] == '.' || name[0] == ' ') return false;
    for (unsigned char c : name)
        if (!kept_byte(c)) return false;
    return true;
}

std::string disambiguated_name(const std::string& name, const std::string& url) {
    std::uint64_t h = 14695981039346656037ull;  // FNV-1a: stable across runs and builds
    for (unsigned char c : url) h = (h ^ c) * 1099511628211ull;
    char tag[10];
    std::snprintf(tag, sizeof tag, "-%08x", static_cast<unsigned>(h ^ (h >> 32)));
    const auto dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0) return name + tag;
    return name.substr(0, dot) + tag + name.substr(dot);
}

bool has_document_extension(const std::string& name) {
    const auto dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0) return false;
    std::string ext = name.substr(dot);
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* e : {".txt", ".text", ".md", ".html", ".htm", ".pdf", ".json"})
        if (ext == e) return true;
    return false;
}

std::string extension_for(const std::string& content_type) {
    std::string type = content_type.substr(0, content_type.find(';'));
    for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    if (type == "application/pdf") return ".pdf";
    if (type == "text/html" || type == "application/xhtml+xml") return ".html";
    if (type == "application/json" || type == "text/json" ||
        (type.size() > 5 && type.compare(type.size() - 5, 5, "+json") == 0))
        return ".json";
    if (type == "text/plain") return ".txt";
    if (type == "text/markdown") return ".md";
    return "";
}

Source make_source(const std::string& given, const std::string& base_url) {
    if (given.find("://") != std::string::npos) {
        check_url(given);
        return {given, given, name_from_url(given), !agenda_id_of(given).empty()};
    }
    if (base_url.empty()) throw BadSource("not a URL (agenda ids need --base-url)");
    if (!valid_agenda_id(given)) throw BadSource("not an agenda id (letters, digits, '-' and '_')");
    return {given, agenda_url(base_url, given), given + ".json", true};
}

}  // namespace opfolg::app
