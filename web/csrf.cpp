#include "web/csrf.hpp"
#include "web/hex.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace opfolg::web {

namespace {
std::string random_hex(std::size_t bytes) {
    unsigned char buf[32];
    if (bytes > sizeof buf || RAND_bytes(buf, static_cast<int>(bytes)) != 1)
        throw std::runtime_error("no random bytes for a CSRF secret");
    return to_hex(buf, bytes);
}
}  // namespace

Csrf::Csrf() : secret_(random_hex(32)) {}

std::string Csrf::new_nonce() { return random_hex(16); }

bool Csrf::well_formed(const std::string& nonce) {
    if (nonce.size() != 32) return false;
    for (char c : nonce)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

std::string Csrf::token(const std::string& nonce) const {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
         reinterpret_cast<const unsigned char*>(nonce.data()), nonce.size(), mac, &length);
    return to_hex(mac, length);
}

bool Csrf::valid(const std::string& nonce, const std::string& token) const {
    if (!well_formed(nonce)) return false;
    const std::string want = this->token(nonce);
    return token.size() == want.size() && CRYPTO_memcmp(token.data(), want.data(), want.size()) == 0;
}

}  // namespace opfolg::web
