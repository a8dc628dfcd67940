#include "bench/bench_corpus.hpp"
#include "rules/ruleset.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace fs = std::filesystem;

namespace opfolg::bench {

namespace {
std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string self_dir() {
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string(".") : exe.parent_path().string();
}

struct Cleanup {
    std::vector<std::string> paths;
    ~Cleanup() {
        std::error_code ec;
        for (const auto& p : paths) fs::remove_all(p, ec);
    }
};
Cleanup cleanup;
}  // namespace

std::size_t Corpus::bytes(bool markdown_) const {
    std::size_t n = 0;
    for (const auto& d : documents)
        if (d.markdown == markdown_) n += d.bytes.size();
    return n;
}

std::string temp_path(const std::string& name) {
    std::string p = "/tmp/opfolg-bench-" + std::to_string(::getpid()) + "-" + name;
    std::error_code ec;
    fs::remove_all(p, ec);
    cleanup.paths.push_back(p);
    return p;
}

const Corpus& corpus() {
    static const Corpus loaded = [] {
        // Decisions are classified with the default rules' vocabulary, as the opfolg command does.
        rules::RuleSet ruleset;
        std::vector<rules::Diagnostic> diags;
        if (!rules::load_rules(OPFOLG_SOURCE_DIR "/rules/default.rules", ruleset, diags))
            throw std::runtime_error("cannot load " OPFOLG_SOURCE_DIR "/rules/default.rules");
        set_default_vocabulary(ruleset.vocabulary);
        Corpus c;
        if (const char* env = std::getenv("OPFOLG_BENCH_CORPUS")) {
            c.dir = env;
        } else {
            c.dir = temp_path("corpus");
            const std::string cmd = "'" + self_dir() + "/opfolg-gen' --out '" + c.dir +
                                    "' --municipalities 1 --committees 5 --years 2 --seed 1 >/dev/null";
            if (std::system(cmd.c_str()) != 0) throw std::runtime_error("cannot run opfolg-gen: " + cmd);
        }
        for (const auto& e : fs::recursive_directory_iterator(c.dir)) {
            const auto ext = e.path().extension().string();
            if (!e.is_regular_file() || (ext != ".txt" && ext != ".md")) continue;
            c.documents.push_back({e.path().string(), slurp(e.path()), ext == ".md"});
        }
        std::sort(c.documents.begin(), c.documents.end(),
                  [](const Document& a, const Document& b) { return a.path < b.path; });
        c.as_of = slurp(fs::path(c.dir) / "as_of").substr(0, 10);
        return c;
    }();
    return loaded;
}

}  // namespace opfolg::bench
