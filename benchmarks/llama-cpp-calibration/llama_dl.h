// What measure.c and step.c share: llama.cpp's shared libraries as node-llama-cpp 3.21.1 ships them for linux-x64,
// loaded by path at run time (so that a measurement can take its baseline before they are mapped), their functions
// looked up by name, and llama.cpp's log kept in a buffer for the figures it reports.
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "llama.h"
#include "ggml-backend.h"

static char logbuf[1 << 16];
static size_t loglen;
static void on_log(enum ggml_log_level level, const char *text, void *user) {
    (void) level; (void) user;
    size_t n = strlen(text);
    if (loglen + n < sizeof logbuf) { memcpy(logbuf + loglen, text, n); loglen += n; }
}

static void *sym(void *lib, const char *name) {
    void *p = dlsym(lib, name);
    if (!p) { fprintf(stderr, "missing %s\n", name); exit(3); }
    return p;
}
#define FN(lib, name) __typeof__(&name) p_##name = (__typeof__(&name)) sym(lib, #name)

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

// dlopens libggml-base, libggml and libllama from BIN_DIR; exits with 3 when one cannot be loaded
static void load_libraries(const char *bins, void **ggml, void **llama) {
    char path[4096];
    snprintf(path, sizeof path, "%s/libggml-base.so", bins);
    if (!dlopen(path, RTLD_NOW | RTLD_GLOBAL)) { fprintf(stderr, "%s\n", dlerror()); exit(3); }
    snprintf(path, sizeof path, "%s/libggml.v0.4.0.so", bins);
    *ggml = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
    snprintf(path, sizeof path, "%s/libllama.v0.4.0.so", bins);
    *llama = *ggml ? dlopen(path, RTLD_NOW | RTLD_GLOBAL) : NULL;
    if (!*llama) { fprintf(stderr, "%s\n", dlerror()); exit(3); }
}
