// The generated corpus doubles as a correctness test: the flags opfolg raises on it are exactly the flags the
// generator wrote down (bench/gen.cpp). A few dozen documents keep this within a couple of seconds.
#include "read_file.hpp"
#include "shell.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path kGen = fs::path(OPFOLG_BINARY).parent_path() / "opfolg-gen";

// stdout and stderr together.
shell::Output sh(const std::string& command) { return shell::run(command + " 2>&1 </dev/null"); }

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

using testfs::read_file;

using FlagKey = std::tuple<std::string, std::string, std::string, int, std::string>;  // rule committee date item due

std::vector<std::string> split(const std::string& line, char sep) {
    // CSV fields may be quoted ("a, b" and "" for a quote); TSV fields never are.
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (sep == ',' && c == '"') {
            if (quoted && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else {
                quoted = !quoted;
            }
        } else if (c == sep && !quoted) {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

std::set<FlagKey> expected_flags(const fs::path& tsv) {
    std::set<FlagKey> flags;
    std::istringstream in(read_file(tsv));
    std::string line;
    std::getline(in, line);
    REQUIRE(line == "rule\tcommittee\tmeeting_date\titem_number\tdue");
    while (std::getline(in, line)) {
        auto f = split(line, '\t');
        REQUIRE(f.size() == 5);
        flags.insert({f[0], f[1], f[2], std::stoi(f[3]), f[4]});
    }
    return flags;
}

std::set<FlagKey> reported_flags(const std::string& csv) {
    std::set<FlagKey> flags;
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    auto head = split(line, ',');
    auto column = [&](const std::string& name) {
        for (std::size_t i = 0; i < head.size(); ++i)
            if (head[i] == name) return i;
        FAIL("no column " << name << " in: " << line);
        return std::size_t{0};
    };
    const auto rule = column("rule"), committee = column("committee"), date = column("meeting_date"),
               item = column("item_number"), due = column("due");
    while (std::getline(in, line)) {
        auto f = split(line, ',');
        REQUIRE(f.size() == head.size());
        flags.insert({f[rule], f[committee], f[date], std::stoi(f[item]), f[due]});
    }
    return flags;
}

struct TempDir {
    fs::path path;
    TempDir() {
        char pattern[] = "/tmp/opfolg-corpus-XXXXXX";
        path = ::mkdtemp(pattern);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

}  // namespace

TEST_CASE("opfolg-gen is deterministic for a seed and varies with it", "[bench][corpus]") {
    REQUIRE(fs::exists(kGen));
    TempDir a, b, c;
    const std::string args = " --municipalities 1 --committees 2 --years 1 --first-year 2019";
    REQUIRE(sh(q(kGen) + " --out " + q(a.path) + args + " --seed 11").status == 0);
    REQUIRE(sh(q(kGen) + " --out " + q(b.path) + args + " --seed 11").status == 0);
    REQUIRE(sh(q(kGen) + " --out " + q(c.path) + args + " --seed 12").status == 0);
    std::size_t files = 0, differing = 0;
    for (const auto& e : fs::recursive_directory_iterator(a.path)) {
        if (!e.is_regular_file()) continue;
        const auto rel = fs::relative(e.path(), a.path);
        ++files;
        CHECK(read_file(e.path()) == read_file(b.path / rel));
        if (!fs::exists(c.path / rel) || read_file(e.path()) != read_file(c.path / rel)) ++differing;
    }
    CHECK(files == 22 + 3);  // 2 committees x 11 meetings, committees.conf, expected_flags.tsv, as_of
    CHECK(differing > 10);
}

TEST_CASE("opfolg's flags on a generated corpus are the generator's expected flags", "[bench][corpus]") {
    REQUIRE(fs::exists(kGen));
    TempDir dir;
    const fs::path corpus = dir.path / "corpus", db = dir.path / "corpus.db";
    // Two municipalities (committee names carry the municipality), two committees, two years: 88 documents.
    auto gen = sh(q(kGen) + " --out " + q(corpus) + " --municipalities 2 --committees 2 --years 2 --seed 3");
    REQUIRE(gen.status == 0);
    INFO(gen.out);

    // The corpus exercises both renderings and Latin-1 files.
    int markdown = 0, latin1 = 0, plain = 0;
    for (const auto& e : fs::recursive_directory_iterator(corpus)) {
        const auto ext = e.path().extension();
        if (ext == ".md") ++markdown;
        if (ext != ".txt") continue;
        ++plain;
        const auto text = read_file(e.path());
        if (text.find("\xC3\xB8") == std::string::npos && text.find('\xF8') != std::string::npos) ++latin1;
    }
    CHECK(markdown + plain == 88);
    CHECK(markdown > 10);
    CHECK(latin1 >= 2);  // 15 % of the plain files: a few in 88 documents

    auto ingest = sh(q(OPFOLG_BINARY) + " ingest -q --db " + q(db) + " --committees " + q(corpus / "committees.conf") +
                     " " + q(corpus));
    INFO(ingest.out);
    REQUIRE(ingest.status == 0);
    CHECK(ingest.out.rfind("ingested 88 of 88 documents (0 unchanged, 0 replaced, 0 rejected)", 0) == 0);

    std::string as_of = read_file(corpus / "as_of");
    as_of = as_of.substr(0, 10);
    auto report = sh(q(OPFOLG_BINARY) + " report --db " + q(db) + " --as-of " + as_of + " --format csv");
    REQUIRE(report.status == 0);

    const auto expected = expected_flags(corpus / "expected_flags.tsv");
    const auto got = reported_flags(report.out);
    REQUIRE(expected.size() > 50);
    std::set<std::string> rules;
    for (const auto& f : expected) rules.insert(std::get<0>(f));
    CHECK(rules.size() == 3);  // every default rule fires somewhere

    std::vector<FlagKey> missing, extra;
    for (const auto& f : expected)
        if (!got.count(f)) missing.push_back(f);
    for (const auto& f : got)
        if (!expected.count(f)) extra.push_back(f);
    auto show = [](const std::vector<FlagKey>& v) {
        std::string s;
        for (std::size_t i = 0; i < v.size() && i < 10; ++i)
            s += std::get<0>(v[i]) + " " + std::get<1>(v[i]) + " " + std::get<2>(v[i]) + " punkt " +
                 std::to_string(std::get<3>(v[i])) + " due " + std::get<4>(v[i]) + "\n";
        return s;
    };
    INFO("missing:\n" << show(missing) << "extra:\n" << show(extra));
    CHECK(missing.empty());
    CHECK(extra.empty());

    // Ingesting the same folder again stores nothing and raises the same flags.
    auto again = sh(q(OPFOLG_BINARY) + " ingest -q --db " + q(db) + " " + q(corpus));
    CHECK(again.out.rfind("ingested 0 of 88 documents (88 unchanged", 0) == 0);
    CHECK(reported_flags(sh(q(OPFOLG_BINARY) + " report --db " + q(db) + " --as-of " + as_of + " --format csv").out) ==
          got);
}
