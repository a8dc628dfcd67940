// Does a sentence promise future work (a presentation, status or new case)? Past facts do not count.
#pragma once
#include <string>
#include <string_view>

namespace opfolg {

// True when `sentence` contains a future-tense promise verb: forelægges, præsenteres, fremlægges, behandles,
// "gives en status(sag)", "bliver/vil blive præsenteret/forelagt/fremlagt/behandlet", "ny sag forelægges" ...
// `verb` receives the words that made it a promise.
bool find_promise(std::string_view sentence, std::string& verb);
// The same, for a sentence already lowercased with utf8_lower (find_deadlines lowers each sentence once).
bool find_promise_in_lower(std::string_view lower, std::string& verb);

}  // namespace opfolg
