// text/length_prefixed: several texts kept as one, any byte in a field.
#include "text/length_prefixed.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace opfolg::text;

namespace {
std::vector<std::string> read_all(std::string_view packed, bool& ok) {
    LengthPrefixedReader reader(packed);
    std::vector<std::string> out;
    for (std::string_view f; reader.next(f);) out.emplace_back(f);
    ok = reader.ok();
    return out;
}
}  // namespace

TEST_CASE("length_prefixed: fields come back as written, colons, digits, control bytes and æøå included") {
    const std::vector<std::string> fields = {"", "Børne- og Skoleudvalget", "12:34", "9", std::string("a\0b", 3),
                                             "\x1f\x1e\r\n", std::string(1000, 'x'), ""};
    std::string packed;
    for (const auto& f : fields) append_length_prefixed(packed, f);
    CHECK(packed.substr(0, 29) == "0:24:Børne- og Skoleudvalget");  // lengths in bytes: ø is two
    bool ok = false;
    CHECK(read_all(packed, ok) == fields);
    CHECK(ok);
    CHECK(read_all("", ok).empty());
    CHECK(ok);
}

TEST_CASE("length_prefixed: a text it did not write is malformed, not misread") {
    for (std::string bad : {"x", "3", "3:ab", ":abc", "-1:a", "2;ab", "1:a2", "99999999999999999999:a", "1:a+1:b"}) {
        bool ok = true;
        read_all(bad, ok);
        CHECK_FALSE(ok);
    }
}
