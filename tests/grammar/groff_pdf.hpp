// Test PDFs made at test time with groff (-Tpdf, Debian package "groff"): no binary fixture is committed.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

// Plain text -> roff source: no filling, no macros but a page footer ("Side N", page furniture the reader
// drops), so the PDF has several pages like a real one.
inline std::string to_roff(const std::string& text) {
    std::string out = ".pl 11i\n.ll 7i\n.po 0.7i\n.ps 9\n.vs 11\n.nf\n.ta 5i\n"
                      ".de FO\n'sp 0.3i\n.tl ''Side %''\n'bp\n..\n.wh -1i FO\n";
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        std::string escaped;
        for (char c : line) escaped += c == '\\' ? std::string("\\e") : std::string(1, c);
        if (!escaped.empty() && (escaped[0] == '.' || escaped[0] == '\'')) escaped = "\\&" + escaped;
        out += escaped + '\n';
    }
    return out;
}

inline bool groff_pdf_available() {
    return std::system("command -v groff >/dev/null 2>&1 && echo .nf | groff -Tpdf >/dev/null 2>&1") == 0;
}


// Writes `roff` to dir/name.roff and renders dir/name.pdf; false when groff fails (its messages in dir/groff.err).
inline bool groff_to_pdf(const std::filesystem::path& dir, const std::string& name, const std::string& roff) {
    std::filesystem::create_directories(dir);
    std::ofstream(dir / (name + ".roff"), std::ios::binary) << roff;
    const std::string cmd = "groff -Tpdf -K utf8 '" + (dir / (name + ".roff")).string() + "' > '" +
                            (dir / (name + ".pdf")).string() + "' 2>'" + (dir / "groff.err").string() + "'";
    return std::system(cmd.c_str()) == 0;
}
