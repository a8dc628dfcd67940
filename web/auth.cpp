#include "web/auth.hpp"
#include "web/hex.hpp"
#include "notifier/output.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace opfolg::web {

namespace {
// OWASP's 2023 figure for PBKDF2-HMAC-SHA256; a verification costs ~0.3 s of one core, so the server caches
// successful logins instead of lowering this.
constexpr int iterations = 600000;
constexpr int hash_bytes = 32;

std::vector<unsigned char> pbkdf2(const std::string& password, const std::vector<unsigned char>& salt, int rounds) {
    std::vector<unsigned char> out(hash_bytes);
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                          static_cast<int>(salt.size()), rounds, EVP_sha256(), hash_bytes, out.data()) != 1)
        throw AuthError("PBKDF2 failed");
    return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(s);
    while (std::getline(in, part, sep)) parts.push_back(part);
    if (!s.empty() && s.back() == sep) parts.emplace_back();
    return parts;
}
}  // namespace

std::string hash_password(const std::string& password) {
    std::vector<unsigned char> salt(16);
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) throw AuthError("no random bytes for a salt");
    const auto hash = pbkdf2(password, salt, iterations);
    return "pbkdf2-sha256:" + std::to_string(iterations) + ":" + to_hex(salt.data(), salt.size()) + ":" +
           to_hex(hash.data(), hash.size());
}

bool verify_password(const std::string& password, const std::string& stored) {
    const auto parts = split(stored, ':');
    if (parts.size() != 4 || parts[0] != "pbkdf2-sha256") return false;
    int rounds = 0;
    try {
        rounds = std::stoi(parts[1]);
    } catch (const std::exception&) {
        return false;
    }
    std::vector<unsigned char> salt, want;
    if (rounds < 1 || rounds > 10000000 || !from_hex(parts[2], salt) || !from_hex(parts[3], want) ||
        want.size() != hash_bytes)
        return false;
    const auto got = pbkdf2(password, salt, rounds);
    return CRYPTO_memcmp(got.data(), want.data(), hash_bytes) == 0;
}

bool valid_user_name(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    for (unsigned char c : name)
        if (c == ':' || c <= ' ' || c == 0x7f) return false;
    return true;
}

Users load_users(const std::string& file) {
    std::ifstream in(file);
    if (!in) throw AuthError("cannot read users file " + file);
    Users users;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#') continue;
        const auto colon = line.find(':');
        const std::string name = line.substr(0, colon);
        if (colon == std::string::npos || !valid_user_name(name) || split(line.substr(colon + 1), ':').size() != 4)
            throw AuthError(file + ":" + std::to_string(number) + ": not NAME:pbkdf2-sha256:ITERATIONS:SALT:HASH");
        users[name] = line.substr(colon + 1);
    }
    return users;
}

bool add_user(const std::string& file, const std::string& name, const std::string& password) {
    if (!valid_user_name(name)) throw AuthError("user name \"" + name + "\": 1-64 bytes, no ':' or spaces");
    if (password.empty()) throw AuthError("empty password");
    Users users;
    if (std::ifstream(file).good()) users = load_users(file);
    const bool added = users.count(name) == 0;
    users[name] = hash_password(password);
    std::string text = "# opfolg serve --auth: NAME:pbkdf2-sha256:ITERATIONS:SALT:HASH (opfolg user add)\n";
    for (const auto& [user, hash] : users) text += user + ":" + hash + "\n";
    notifier::write_atomically(file, text);
    return added;
}

bool parse_basic_auth(const std::string& header, std::string& user, std::string& password) {
    const std::string prefix = "Basic ";
    if (header.compare(0, prefix.size(), prefix) != 0) return false;
    const std::string encoded = header.substr(prefix.size());
    if (encoded.empty() || encoded.size() % 4 || encoded.size() > 1024) return false;
    std::vector<unsigned char> decoded(encoded.size() / 4 * 3 + 1);
    const int n = EVP_DecodeBlock(decoded.data(), reinterpret_cast<const unsigned char*>(encoded.data()),
                                  static_cast<int>(encoded.size()));
    if (n < 0) return false;
    std::size_t length = static_cast<std::size_t>(n);
    // EVP_DecodeBlock counts the '=' padding as zero bytes.
    for (std::size_t i = encoded.size(); i > 0 && encoded[i - 1] == '='; --i) --length;
    const std::string text(reinterpret_cast<const char*>(decoded.data()), length);
    const auto colon = text.find(':');
    if (colon == std::string::npos) return false;
    user = text.substr(0, colon);
    password = text.substr(colon + 1);
    return true;
}

}  // namespace opfolg::web
