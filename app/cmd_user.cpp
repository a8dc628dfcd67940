// opfolg user add FILE NAME: adds (or changes the password of) a user of `opfolg serve --auth FILE`. The password
// is read from the terminal without echo, or as one line from stdin when that is not a terminal.
#include "app/commands.hpp"
#include "app/pipeline.hpp"
#include "web/auth.hpp"

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace opfolg::app {

namespace {
std::string read_password(const char* prompt) {
    const bool tty = isatty(STDIN_FILENO);
    termios saved{};
    if (tty) {
        std::cerr << prompt << std::flush;
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::cerr << '\n';
    }
    if (!got || line.empty()) throw UsageError("user add: no password given");
    return line;
}
}  // namespace

void register_user_commands(CLI::App& app, Commands& out) {
    struct Options { std::string file, name; };
    auto o = std::make_shared<Options>();
    auto* user = app.add_subcommand("user", "users of `opfolg serve --auth`");
    auto* add = user->add_subcommand("add", "add a user, or set a new password (read from stdin)");
    add->add_option("file", o->file, "users file (created when missing)")->required();
    add->add_option("name", o->name, "user name (no ':' or spaces)")->required();
    out.push_back({add, [o] {
        if (!web::valid_user_name(o->name)) throw UsageError("user name \"" + o->name + "\": 1-64 bytes, no ':' or spaces");
        const std::string password = read_password("Adgangskode: ");
        if (isatty(STDIN_FILENO) && read_password("Gentag adgangskode: ") != password)
            throw UsageError("user add: the passwords differ");
        bool added = false;
        try {
            added = web::add_user(o->file, o->name, password);
        } catch (const web::AuthError& e) {
            throw UsageError(e.what());
        }
        std::cout << (added ? "added " : "changed password of ") << o->name << " in " << o->file << '\n';
        return static_cast<int>(exit_ok);
    }});
}

}  // namespace opfolg::app
