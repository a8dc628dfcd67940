/* The C interface of libopfolg_fetch.so: one HTTP(S) GET with libcurl (see grammar/plugin.hpp for why libcurl
   lives in a module). */
#pragma once
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct opfolg_fetch_request {
    const char* url;               /* http:// or https:// only; redirects may not leave these schemes */
    const char* if_none_match;     /* NULL or empty: not sent */
    const char* if_modified_since; /* an HTTP date as the server sent it; NULL or empty: not sent */
    long timeout_seconds;          /* whole request */
    long max_redirects;
    long long max_bytes;           /* larger bodies fail */
    int fd;                        /* the body of a 200 response is written here; other bodies are dropped */
};

struct opfolg_fetch_response {
    long status;              /* final HTTP status, 0 when none was received */
    char status_line[128];    /* e.g. "HTTP/1.1 404 Not Found" */
    char etag[256];           /* validators of the final response, empty when absent */
    char last_modified[64];
    char content_type[128];   /* of the final response, empty when absent */
    long long bytes;          /* body bytes written to fd */
};

/* Not thread-safe: requests share one connection cache. Returns 0 when a response was received (any status); otherwise writes the reason into `error`
   (NUL-terminated, at most error_size bytes) and returns curl's error code. */
int opfolg_fetch_get(const struct opfolg_fetch_request* request, struct opfolg_fetch_response* response,
                     char* error, size_t error_size);

#ifdef __cplusplus
}
#endif
