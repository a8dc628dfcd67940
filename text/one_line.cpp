#include "text/one_line.hpp"

#include "text/byte_words.hpp"

namespace opfolg::text {

namespace {
bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

// Whether any of the eight bytes is below 0x20 or is 0x7F: values of the minutes rarely hold one, so a report
// passes most of its text eight bytes a step.
bool word_has_control(std::uint64_t w) { return words::has_byte_below(w, 0x20) || words::has_byte(w, 0x7f); }
}  // namespace

void make_one_line(std::string& out, std::size_t from) {
    std::size_t i = from;
    for (; i + 8 <= out.size(); i += 8) {
        if (!word_has_control(words::load(out.data() + i))) continue;
        for (std::size_t k = i; k < i + 8; ++k)
            if (is_control(out[k])) out[k] = ' ';
    }
    for (; i < out.size(); ++i)
        if (is_control(out[i])) out[i] = ' ';
}

void append_one_line(std::string& out, std::string_view s) {
    const std::size_t from = out.size();
    out += s;
    make_one_line(out, from);
}

std::string one_line(std::string_view s) {
    std::string out;
    append_one_line(out, s);
    return out;
}

}  // namespace opfolg::text
