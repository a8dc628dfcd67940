// PDF files: the text of every page (from poppler-cpp, in the libopfolg_pdf.so module), in reading order.
#include "grammar/pdf_module/pdf_module.h"
#include "grammar/plugin.hpp"
#include "grammar/reader_detail.hpp"

#include <memory>
#include <mutex>
#include <sstream>

namespace opfolg::detail {

namespace {
// A line as display cells (one UTF-8 code point each), since poppler lays out columns in characters.
std::vector<std::string> cells(const std::string& line) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < line.size();) {
        std::size_t n = 1;
        while (i + n < line.size() && (static_cast<unsigned char>(line[i + n]) & 0xC0) == 0x80) ++n;
        out.push_back(line.substr(i, n));
        i += n;
    }
    return out;
}

std::string join(const std::vector<std::string>& c, std::size_t from, std::size_t to) {
    std::string s;
    for (std::size_t i = from; i < to && i < c.size(); ++i) s += c[i];
    while (!s.empty() && s.back() == ' ') s.pop_back();
    std::size_t start = s.find_first_not_of(' ');
    return start == std::string::npos ? std::string() : s.substr(start);
}
}  // namespace

std::string columns_in_reading_order(const std::string& page) {
    std::vector<std::vector<std::string>> lines;
    std::istringstream in(page);
    for (std::string l; std::getline(in, l);) lines.push_back(cells(l));
    std::size_t width = 0, text_lines = 0;
    for (const auto& l : lines) {
        width = std::max(width, l.size());
        text_lines += join(l, 0, l.size()).empty() ? 0 : 1;
    }
    // For each column: on how many lines is it inside a run of >= 3 spaces with text on both sides?
    constexpr std::size_t min_gap = 3;
    std::size_t best_column = 0, best_count = 0;
    std::vector<std::size_t> count(width + 1, 0);
    for (const auto& l : lines) {
        std::size_t i = 0;
        while (i < l.size() && l[i] == " ") ++i;
        while (i < l.size()) {
            if (l[i] != " ") { ++i; continue; }
            std::size_t run = i;
            while (run < l.size() && l[run] == " ") ++run;
            if (run < l.size() && run - i >= min_gap)
                for (std::size_t c = i + 1; c < run; ++c) ++count[c];
            i = run;
        }
    }
    for (std::size_t c = 0; c <= width; ++c)
        if (count[c] > best_count) { best_count = count[c]; best_column = c; }
    // Two columns only when most text lines share the gap, and enough of them to not be a short table.
    if (best_count < 8 || best_count * 10 < text_lines * 6) return page;
    // A right column of page numbers or amounts (a TOC, a budget table) is not running text: keep its rows.
    std::size_t worded = 0;
    for (const auto& l : lines) {
        const std::string r = join(l, best_column, l.size());
        if (join(l, 0, best_column).empty() || r.empty()) continue;
        for (unsigned char ch : r)
            if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') { ++worded; break; }
    }
    if (worded * 10 < best_count * 6) return page;
    std::string left, right;
    for (const auto& l : lines) {
        left += join(l, 0, best_column) + '\n';
        std::string r = join(l, best_column, l.size());
        if (!r.empty() || !right.empty()) right += r + '\n';
    }
    return left + '\n' + right;
}

std::string pdf_to_text(std::string_view bytes) {
    using Pages = decltype(&opfolg_pdf_pages);
    Pages pages = nullptr;
    try {
        pages = reinterpret_cast<Pages>(plugin_symbol("opfolg_pdf", "opfolg_pdf_pages"));
    } catch (const std::exception& e) {
        throw ReadError(std::string("PDF support is not available: ") + e.what());
    }
    std::string text;
    auto add_page = [](void* context, const char* utf8, size_t size) {
        auto* out = static_cast<std::string*>(context);
        *out += columns_in_reading_order(std::string(utf8, size));
        *out += "\n\f\n";
    };
    char error[256] = "";
    // poppler's global state is not documented as thread-safe, and ingest parses on several threads.
    static std::mutex poppler_mutex;
    std::lock_guard<std::mutex> lock(poppler_mutex);
    if (pages(bytes.data(), bytes.size(), add_page, &text, error, sizeof error) != 0) throw ReadError(error);
    return text;
}

}  // namespace opfolg::detail
