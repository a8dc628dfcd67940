// libopfolg_pdf.so: the only code that touches poppler-cpp (see grammar/plugin.hpp for why it is a module).
#include "grammar/pdf_module/pdf_module.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <cstdio>
#include <memory>
#include <vector>

extern "C" int opfolg_pdf_pages(const char* data, size_t size, opfolg_pdf_page_fn page, void* context, char* error,
                                size_t error_size) {
    try {
        // poppler writes its parser complaints to stderr; the caller reports one line per rejected file instead.
        static const bool quiet = (poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr), true);
        (void)quiet;
        // poppler keeps a pointer to the buffer and may not be handed a const one.
        std::vector<char> copy(data, data + size);
        std::unique_ptr<poppler::document> doc(
            poppler::document::load_from_raw_data(copy.data(), static_cast<int>(copy.size())));
        if (!doc) {
            std::snprintf(error, error_size, "not a readable PDF file");
            return 1;
        }
        if (doc->is_locked()) {
            std::snprintf(error, error_size, "the PDF file is encrypted");
            return 2;
        }
        for (int i = 0; i < doc->pages(); ++i) {
            std::unique_ptr<poppler::page> p(doc->create_page(i));
            if (!p) continue;
            poppler::byte_array utf8 = p->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
            page(context, utf8.data(), utf8.size());
        }
        return 0;
    } catch (const std::exception& e) {
        std::snprintf(error, error_size, "PDF: %s", e.what());
    } catch (...) {
        std::snprintf(error, error_size, "PDF: unknown error");
    }
    return 1;
}
