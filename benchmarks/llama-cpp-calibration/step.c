// The decode-step floor: how long one llama.cpp decode step of one token takes when its arithmetic is negligible,
// on the shared libraries node-llama-cpp 3.21.1 ships for linux-x64, CPU backend.
//
//   step BIN_DIR MODEL.gguf THREADS STEPS
//
// Loads the model, creates a 2,048-token context (one sequence, n_batch and n_ubatch 512 as in measure.c), decodes an
// 8-token prompt and then STEPS single-token steps, timing each llama_decode call (logits for the token, as a
// generation step asks). Prints one JSON line: the median, the 10th percentile and the lowest step time in microseconds and the graph's
// node count that llama.cpp logged.
#include "llama_dl.h"

static int by_value(const void *a, const void *b) { double x = *(const double *) a, y = *(const double *) b; return (x > y) - (x < y); }

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: step BIN_DIR MODEL THREADS STEPS\n"); return 2; }
    const char *bins = argv[1], *model_path = argv[2];
    int threads = atoi(argv[3]), steps = atoi(argv[4]);
    if (steps < 1 || steps > 1500) { fprintf(stderr, "STEPS must be 1..1500 (the context holds 2,048 tokens)\n"); return 2; }

    void *ggml, *llama;
    load_libraries(bins, &ggml, &llama);
    FN(ggml, ggml_backend_load_all_from_path);
    FN(llama, llama_log_set); FN(llama, llama_backend_init); FN(llama, llama_model_default_params);
    FN(llama, llama_model_load_from_file); FN(llama, llama_context_default_params); FN(llama, llama_init_from_model);
    FN(llama, llama_batch_init); FN(llama, llama_decode);

    p_llama_log_set(on_log, NULL);
    p_ggml_backend_load_all_from_path(bins);
    p_llama_backend_init();
    struct llama_model *model = p_llama_model_load_from_file(model_path, p_llama_model_default_params());
    if (!model) { fprintf(stderr, "%s", logbuf); return 4; }
    struct llama_context_params cp = p_llama_context_default_params();
    cp.n_ctx = 2048;
    cp.n_batch = cp.n_ubatch = 512;
    cp.n_threads = cp.n_threads_batch = threads;
    struct llama_context *ctx = p_llama_init_from_model(model, cp);
    if (!ctx) { fprintf(stderr, "%s", logbuf); return 5; }

    struct llama_batch batch = p_llama_batch_init(8, 0, 1);
    batch.n_tokens = 8;
    for (int i = 0; i < 8; i++) {
        batch.token[i] = 10 + i; batch.pos[i] = i; batch.n_seq_id[i] = 1; batch.seq_id[i][0] = 0; batch.logits[i] = i == 7;
    }
    if (p_llama_decode(ctx, batch) != 0) { fprintf(stderr, "decode failed\n%s", logbuf); return 6; }
    double *t = malloc(sizeof(double) * steps);
    for (int s = 0; s < steps; s++) {
        batch.n_tokens = 1;
        batch.token[0] = 10 + s % 200; batch.pos[0] = 8 + s; batch.n_seq_id[0] = 1; batch.seq_id[0][0] = 0; batch.logits[0] = 1;
        double t0 = now();
        if (p_llama_decode(ctx, batch) != 0) { fprintf(stderr, "decode failed\n%s", logbuf); return 6; }
        t[s] = (now() - t0) * 1e6;
    }
    qsort(t, steps, sizeof(double), by_value);
    const char *nodes = strstr(logbuf, "graph nodes");
    printf("{\"medianMicros\":%.1f,\"p10Micros\":%.1f,\"lowestMicros\":%.1f,\"graphNodes\":%d,\"threads\":%d,\"steps\":%d}\n",
           t[steps / 2], t[steps / 10], t[0], nodes ? atoi(strchr(nodes, '=') + 1) : -1, threads, steps);
    return 0;
}
