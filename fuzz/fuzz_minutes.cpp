// Fuzzes the reader and the minutes grammar: any bytes -> normalize_source -> parse_minutes.
// The contract: ReadError for bytes that are not text, otherwise a model with warnings; never a crash.
#include "grammar/minutes.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        opfolg::SourceText source = opfolg::normalize_source(bytes, "fuzz.txt");
        opfolg::Minutes minutes = opfolg::parse_minutes(source);
        (void)minutes;
    } catch (const opfolg::ReadError&) {
        // expected for binary, empty or otherwise unreadable bytes
    }
    return 0;
}
