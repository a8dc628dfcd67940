/* The C interface of libopfolg_pdf.so (poppler-cpp): the text of each page of a PDF, in physical layout.
   A C interface so no C++ exception or allocator crosses the module boundary. */
#pragma once
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*opfolg_pdf_page_fn)(void* context, const char* utf8, size_t size);

/* Calls `page` once per page, in order. Returns 0 on success; otherwise writes a one-line reason into `error`
   (NUL-terminated, at most error_size bytes) and returns 1 (not a readable PDF) or 2 (encrypted). */
int opfolg_pdf_pages(const char* data, size_t size, opfolg_pdf_page_fn page, void* context, char* error,
                     size_t error_size);

#ifdef __cplusplus
}
#endif
