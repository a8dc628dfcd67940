// Where each JSON value stands: a map from a value's path ("Dagsordenpunkter/3/Felter/0/Html") to its 1-based
// line in the file. nlohmann-json decodes the values but keeps no positions; provenance needs them. Only values
// at most 8 levels deep are recorded (FirstAgenda's deepest path of interest has 5).
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>

namespace opfolg::detail {

class JsonLines {
public:
    explicit JsonLines(std::string_view json);
    // The line of the value at `path`; `fallback` when the path was not seen.
    int line(const std::string& path, int fallback = 1) const;

private:
    std::unordered_map<std::string, int> lines_;
};

}  // namespace opfolg::detail
