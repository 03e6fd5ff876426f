#ifndef OKX_ANCHOR_CCURL_SHIM_H
#define OKX_ANCHOR_CCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic, which Swift cannot call.
// One typed wrapper per kind of argument.

static inline CURLcode anchor_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode anchor_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode anchor_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode anchor_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode anchor_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*anchor_curl_data_callback)(char *buffer, size_t size, size_t count, void *userdata);
typedef int (*anchor_curl_xferinfo_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow,
                                             curl_off_t ultotal, curl_off_t ulnow);
typedef int (*anchor_curl_sockopt_callback)(void *userdata, curl_socket_t fd, curlsocktype purpose);

static inline CURLcode anchor_curl_easy_setopt_data_callback(CURL *handle, CURLoption option,
                                                             anchor_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode anchor_curl_easy_setopt_xferinfo_callback(CURL *handle,
                                                                 anchor_curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

static inline CURLcode anchor_curl_easy_setopt_sockopt_callback(CURL *handle,
                                                                anchor_curl_sockopt_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_SOCKOPTFUNCTION, callback);
}

typedef int (*anchor_curl_prereq_callback)(void *userdata, char *primary_ip, char *local_ip, int primary_port,
                                           int local_port);

// Called once the connection is ready, just before the request is sent; again if curl means to resend it.
static inline CURLcode anchor_curl_easy_setopt_prereq_callback(CURL *handle, anchor_curl_prereq_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_PREREQFUNCTION, callback);
}

static inline CURLcode anchor_curl_global_init_default(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

enum {
    anchor_curl_error_size = CURL_ERROR_SIZE,
    anchor_curl_prereq_ok = CURL_PREREQFUNC_OK,
    anchor_curl_prereq_abort = CURL_PREREQFUNC_ABORT,
};

static inline CURLcode anchor_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode anchor_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode anchor_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode anchor_curl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

/* glibc's cap on malloc arenas (M_ARENA_MAX), for `MallocArenas.limit`; 0 where there is no such knob. */
#if defined(__GLIBC__)
#include <malloc.h>
static inline int anchor_limit_malloc_arenas(int count) {
    return mallopt(M_ARENA_MAX, count);
}
/* Gives the free pages of every arena back to the system (malloc_trim), for `MallocArenas.trim`. */
static inline int anchor_malloc_trim(void) {
    return malloc_trim(0);
}
#else
static inline int anchor_limit_malloc_arenas(int count) {
    (void)count;
    return 0;
}
static inline int anchor_malloc_trim(void) {
    return 0;
}
#endif

#endif
