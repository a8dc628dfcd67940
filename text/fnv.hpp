// FNV-1a 64: the stable, fast hash behind ids and fingerprints the store keeps (flag ids, the vocabulary's and
// the rule files' digests). Not cryptographic; stable across runs, machines and compilers, which std::hash is not.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace opfolg::text {

class Fnv1a64 {
public:
    Fnv1a64& add(std::string_view bytes) {
        for (unsigned char c : bytes) {
            h_ ^= c;
            h_ *= 0x100000001b3ULL;  // FNV prime
        }
        return *this;
    }
    // A byte that ends a field, so ("ab","c") and ("a","bc") differ.
    Fnv1a64& separate() {
        h_ ^= 0xff;
        h_ *= 0x100000001b3ULL;
        return *this;
    }
    std::uint64_t value() const { return h_; }
    std::string hex() const;  // 16 lower-case hex digits

private:
    std::uint64_t h_ = 0xcbf29ce484222325ULL;  // offset basis
};

}  // namespace opfolg::text
