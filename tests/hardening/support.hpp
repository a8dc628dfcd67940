// Shared by the hardening tests: a temp folder, generated minutes (our own template text), running the opfolg
// binary with a time bound or in the background, and reading the store directly with SQLite.
#pragma once
#include "read_file.hpp"
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace hard {

namespace fs = std::filesystem;

// Generous bound for one command; sanitizer builds are several times slower than Release.
constexpr int time_bound_seconds = 180;

struct TempDir {
    fs::path path;
    TempDir() {
        std::random_device rd;
        path = fs::temp_directory_path() / ("opfolg-hard-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string file(const std::string& name, const std::string& content) const {
        auto p = path / name;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << content;
        return p.string();
    }
    std::string db() const { return (path / "test.db").string(); }
};

inline std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

struct Result {
    int status = -1;     // exit status; 124 = killed by `timeout`, -1 = died on a signal
    std::string out, err;
    double seconds = 0;
};

using testfs::read_file;

// `opfolg ARGS` under `timeout`, so a hang fails the test instead of stalling CI. `prefix` goes before
// `timeout` (e.g. "setpriv ... --").
inline Result run(const std::string& args, int bound = time_bound_seconds, const std::string& prefix = "") {
    static int counter = 0;
    const std::string base = "/tmp/opfolg-hard-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    const std::string command = prefix + " timeout -s KILL " + std::to_string(bound) + " " + quote(OPFOLG_BINARY) +
                                " " + args + " >" + base + ".out 2>" + base + ".err </dev/null";
    const auto start = std::chrono::steady_clock::now();
    const int status = std::system(command.c_str());
    Result r;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (r.status == 137) r.status = 124;  // timeout -s KILL reports 128+9
    r.out = read_file(base + ".out");
    r.err = read_file(base + ".err");
    std::remove((base + ".out").c_str());
    std::remove((base + ".err").c_str());
    return r;
}

// opfolg started in the background with posix_spawn; output goes to files so it can be read after the end.
struct Background {
    pid_t pid = -1;
    std::string out_file, err_file;
    int status = -1;  // exit status after wait(); -1 when it died on a signal
    int signal = 0;

    Background(const std::vector<std::string>& args, const std::string& base) : out_file(base + ".out"),
                                                                                 err_file(base + ".err") {
        std::vector<std::string> argv_s{OPFOLG_BINARY};
        argv_s.insert(argv_s.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : argv_s) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid = -1;
        posix_spawn_file_actions_destroy(&actions);
    }
    void kill_now() {
        if (pid > 0) ::kill(pid, SIGKILL);
    }
    void wait() {
        if (pid <= 0) return;
        int st = 0;
        while (::waitpid(pid, &st, 0) < 0 && errno == EINTR) {
        }
        pid = -1;
        if (WIFEXITED(st)) status = WEXITSTATUS(st);
        if (WIFSIGNALED(st)) signal = WTERMSIG(st);
    }
    // Waits at most `seconds`; kills the process (and reports false) when it takes longer.
    bool wait_for(double seconds) {
        const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (pid > 0) {
            int st = 0;
            pid_t r = ::waitpid(pid, &st, WNOHANG);
            if (r == pid) {
                pid = -1;
                if (WIFEXITED(st)) status = WEXITSTATUS(st);
                if (WIFSIGNALED(st)) signal = WTERMSIG(st);
                return true;
            }
            if (std::chrono::steady_clock::now() > end) {
                kill_now();
                wait();
                return false;
            }
            ::usleep(10000);
        }
        return true;
    }
    std::string out() const { return read_file(out_file); }
    std::string err() const { return read_file(err_file); }
    ~Background() {
        kill_now();
        wait();
        std::remove(out_file.c_str());
        std::remove(err_file.c_str());
    }
};

// Read access to a store for checks, independent of the tracker library.
struct Db {
    sqlite3* db = nullptr;
    explicit Db(const std::string& path) {
        REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
        sqlite3_busy_timeout(db, 60000);
    }
    ~Db() { sqlite3_close(db); }
    // Rows of a query, every column as text ("" for NULL).
    std::vector<std::vector<std::string>> rows(const std::string& sql) const {
        sqlite3_stmt* st = nullptr;
        std::vector<std::vector<std::string>> out;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
            FAIL("SQL: " << sqlite3_errmsg(db) << " in " << sql);
        }
        while (sqlite3_step(st) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i < sqlite3_column_count(st); ++i) {
                auto* t = sqlite3_column_text(st, i);
                row.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
            }
            out.push_back(std::move(row));
        }
        sqlite3_finalize(st);
        return out;
    }
    std::string one(const std::string& sql) const {
        auto r = rows(sql);
        return r.empty() || r[0].empty() ? "" : r[0][0];
    }
};

// ---- generated minutes -------------------------------------------------------------------------------------

inline const char* month_name(unsigned m) {
    static const char* names[] = {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
                                  "september", "oktober", "november", "december"};
    return names[(m - 1) % 12];
}

// Document k of a generated set: a committee (one of three), a unique date and 3..8 items, each with a case
// number, a body with a time phrase, and a decision; item 1 refers back to the committee's previous meeting.
struct Doc {
    std::string committee;
    int year = 2020, month = 1, day = 1;
    int items = 0;
    std::string iso() const {
        char b[16];
        std::snprintf(b, sizeof b, "%04d-%02d-%02d", year, month, day);
        return b;
    }
    std::string dmy() const {
        char b[16];
        std::snprintf(b, sizeof b, "%02d-%02d-%04d", day, month, year);
        return b;
    }
};

inline Doc doc_spec(int k) {
    static const char* committees[] = {"Vej- og Parkudvalget", "Ældre- og Sundhedsudvalget",
                                       "Skole- og Børneudvalget"};
    Doc d;
    d.committee = committees[k % 3];
    // Meetings of one committee a month apart: k/3 months after January 2018, day 2..27.
    const int month_index = k / 3;
    d.year = 2018 + month_index / 12;
    d.month = month_index % 12 + 1;
    d.day = 2 + (k * 7) % 26;
    d.items = 3 + k % 6;
    return d;
}

inline std::string doc_text(int k) {
    const Doc d = doc_spec(k);
    std::string s = "REFERAT " + d.committee + " d. " + d.dmy() + "\n\nMødedato Onsdag d. " + std::to_string(d.day) +
                    ". " + month_name(d.month) + " " + std::to_string(d.year) + " kl. 15:00\n\n" +
                    "Mødested Byrådssalen\n\nMødedeltagere Karen Holm (A), Per Dahl (V), Søren Bæk (F)\n\n";
    static const char* decisions[] = {"Godkendt.", "Taget til efterretning.", "Udsættes til næste møde.",
                                      "Forvaltningen undersøger sagen nærmere.", "Anbefales over for Byrådet."};
    for (int i = 1; i <= d.items; ++i) {
        s += "Punkt " + std::to_string(i) + ": Sag nummer " + std::to_string(i) + " om stier og pladser i område " +
             std::to_string(k) + "\n\n";
        s += "05.01.0" + std::to_string(i) + "-G01-" + std::to_string(k + 1) + "-18\n\n";
        if (i == 1 && k >= 3) {
            const Doc prev = doc_spec(k - 3);
            s += "Tidligere behandling\n\n" + prev.committee + " den " + std::to_string(prev.day) + ". " +
                 month_name(prev.month) + " " + std::to_string(prev.year) + " Punkt 1\n\n";
        }
        s += "Sagsfremstilling\n\nForvaltningen har set på området og vender tilbage med en plan i " +
             std::string(month_name(d.month % 12 + 1)) + " " + std::to_string(d.year + 1) +
             ". Borgerne er hørt, og høringssvarene er samlet i et notat.\n\n";
        s += "Indstilling\n\nForvaltningen indstiller, at udvalget drøfter sagen.\n\n";
        s += "Beslutning\n\n" + std::string(decisions[(k + i) % 5]) + "\n\n";
    }
    return s;
}

inline std::string doc_name(int k) {
    char b[64];
    std::snprintf(b, sizeof b, "referat-%04d.txt", k);
    return b;
}

// Writes documents 0..n-1 into `dir`.
inline void write_docs(const fs::path& dir, int n) {
    fs::create_directories(dir);
    for (int k = 0; k < n; ++k) std::ofstream(dir / doc_name(k), std::ios::binary) << doc_text(k);
}

// Checks the store holds each of documents 0..n-1 either completely or not at all; returns how many are stored.
// A document counts as complete when its meeting row, all its items and one decision per item are there.
inline int check_all_or_nothing(const Db& db, int n) {
    CHECK(db.one("PRAGMA integrity_check") == "ok");
    CHECK(db.one("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                 "(SELECT 1 FROM meetings m WHERE m.document_id = d.id)") == "0");
    int stored = 0;
    for (int k = 0; k < n; ++k) {
        const Doc d = doc_spec(k);
        auto rows = db.rows("SELECT m.id, (SELECT count(*) FROM items i WHERE i.meeting_id = m.id), "
                            "(SELECT count(*) FROM decisions x JOIN items i ON x.item_id = i.id "
                            " WHERE i.meeting_id = m.id AND x.origin = 'minutes') "
                            "FROM meetings m WHERE m.date = '" + d.iso() + "'");
        if (rows.empty()) continue;
        INFO("document " << k << " (" << d.iso() << ")");
        CHECK(rows.size() == 1);
        CHECK(rows[0][1] == std::to_string(d.items));
        CHECK(rows[0][2] == std::to_string(d.items));
        ++stored;
    }
    return stored;
}

}  // namespace hard
