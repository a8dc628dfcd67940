// Users of `opfolg serve --auth FILE`: one line per user, "NAME:pbkdf2-sha256:ITERATIONS:SALT:HASH" (hex), made
// by `opfolg user add FILE NAME`. The iteration count is stored per line so it can be raised later.
#pragma once
#include <map>
#include <stdexcept>
#include <string>

namespace opfolg::web {

struct AuthError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// PBKDF2-HMAC-SHA256 with a fresh 16-byte salt: the text after "NAME:" in a users file.
std::string hash_password(const std::string& password);
// Constant-time comparison against a stored hash; false for any malformed hash.
bool verify_password(const std::string& password, const std::string& stored);

// Names: 1-64 bytes, no ':', no whitespace or control characters (UTF-8 letters are fine).
bool valid_user_name(const std::string& name);

using Users = std::map<std::string, std::string>;  // name -> stored hash
// Throws AuthError naming file and line for unreadable files and malformed lines.
Users load_users(const std::string& file);
// Adds or replaces NAME (atomic rewrite; a missing file is created). Returns true when NAME was new.
bool add_user(const std::string& file, const std::string& name, const std::string& password);

// "Basic dXNlcjpwdw==" -> user and password; false when the header is not Basic or not valid base64.
bool parse_basic_auth(const std::string& header, std::string& user, std::string& password);

}  // namespace opfolg::web
