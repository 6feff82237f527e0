// One calibration cell: peak resident memory growth of llama.cpp (the shared libraries node-llama-cpp 3.21.1 ships
// for linux-x64) loading a GGUF model, creating a context and filling it.
//
//   measure BIN_DIR MODEL.gguf CONTEXT SEQUENCES REPACK(0|1) [N_BATCH N_UBATCH FLASH(-1 auto|0|1)]
//
// The process's baseline is taken before the libraries are loaded (dlopen), with VmHWM reset through
// /proc/self/clear_refs, so the growth includes llama.cpp's native libraries. Context and batch as llama-server and
// llama-cli set them (common/common.h): n_ctx = CONTEXT x SEQUENCES, n_seq_max = SEQUENCES, n_batch 2048, n_ubatch 512,
// flash attention auto, swa_full false, kv_unified false, mmap (load mode auto); REPACK sets use_extra_bufts (the
// CPU weight-repacking buffer type, llama-cli's --no-repack). Each sequence is filled with CONTEXT - 1 prompt tokens
// in n_batch chunks, then one generation step decodes a token for every sequence at once. Prints one JSON line.
#include "llama_dl.h"

static long status_kib(const char *field) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long value = -1;
    size_t n = strlen(field);
    while (f && fgets(line, sizeof line, f)) {
        if (strncmp(line, field, n) == 0 && line[n] == ':') {
            value = atol(line + n + 1);
        }
    }
    if (f) fclose(f);
    return value;
}

// sums "<what> ... = <x> MiB" lines of the log, in bytes
static double logged_mib(const char *what) {
    double sum = 0;
    for (char *p = strstr(logbuf, what); p; p = strstr(p + 1, what)) {
        char *eq = strchr(p, '=');
        char *nl = strchr(p, '\n');
        if (eq && (!nl || eq < nl)) sum += atof(eq + 1);
    }
    return sum;
}

int main(int argc, char **argv) {
    if (argc < 6) { fprintf(stderr, "usage: measure BIN_DIR MODEL CONTEXT SEQUENCES REPACK [N_BATCH N_UBATCH FLASH]\n"); return 2; }
    const char *bins = argv[1], *model_path = argv[2];
    int context = atoi(argv[3]), seqs = atoi(argv[4]), repack = atoi(argv[5]);
    int n_batch = argc > 6 ? atoi(argv[6]) : 2048, n_ubatch = argc > 7 ? atoi(argv[7]) : 512;
    int flash = argc > 8 ? atoi(argv[8]) : -1;

    FILE *clear = fopen("/proc/self/clear_refs", "w");
    if (!clear || fputs("5", clear) < 0 || fclose(clear) != 0) { fprintf(stderr, "cannot reset VmHWM\n"); return 2; }
    long base = status_kib("VmHWM");

    void *ggml, *llama;
    load_libraries(bins, &ggml, &llama);
    FN(ggml, ggml_backend_load_all_from_path);
    FN(llama, llama_log_set); FN(llama, llama_backend_init); FN(llama, llama_model_default_params);
    FN(llama, llama_model_load_from_file); FN(llama, llama_context_default_params); FN(llama, llama_init_from_model);
    FN(llama, llama_batch_init); FN(llama, llama_decode); FN(llama, llama_model_get_vocab);
    FN(llama, llama_vocab_n_tokens);

    p_llama_log_set(on_log, NULL);
    p_ggml_backend_load_all_from_path(bins);
    p_llama_backend_init();
    long libs = status_kib("VmHWM");

    double t0 = now();
    struct llama_model_params mp = p_llama_model_default_params();
    mp.use_extra_bufts = repack != 0;
    struct llama_model *model = p_llama_model_load_from_file(model_path, mp);
    if (!model) { fprintf(stderr, "%s", logbuf); return 4; }
    long loaded = status_kib("VmHWM");
    long loaded_rss = status_kib("VmRSS");

    struct llama_context_params cp = p_llama_context_default_params();
    cp.n_ctx = (uint32_t) context * seqs;
    cp.n_seq_max = seqs;
    cp.n_batch = n_batch;
    cp.n_ubatch = n_ubatch;
    cp.n_threads = cp.n_threads_batch = 2;
    cp.flash_attn_type = flash < 0 ? LLAMA_FLASH_ATTN_TYPE_AUTO : flash ? LLAMA_FLASH_ATTN_TYPE_ENABLED : LLAMA_FLASH_ATTN_TYPE_DISABLED;
    cp.swa_full = false;
    cp.kv_unified = false;
    struct llama_context *ctx = p_llama_init_from_model(model, cp);
    if (!ctx) { fprintf(stderr, "%s", logbuf); return 5; }
    long created = status_kib("VmHWM");

    int n_vocab = p_llama_vocab_n_tokens(p_llama_model_get_vocab(model));
    struct llama_batch batch = p_llama_batch_init(n_batch > seqs ? n_batch : seqs, 0, 1);
    unsigned seed = 12345;
    for (int s = 0; s < seqs; s++) {
        for (int pos = 0; pos < context - 1; ) {
            int n = context - 1 - pos < n_batch ? context - 1 - pos : n_batch;
            batch.n_tokens = n;
            for (int i = 0; i < n; i++) {
                seed = seed * 1103515245u + 12345u;
                batch.token[i] = (llama_token) ((seed >> 8) % (unsigned) n_vocab);
                batch.pos[i] = pos + i;
                batch.n_seq_id[i] = 1;
                batch.seq_id[i][0] = s;
                batch.logits[i] = pos + i == context - 2; // the prompt's last token gives logits
            }
            if (p_llama_decode(ctx, batch) != 0) { fprintf(stderr, "decode failed\n%s", logbuf); return 6; }
            pos += n;
        }
    }
    batch.n_tokens = seqs; // one generation step for every sequence at once
    for (int s = 0; s < seqs; s++) {
        batch.token[s] = 1; batch.pos[s] = context - 1; batch.n_seq_id[s] = 1; batch.seq_id[s][0] = s; batch.logits[s] = 1;
    }
    if (p_llama_decode(ctx, batch) != 0) { fprintf(stderr, "decode failed\n%s", logbuf); return 6; }
    long peak = status_kib("VmHWM");
    double t1 = now();

    printf("{\"baseKiB\":%ld,\"libsKiB\":%ld,\"loadedKiB\":%ld,\"loadedRssKiB\":%ld,\"createdKiB\":%ld,\"peakKiB\":%ld,"
           "\"kvMiB\":%.2f,\"computeMiB\":%.2f,\"outputMiB\":%.2f,\"mappedMiB\":%.2f,\"repackMiB\":%.2f,\"seconds\":%.1f,"
           "\"flash\":\"%s\"}\n",
           base, libs - base, loaded - base, loaded_rss - base, created - base, peak - base,
           logged_mib("KV buffer size"), logged_mib("compute buffer size"), logged_mib("output buffer size"),
           logged_mib("CPU_Mapped model buffer size"), logged_mib("CPU_REPACK model buffer size"), t1 - t0,
           strstr(logbuf, "Flash Attention enabled") ? "on" : "off");
    if (getenv("MEASURE_LOG")) fputs(logbuf, stderr);
    return 0; // the process exits here: freeing is not measured
}
