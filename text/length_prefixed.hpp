// Several texts kept as one: each field is its length in bytes, a colon, then its bytes ("5:Børn3:abc" holds
// "Børn" and "abc"; ø is two bytes). Any byte may stand in a field, so nothing is escaped or replaced, and SQL
// writes the same with length(CAST(x AS BLOB)) || ':' || x (tracker/schema.cpp's migration 14 does).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace opfolg::text {

void append_length_prefixed(std::string& out, std::string_view field);

// The fields of a text append_length_prefixed wrote, in order.
class LengthPrefixedReader {
public:
    explicit LengthPrefixedReader(std::string_view text) : rest_(text) {}
    // The next field into `field`; false at the end of the text or when it is malformed (then ok() is false).
    bool next(std::string_view& field);
    bool ok() const { return ok_; }
    bool at_end() const { return rest_.empty(); }

private:
    std::string_view rest_;
    bool ok_ = true;
};

}  // namespace opfolg::text
