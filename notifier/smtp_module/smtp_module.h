/* The C interface of libopfolg_smtp.so (libcurl; see grammar/plugin.hpp for why it is a module). */
#pragma once
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct opfolg_smtp_request {
    const char* url;            /* smtp://host:port (STARTTLS when offered) or smtps://host:port */
    const char* user;           /* NULL or empty: no authentication */
    const char* password;
    long timeout_seconds;
    int require_tls;            /* 1: fail unless TLS is used */
    const char* from;           /* envelope sender, "<addr>" */
    const char* const* to;      /* envelope recipients, "<addr>" */
    size_t to_count;
    const char* message;        /* the whole RFC 5322 message, CRLF line ends */
    size_t message_size;
};

/* Returns 0 when the server accepted the message; otherwise writes curl's reason into `error`
   (NUL-terminated, at most error_size bytes) and returns curl's error code. */
int opfolg_smtp_send(const struct opfolg_smtp_request* request, char* error, size_t error_size);

#ifdef __cplusplus
}
#endif
