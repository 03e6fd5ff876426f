#ifndef OKX_ANCHOR_CCRYPTO_SHIM_H
#define OKX_ANCHOR_CCRYPTO_SHIM_H

#include <stddef.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

/// One-shot HMAC-SHA256. Writes 32 bytes to `out`; returns 1 on success, 0 on failure.
static inline int anchor_hmac_sha256(const void *key, int key_length, const unsigned char *message,
                                     size_t message_length, unsigned char *out) {
    unsigned int out_length = 0;
    unsigned char *result = HMAC(EVP_sha256(), key, key_length, message, message_length, out, &out_length);
    return (result != NULL && out_length == 32) ? 1 : 0;
}

#endif
