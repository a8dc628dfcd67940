// PDF files read directly with poppler-cpp: the text of every page, in reading order.
#include "grammar/reader_detail.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <memory>

namespace opfolg::detail {

std::string pdf_to_text(std::string_view bytes) {
    std::vector<char> data(bytes.begin(), bytes.end());
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(data.data(), static_cast<int>(data.size())));
    if (!doc) throw ReadError("not a readable PDF file");
    if (doc->is_locked()) throw ReadError("the PDF file is encrypted");
    std::string text;
    for (int i = 0; i < doc->pages(); ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (!page) continue;
        poppler::byte_array utf8 = page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
        text.append(utf8.begin(), utf8.end());
        text += "\n\f\n";
    }
    return text;
}

}  // namespace opfolg::detail
