// Shared input for the micro benchmarks: a generated corpus held in memory. OPFOLG_BENCH_CORPUS names a corpus
// folder (opfolg-gen output); without it one is generated next to the benchmark binary (fixed seed).
#pragma once
#include <string>
#include <vector>

namespace opfolg::bench {

struct Document {
    std::string path;
    std::string bytes;
    bool markdown = false;
};

struct Corpus {
    std::string dir;
    std::string as_of;  // YYYY-MM-DD, from the corpus' as_of file
    std::vector<Document> documents;
    std::size_t bytes(bool markdown) const;
};

const Corpus& corpus();  // loaded once
std::string temp_path(const std::string& name);  // a fresh path under /tmp, removed at exit

}  // namespace opfolg::bench
