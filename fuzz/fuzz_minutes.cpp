// Fuzzes the reader and the minutes grammar: any bytes -> normalize_source -> parse_minutes.
// The contract: ReadError for bytes that are not text, otherwise a model with warnings; never a crash.
#include "grammar/minutes.hpp"
#include "grammar/vocabulary.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {
// A few rows of each kind (the harness has no rules/): phrases that share a start, one inside a remark, æøå.
const opfolg::Vocabulary& vocabulary() {
    static const opfolg::Vocabulary v = [] {
        using C = opfolg::DecisionClass;
        opfolg::Vocabulary v;
        v.add("godkendt", C::approved, "fuzz", 1);
        v.add("ikke godkendt", C::rejected, "fuzz", 2);
        v.add("udsættes", C::postponed, "fuzz", 3);
        v.add("genoptages på næste møde", C::postponed, "fuzz", 4);
        v.add("genoptages, hvis", C::none, "fuzz", 5);
        v.add("sendes tilbage til", C::returned, "fuzz", 6);
        v.add("med bemærkning om genoptagelse", C::new_case, "fuzz", 7);
        return v;
    }();
    return v;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        opfolg::SourceText source = opfolg::normalize_source(bytes, "fuzz.txt");
        opfolg::Minutes minutes = opfolg::parse_minutes(source, vocabulary());
        (void)minutes;
    } catch (const opfolg::ReadError&) {
        // expected for binary, empty or otherwise unreadable bytes
    }
    return 0;
}
