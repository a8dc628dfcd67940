#include "text/length_prefixed.hpp"

#include <charconv>

namespace opfolg::text {

void append_length_prefixed(std::string& out, std::string_view field) {
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, field.size()).ptr);
    out += ':';
    out += field;
}

bool LengthPrefixedReader::next(std::string_view& field) {
    if (rest_.empty() || !ok_) return false;
    // The length by hand: a report reads nine fields a row, and from_chars was most of their cost. At most 18
    // digits, so it cannot overflow.
    std::size_t length = 0, digits = 0;
    for (; digits < rest_.size() && digits < 18; ++digits) {
        const unsigned d = static_cast<unsigned char>(rest_[digits]) - unsigned{'0'};
        if (d > 9) break;
        length = length * 10 + d;
    }
    // Digits, a colon, and as many bytes as they say: anything else is not this format.
    if (digits == 0 || digits == rest_.size() || rest_[digits] != ':' || length > rest_.size() - digits - 1) {
        ok_ = false;
        return false;
    }
    field = rest_.substr(digits + 1, length);
    rest_.remove_prefix(digits + 1 + length);
    return true;
}

}  // namespace opfolg::text
