// CSRF protection for the forms of `opfolg serve`: a random nonce in a SameSite=Strict cookie, and in each
// form the HMAC-SHA256 of that nonce under a secret drawn when the process starts. A POST is accepted only
// when its form token is the HMAC of its cookie's nonce, which another site can neither read nor compute.
#pragma once
#include <string>

namespace opfolg::web {

class Csrf {
public:
    Csrf();  // draws the per-process secret (throws when the system has no random bytes)
    static std::string new_nonce();                        // 32 hex digits
    static bool well_formed(const std::string& nonce);     // what a cookie must look like to be reused
    std::string token(const std::string& nonce) const;     // 64 hex digits
    bool valid(const std::string& nonce, const std::string& token) const;  // constant-time

private:
    std::string secret_;
};

}  // namespace opfolg::web
