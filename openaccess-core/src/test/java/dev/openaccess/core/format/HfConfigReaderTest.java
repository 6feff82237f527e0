package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Architecture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parameter counts derived from configs must equal the counts published for the real models, exactly. The
 * configs are the public ones (Hugging Face model repositories), trimmed to the keys that shape the weights.
 */
class HfConfigReaderTest {

    private static final String PATH = "model/config.json";

    private static ModelFacts read(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new HfConfigReader().read(new ModelSource(PATH, bytes.length, () -> new ByteArrayInputStream(bytes)));
    }

    static final String GPT2 = """
            {"model_type": "gpt2", "vocab_size": 50257, "n_positions": 1024, "n_ctx": 1024, "n_embd": 768,
             "n_layer": 12, "n_head": 12, "architectures": ["GPT2LMHeadModel"]}""";
    static final String BERT_BASE = """
            {"model_type": "bert", "vocab_size": 30522, "hidden_size": 768, "num_hidden_layers": 12,
             "num_attention_heads": 12, "intermediate_size": 3072, "max_position_embeddings": 512,
             "type_vocab_size": 2, "torch_dtype": "float32"}""";
    static final String LLAMA_2_7B = """
            {"model_type": "llama", "vocab_size": 32000, "hidden_size": 4096, "intermediate_size": 11008,
             "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 32,
             "max_position_embeddings": 4096, "tie_word_embeddings": false, "torch_dtype": "float16"}""";
    static final String MISTRAL_7B = """
            {"model_type": "mistral", "vocab_size": 32000, "hidden_size": 4096, "intermediate_size": 14336,
             "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 8,
             "max_position_embeddings": 32768, "sliding_window": 4096, "tie_word_embeddings": false,
             "torch_dtype": "bfloat16"}""";
    static final String MIXTRAL_8X7B = """
            {"model_type": "mixtral", "vocab_size": 32000, "hidden_size": 4096, "intermediate_size": 14336,
             "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 8,
             "num_local_experts": 8, "num_experts_per_tok": 2, "max_position_embeddings": 32768,
             "sliding_window": null, "tie_word_embeddings": false, "torch_dtype": "bfloat16"}""";
    static final String OPT_175B = """
            {"model_type": "opt", "vocab_size": 50272, "hidden_size": 12288, "num_hidden_layers": 96,
             "num_attention_heads": 96, "ffn_dim": 49152, "max_position_embeddings": 2048,
             "word_embed_proj_dim": 12288, "do_layer_norm_before": true, "torch_dtype": "float16"}""";

    static final String LLAMA_3_1_8B = """
            {"model_type": "llama", "architectures": ["LlamaForCausalLM"], "vocab_size": 128256, "hidden_size": 4096,
             "intermediate_size": 14336, "num_hidden_layers": 32, "num_attention_heads": 32,
             "num_key_value_heads": 8, "max_position_embeddings": 131072, "attention_bias": false,
             "mlp_bias": false, "rope_theta": 500000.0, "tie_word_embeddings": false, "torch_dtype": "bfloat16"}""";
    static final String QWEN2_5_0_5B = """
            {"model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"], "vocab_size": 151936, "hidden_size": 896,
             "intermediate_size": 4864, "num_hidden_layers": 24, "num_attention_heads": 14,
             "num_key_value_heads": 2, "max_position_embeddings": 32768, "sliding_window": 32768,
             "use_sliding_window": false, "max_window_layers": 24, "tie_word_embeddings": true,
             "torch_dtype": "bfloat16"}""";
    static final String QWEN3_0_6B = """
            {"model_type": "qwen3", "architectures": ["Qwen3ForCausalLM"], "vocab_size": 151936, "hidden_size": 1024,
             "intermediate_size": 3072, "num_hidden_layers": 28, "num_attention_heads": 16,
             "num_key_value_heads": 8, "head_dim": 128, "max_position_embeddings": 40960, "attention_bias": false,
             "use_sliding_window": false, "sliding_window": null, "max_window_layers": 28,
             "tie_word_embeddings": true, "torch_dtype": "bfloat16"}""";
    static final String PHI_3_MINI = """
            {"model_type": "phi3", "architectures": ["Phi3ForCausalLM"], "vocab_size": 32064, "hidden_size": 3072,
             "intermediate_size": 8192, "num_hidden_layers": 32, "num_attention_heads": 32,
             "num_key_value_heads": 32, "max_position_embeddings": 4096, "original_max_position_embeddings": 4096,
             "sliding_window": 2047, "tie_word_embeddings": false, "torch_dtype": "bfloat16"}""";
    static final String QWEN1_5_MOE = """
            {"model_type": "qwen2_moe", "architectures": ["Qwen2MoeForCausalLM"], "vocab_size": 151936,
             "hidden_size": 2048, "intermediate_size": 5632, "moe_intermediate_size": 1408,
             "shared_expert_intermediate_size": 5632, "num_hidden_layers": 24, "num_attention_heads": 16,
             "num_key_value_heads": 16, "num_experts": 60, "num_experts_per_tok": 4, "decoder_sparse_step": 1,
             "max_position_embeddings": 8192, "max_window_layers": 21, "sliding_window": 32768,
             "use_sliding_window": false, "tie_word_embeddings": false, "torch_dtype": "bfloat16"}""";
    static final String QWEN3_30B_A3B = """
            {"model_type": "qwen3_moe", "architectures": ["Qwen3MoeForCausalLM"], "vocab_size": 151936,
             "hidden_size": 2048, "intermediate_size": 6144, "moe_intermediate_size": 768, "num_hidden_layers": 48,
             "num_attention_heads": 32, "num_key_value_heads": 4, "head_dim": 128, "num_experts": 128,
             "num_experts_per_tok": 8, "decoder_sparse_step": 1, "mlp_only_layers": [], "norm_topk_prob": true,
             "max_position_embeddings": 40960, "use_sliding_window": false, "tie_word_embeddings": false,
             "torch_dtype": "bfloat16"}""";
    static final String PHI_3_5_MOE = """
            {"model_type": "phimoe", "architectures": ["PhiMoEForCausalLM"], "vocab_size": 32064, "hidden_size": 4096,
             "intermediate_size": 6400, "num_hidden_layers": 32, "num_attention_heads": 32,
             "num_key_value_heads": 8, "num_local_experts": 16, "num_experts_per_tok": 2,
             "max_position_embeddings": 131072, "sliding_window": 131072, "attention_bias": true,
             "lm_head_bias": true, "tie_word_embeddings": false, "torch_dtype": "bfloat16"}""";
    static final String DEEPSEEK_V2_LITE = """
            {"model_type": "deepseek_v2", "architectures": ["DeepseekV2ForCausalLM"], "vocab_size": 102400,
             "hidden_size": 2048, "intermediate_size": 10944, "moe_intermediate_size": 1408, "num_hidden_layers": 27,
             "num_attention_heads": 16, "num_key_value_heads": 16, "n_shared_experts": 2, "n_routed_experts": 64,
             "num_experts_per_tok": 6, "first_k_dense_replace": 1, "moe_layer_freq": 1, "q_lora_rank": null,
             "kv_lora_rank": 512, "qk_nope_head_dim": 128, "qk_rope_head_dim": 64, "v_head_dim": 128,
             "topk_method": "greedy", "max_position_embeddings": 163840, "tie_word_embeddings": false,
             "torch_dtype": "bfloat16"}""";
    static final String DEEPSEEK_V3 = """
            {"model_type": "deepseek_v3", "architectures": ["DeepseekV3ForCausalLM"], "vocab_size": 129280,
             "hidden_size": 7168, "intermediate_size": 18432, "moe_intermediate_size": 2048, "num_hidden_layers": 61,
             "num_attention_heads": 128, "num_key_value_heads": 128, "n_shared_experts": 1, "n_routed_experts": 256,
             "num_experts_per_tok": 8, "first_k_dense_replace": 3, "moe_layer_freq": 1, "q_lora_rank": 1536,
             "kv_lora_rank": 512, "qk_nope_head_dim": 128, "qk_rope_head_dim": 64, "v_head_dim": 128,
             "topk_method": "noaux_tc", "n_group": 8, "topk_group": 4, "num_nextn_predict_layers": 1,
             "max_position_embeddings": 163840, "tie_word_embeddings": false, "torch_dtype": "bfloat16"}""";
    static final String GEMMA_2_2B = """
            {"model_type": "gemma2", "architectures": ["Gemma2ForCausalLM"], "vocab_size": 256000, "hidden_size": 2304,
             "intermediate_size": 9216, "num_hidden_layers": 26, "num_attention_heads": 8, "num_key_value_heads": 4,
             "head_dim": 256, "max_position_embeddings": 8192, "sliding_window": 4096, "attention_bias": false,
             "torch_dtype": "float32"}""";
    static final String GEMMA_3_1B = """
            {"model_type": "gemma3_text", "architectures": ["Gemma3ForCausalLM"], "vocab_size": 262144,
             "hidden_size": 1152, "intermediate_size": 6912, "num_hidden_layers": 26, "num_attention_heads": 4,
             "num_key_value_heads": 1, "head_dim": 256, "max_position_embeddings": 32768, "sliding_window": 512,
             "sliding_window_pattern": 6, "attention_bias": false, "torch_dtype": "bfloat16"}""";
    static final String PHI_2 = """
            {"model_type": "phi", "architectures": ["PhiForCausalLM"], "vocab_size": 51200, "hidden_size": 2560,
             "intermediate_size": 10240, "num_hidden_layers": 32, "num_attention_heads": 32,
             "num_key_value_heads": 32, "max_position_embeddings": 2048, "partial_rotary_factor": 0.4,
             "qk_layernorm": false, "tie_word_embeddings": false, "torch_dtype": "float16"}""";
    static final String FALCON_7B = """
            {"model_type": "falcon", "architectures": ["FalconForCausalLM"], "vocab_size": 65024, "hidden_size": 4544,
             "num_hidden_layers": 32, "num_attention_heads": 71, "multi_query": true, "parallel_attn": true,
             "new_decoder_architecture": false, "alibi": false, "bias": false, "torch_dtype": "bfloat16"}""";
    static final String PYTHIA_160M = """
            {"model_type": "gpt_neox", "architectures": ["GPTNeoXForCausalLM"], "vocab_size": 50304, "hidden_size": 768,
             "intermediate_size": 3072, "num_hidden_layers": 12, "num_attention_heads": 12,
             "max_position_embeddings": 2048, "rotary_pct": 0.25, "use_parallel_residual": true,
             "tie_word_embeddings": false, "torch_dtype": "float16"}""";
    static final String GPT_J_6B = """
            {"model_type": "gptj", "architectures": ["GPTJForCausalLM"], "vocab_size": 50400, "n_positions": 2048,
             "n_embd": 4096, "n_layer": 28, "n_head": 16, "rotary_dim": 64, "n_inner": null,
             "tie_word_embeddings": false}""";
    static final String BLOOM_560M = """
            {"model_type": "bloom", "architectures": ["BloomForCausalLM"], "vocab_size": 250880, "n_embed": 1024,
             "n_layer": 24, "num_attention_heads": 16}""";
    static final String ROBERTA_BASE = """
            {"model_type": "roberta", "architectures": ["RobertaForMaskedLM"], "vocab_size": 50265, "hidden_size": 768,
             "num_hidden_layers": 12, "num_attention_heads": 12, "intermediate_size": 3072,
             "max_position_embeddings": 514, "type_vocab_size": 1, "pad_token_id": 1}""";
    static final String DISTILBERT = """
            {"model_type": "distilbert", "architectures": ["DistilBertForMaskedLM"], "vocab_size": 30522,
             "max_position_embeddings": 512, "sinusoidal_pos_embds": false, "n_layers": 6, "n_heads": 12, "dim": 768,
             "hidden_dim": 3072}""";
    static final String T5_SMALL = """
            {"model_type": "t5", "architectures": ["T5ForConditionalGeneration"], "vocab_size": 32128, "d_model": 512,
             "d_kv": 64, "d_ff": 2048, "num_layers": 6, "num_heads": 8, "n_positions": 512,
             "relative_attention_num_buckets": 32}""";
    static final String FLAN_T5_SMALL = """
            {"model_type": "t5", "architectures": ["T5ForConditionalGeneration"], "vocab_size": 32128, "d_model": 512,
             "d_kv": 64, "d_ff": 1024, "num_layers": 8, "num_decoder_layers": 8, "num_heads": 6,
             "feed_forward_proj": "gated-gelu", "relative_attention_num_buckets": 32, "n_positions": 512,
             "tie_word_embeddings": false, "torch_dtype": "float32"}""";

    /**
     * Public models and their published parameter counts. Each config is the model's own {@code config.json} on the
     * Hugging Face hub, trimmed to the keys that shape the weights. Where a row says "hub count", the number is the
     * parameter total the Hugging Face hub reports for the repository's safetensors weights (its API's
     * {@code safetensors.total}, shown rounded on the model page as "Model size"; for a bf16 repository it is also the
     * index's {@code metadata.total_size} ÷ 2); several independent reports repeat each of those numbers exactly.
     * Other sources are named in the row. The first rows are transformers' {@code model.num_parameters()} as listed on
     * the models' Hugging Face pages and in their papers' appendices.
     */
    static Stream<Arguments> publishedCounts() {
        return Stream.concat(Stream.of(
                Arguments.of("gpt2 (GPT-2 small)", GPT2, 124_439_808L),
                Arguments.of("gpt2-medium", """
                        {"model_type": "gpt2", "vocab_size": 50257, "n_positions": 1024, "n_embd": 1024,
                         "n_layer": 24, "n_head": 16}""", 354_823_168L),
                Arguments.of("gpt2-xl", """
                        {"model_type": "gpt2", "vocab_size": 50257, "n_positions": 1024, "n_embd": 1600,
                         "n_layer": 48, "n_head": 25}""", 1_557_611_200L),
                Arguments.of("bert-base-uncased (BertModel with pooler)", BERT_BASE, 109_482_240L),
                Arguments.of("bert-large-uncased", """
                        {"model_type": "bert", "vocab_size": 30522, "hidden_size": 1024, "num_hidden_layers": 24,
                         "num_attention_heads": 16, "intermediate_size": 4096, "max_position_embeddings": 512,
                         "type_vocab_size": 2}""", 335_141_888L),
                Arguments.of("Llama-2-7b-hf", LLAMA_2_7B, 6_738_415_616L),
                Arguments.of("Llama-2-13b-hf", """
                        {"model_type": "llama", "vocab_size": 32000, "hidden_size": 5120, "intermediate_size": 13824,
                         "num_hidden_layers": 40, "num_attention_heads": 40, "num_key_value_heads": 40}""",
                        13_015_864_320L),
                Arguments.of("Llama-2-70b-hf (grouped-query attention, 8 KV heads)", """
                        {"model_type": "llama", "vocab_size": 32000, "hidden_size": 8192, "intermediate_size": 28672,
                         "num_hidden_layers": 80, "num_attention_heads": 64, "num_key_value_heads": 8}""",
                        68_976_648_192L),
                Arguments.of("Meta-Llama-3-8B", """
                        {"model_type": "llama", "vocab_size": 128256, "hidden_size": 4096, "intermediate_size": 14336,
                         "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 8,
                         "tie_word_embeddings": false}""", 8_030_261_248L),
                Arguments.of("Mistral-7B-v0.1", MISTRAL_7B, 7_241_732_096L),
                Arguments.of("Mixtral-8x7B-v0.1 (total)", MIXTRAL_8X7B, 46_702_792_704L),
                Arguments.of("Qwen2-0.5B (tied embeddings, q/k/v biases)", """
                        {"model_type": "qwen2", "vocab_size": 151936, "hidden_size": 896, "intermediate_size": 4864,
                         "num_hidden_layers": 24, "num_attention_heads": 14, "num_key_value_heads": 2,
                         "tie_word_embeddings": true, "sliding_window": 131072, "use_sliding_window": false}""",
                        494_032_768L),
                Arguments.of("opt-125m", """
                        {"model_type": "opt", "vocab_size": 50272, "hidden_size": 768, "num_hidden_layers": 12,
                         "num_attention_heads": 12, "ffn_dim": 3072, "max_position_embeddings": 2048,
                         "word_embed_proj_dim": 768, "do_layer_norm_before": true}""", 125_239_296L),
                Arguments.of("opt-350m (projected 512-wide embeddings, post-LayerNorm)", """
                        {"model_type": "opt", "vocab_size": 50272, "hidden_size": 1024, "num_hidden_layers": 24,
                         "num_attention_heads": 16, "ffn_dim": 4096, "max_position_embeddings": 2048,
                         "word_embed_proj_dim": 512, "do_layer_norm_before": false}""", 331_196_416L),
                Arguments.of("opt-1.3b", """
                        {"model_type": "opt", "vocab_size": 50272, "hidden_size": 2048, "num_hidden_layers": 24,
                         "num_attention_heads": 32, "ffn_dim": 8192, "max_position_embeddings": 2048}""",
                        1_315_758_080L)), Stream.of(
                // --- Llama layout ---
                Arguments.of("Llama-3.1-8B (hub count)", LLAMA_3_1_8B, 8_030_261_248L),
                Arguments.of("Llama-3.1-70B (hub count)", """
                        {"model_type": "llama", "architectures": ["LlamaForCausalLM"], "vocab_size": 128256,
                         "hidden_size": 8192, "intermediate_size": 28672, "num_hidden_layers": 80,
                         "num_attention_heads": 64, "num_key_value_heads": 8, "max_position_embeddings": 131072,
                         "attention_bias": false, "mlp_bias": false, "tie_word_embeddings": false,
                         "torch_dtype": "bfloat16"}""", 70_553_706_496L),
                Arguments.of("Llama-3.2-1B (tied embeddings, head_dim 64; hub count)", """
                        {"model_type": "llama", "architectures": ["LlamaForCausalLM"], "vocab_size": 128256,
                         "hidden_size": 2048, "intermediate_size": 8192, "num_hidden_layers": 16,
                         "num_attention_heads": 32, "num_key_value_heads": 8, "head_dim": 64,
                         "max_position_embeddings": 131072, "tie_word_embeddings": true, "torch_dtype": "bfloat16"}""",
                        1_235_814_400L),
                Arguments.of("Llama-3.2-3B (hub count)", """
                        {"model_type": "llama", "architectures": ["LlamaForCausalLM"], "vocab_size": 128256,
                         "hidden_size": 3072, "intermediate_size": 8192, "num_hidden_layers": 28,
                         "num_attention_heads": 24, "num_key_value_heads": 8, "head_dim": 128,
                         "max_position_embeddings": 131072, "tie_word_embeddings": true, "torch_dtype": "bfloat16"}""",
                        3_212_749_824L),
                Arguments.of("TinyLlama-1.1B-Chat-v1.0 (hub count)", """
                        {"model_type": "llama", "architectures": ["LlamaForCausalLM"], "vocab_size": 32000,
                         "hidden_size": 2048, "intermediate_size": 5632, "num_hidden_layers": 22,
                         "num_attention_heads": 32, "num_key_value_heads": 4, "max_position_embeddings": 2048,
                         "tie_word_embeddings": false, "torch_dtype": "bfloat16"}""", 1_100_048_384L),
                Arguments.of("SmolLM2-135M (tied; hub count)", """
                        {"model_type": "llama", "architectures": ["LlamaForCausalLM"], "vocab_size": 49152,
                         "hidden_size": 576, "intermediate_size": 1536, "num_hidden_layers": 30,
                         "num_attention_heads": 9, "num_key_value_heads": 3, "max_position_embeddings": 8192,
                         "tie_word_embeddings": true, "torch_dtype": "bfloat16"}""", 134_515_008L),
                Arguments.of("Mistral-7B-v0.3 (vocab 32768, no window; hub count)", """
                        {"model_type": "mistral", "architectures": ["MistralForCausalLM"], "vocab_size": 32768,
                         "hidden_size": 4096, "intermediate_size": 14336, "num_hidden_layers": 32,
                         "num_attention_heads": 32, "num_key_value_heads": 8, "max_position_embeddings": 32768,
                         "sliding_window": null, "tie_word_embeddings": false, "torch_dtype": "bfloat16"}""",
                        7_248_023_552L),
                Arguments.of("Qwen2.5-0.5B (hub count)", QWEN2_5_0_5B, 494_032_768L),
                Arguments.of("Qwen2.5-7B (hub count)", """
                        {"model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"], "vocab_size": 152064,
                         "hidden_size": 3584, "intermediate_size": 18944, "num_hidden_layers": 28,
                         "num_attention_heads": 28, "num_key_value_heads": 4, "max_position_embeddings": 131072,
                         "sliding_window": 131072, "use_sliding_window": false, "max_window_layers": 28,
                         "tie_word_embeddings": false, "torch_dtype": "bfloat16"}""", 7_615_616_512L),
                Arguments.of("Qwen3-0.6B (q/k norms, head_dim 128, tied; hub count)", QWEN3_0_6B, 596_049_920L),
                Arguments.of("Qwen3-8B (hub count)", """
                        {"model_type": "qwen3", "architectures": ["Qwen3ForCausalLM"], "vocab_size": 151936,
                         "hidden_size": 4096, "intermediate_size": 12288, "num_hidden_layers": 36,
                         "num_attention_heads": 32, "num_key_value_heads": 8, "head_dim": 128,
                         "max_position_embeddings": 40960, "attention_bias": false, "use_sliding_window": false,
                         "max_window_layers": 36, "tie_word_embeddings": false, "torch_dtype": "bfloat16"}""",
                        8_190_735_360L),
                Arguments.of("Phi-3-mini-4k-instruct (hub count)", PHI_3_MINI, 3_821_079_552L),
                Arguments.of("phi-4 (model_type phi3; hub count)", """
                        {"model_type": "phi3", "architectures": ["Phi3ForCausalLM"], "vocab_size": 100352,
                         "hidden_size": 5120, "intermediate_size": 17920, "num_hidden_layers": 40,
                         "num_attention_heads": 40, "num_key_value_heads": 10, "max_position_embeddings": 16384,
                         "tie_word_embeddings": false, "torch_dtype": "bfloat16"}""", 14_659_507_200L),
                Arguments.of("OLMo-2-1124-7B (q/k norms over the projections; hub count)", """
                        {"model_type": "olmo2", "architectures": ["Olmo2ForCausalLM"], "vocab_size": 100352,
                         "hidden_size": 4096, "intermediate_size": 11008, "num_hidden_layers": 32,
                         "num_attention_heads": 32, "num_key_value_heads": 32, "max_position_embeddings": 4096,
                         "attention_bias": false, "tie_word_embeddings": false, "torch_dtype": "float32"}""",
                        7_298_617_344L),
                // --- mixtures of experts ---
                Arguments.of("Qwen1.5-MoE-A2.7B (qwen2_moe, shared expert; hub count)", QWEN1_5_MOE, 14_315_784_192L),
                Arguments.of("Qwen3-30B-A3B (qwen3_moe; hub count)", QWEN3_30B_A3B, 30_532_122_624L),
                Arguments.of("Phi-3.5-MoE-instruct (phimoe, LayerNorms and biases; hub count)", PHI_3_5_MOE,
                        41_873_153_344L),
                Arguments.of("DeepSeek-V2-Lite (MLA without q LoRA; hub count)", DEEPSEEK_V2_LITE, 15_706_484_224L),
                // The hub lists no safetensors total for DeepSeek-V2; 235,741,434,880 is the count of its checkpoint's
                // tensors in independent recounts, and the paper's "236B total" rounded.
                Arguments.of("DeepSeek-V2 (checkpoint count; paper: 236B)", """
                        {"model_type": "deepseek_v2", "architectures": ["DeepseekV2ForCausalLM"], "vocab_size": 102400,
                         "hidden_size": 5120, "intermediate_size": 12288, "moe_intermediate_size": 1536,
                         "num_hidden_layers": 60, "num_attention_heads": 128, "num_key_value_heads": 128,
                         "n_shared_experts": 2, "n_routed_experts": 160, "num_experts_per_tok": 6,
                         "first_k_dense_replace": 1, "moe_layer_freq": 1, "q_lora_rank": 1536, "kv_lora_rank": 512,
                         "qk_nope_head_dim": 128, "qk_rope_head_dim": 64, "v_head_dim": 128,
                         "topk_method": "group_limited_greedy", "n_group": 8, "topk_group": 3,
                         "max_position_embeddings": 163840, "tie_word_embeddings": false,
                         "torch_dtype": "bfloat16"}""", 235_741_434_880L),
                // DeepSeek-V3's README: 685B on the hub = 671B main model + 14B multi-token-prediction module.
                // 671,026,419,200 is the main model's tensors in the checkpoint headers (MTP layer 61 and the FP8
                // scales left out), as independent recounts report it; it includes e_score_correction_bias.
                Arguments.of("DeepSeek-V3 (main model without MTP; README: 671B)", DEEPSEEK_V3, 671_026_419_200L),
                // --- Gemma ---
                Arguments.of("gemma-2b (multi-query, head_dim 256; hub count)", """
                        {"model_type": "gemma", "architectures": ["GemmaForCausalLM"], "vocab_size": 256000,
                         "hidden_size": 2048, "intermediate_size": 16384, "num_hidden_layers": 18,
                         "num_attention_heads": 8, "num_key_value_heads": 1, "head_dim": 256,
                         "max_position_embeddings": 8192, "torch_dtype": "bfloat16"}""", 2_506_172_416L),
                Arguments.of("gemma-7b (hub count)", """
                        {"model_type": "gemma", "architectures": ["GemmaForCausalLM"], "vocab_size": 256000,
                         "hidden_size": 3072, "intermediate_size": 24576, "num_hidden_layers": 28,
                         "num_attention_heads": 16, "num_key_value_heads": 16, "head_dim": 256,
                         "max_position_embeddings": 8192, "torch_dtype": "bfloat16"}""", 8_537_680_896L),
                Arguments.of("gemma-2-2b (hub count)", GEMMA_2_2B, 2_614_341_888L),
                Arguments.of("gemma-2-9b (hub count)", """
                        {"model_type": "gemma2", "architectures": ["Gemma2ForCausalLM"], "vocab_size": 256000,
                         "hidden_size": 3584, "intermediate_size": 14336, "num_hidden_layers": 42,
                         "num_attention_heads": 16, "num_key_value_heads": 8, "head_dim": 256,
                         "max_position_embeddings": 8192, "sliding_window": 4096, "torch_dtype": "float32"}""",
                        9_241_705_984L),
                Arguments.of("gemma-3-1b-it (gemma3_text; hub count)", GEMMA_3_1B, 999_885_952L),
                // --- Phi, Falcon, GPT-NeoX, GPT-J, BLOOM ---
                Arguments.of("phi-1_5 (hub count)", """
                        {"model_type": "phi", "architectures": ["PhiForCausalLM"], "vocab_size": 51200,
                         "hidden_size": 2048, "intermediate_size": 8192, "num_hidden_layers": 24,
                         "num_attention_heads": 32, "max_position_embeddings": 2048, "partial_rotary_factor": 0.5,
                         "qk_layernorm": false, "tie_word_embeddings": false, "torch_dtype": "float16"}""",
                        1_418_270_720L),
                Arguments.of("phi-2 (hub count)", PHI_2, 2_779_683_840L),
                // 6.92B on the model page; the exact figure is the hub's safetensors total as it is commonly quoted,
                // not re-read from the hub for this test (no independent report of it was found).
                Arguments.of("falcon-7b (multi-query, parallel attention)", FALCON_7B, 6_921_720_704L),
                Arguments.of("gpt-neox-20b (model card: 20,554,567,680)", """
                        {"model_type": "gpt_neox", "architectures": ["GPTNeoXForCausalLM"], "vocab_size": 50432,
                         "hidden_size": 6144, "intermediate_size": 24576, "num_hidden_layers": 44,
                         "num_attention_heads": 64, "max_position_embeddings": 2048, "rotary_pct": 0.25,
                         "use_parallel_residual": true, "tie_word_embeddings": false, "torch_dtype": "float16"}""",
                        20_554_567_680L),
                // Pythia: the totals of the parameter table on the Pythia model cards (which list non-embedding and
                // total parameters per size: 70,426,624, 162,322,944, 405,334,016).
                Arguments.of("pythia-70m (model card)", """
                        {"model_type": "gpt_neox", "architectures": ["GPTNeoXForCausalLM"], "vocab_size": 50304,
                         "hidden_size": 512, "intermediate_size": 2048, "num_hidden_layers": 6,
                         "num_attention_heads": 8, "max_position_embeddings": 2048, "rotary_pct": 0.25,
                         "tie_word_embeddings": false, "torch_dtype": "float16"}""", 70_426_624L),
                Arguments.of("pythia-160m (model card)", PYTHIA_160M, 162_322_944L),
                Arguments.of("pythia-410m (model card)", """
                        {"model_type": "gpt_neox", "architectures": ["GPTNeoXForCausalLM"], "vocab_size": 50304,
                         "hidden_size": 1024, "intermediate_size": 4096, "num_hidden_layers": 24,
                         "num_attention_heads": 16, "max_position_embeddings": 2048, "rotary_pct": 0.25,
                         "tie_word_embeddings": false, "torch_dtype": "float16"}""", 405_334_016L),
                // The sum of the Hugging Face checkpoint's tensors, as independent recounts report it. The model
                // card's table says 6,053,381,344 (the Mesh Transformer JAX count), 2,498,560 more, without saying
                // what the difference is.
                Arguments.of("gpt-j-6b (checkpoint count; lm_head has a bias)", GPT_J_6B, 6_050_882_784L),
                // BLOOM: the "176,247,271,424 parameters" of the bigscience/bloom model card; 560m: hub count.
                Arguments.of("bloom-560m (hub count)", BLOOM_560M, 559_214_592L),
                Arguments.of("bloom (model card: 176,247,271,424)", """
                        {"model_type": "bloom", "architectures": ["BloomForCausalLM"], "vocab_size": 250880,
                         "n_embed": 14336, "n_layer": 70, "num_attention_heads": 112, "torch_dtype": "bfloat16"}""",
                        176_247_271_424L),
                // --- encoders ---
                Arguments.of("roberta-base (RobertaModel with pooler; hub count)", ROBERTA_BASE, 124_645_632L),
                // roberta-large: the sum of RobertaModel's parameters as public code reports it (PEFT's
                // print_trainable_parameters, "all params: 355,359,744"); no hub total or card figure was found.
                Arguments.of("roberta-large (RobertaModel with pooler; reported sum)", """
                        {"model_type": "roberta", "architectures": ["RobertaForMaskedLM"], "vocab_size": 50265,
                         "hidden_size": 1024, "num_hidden_layers": 24, "num_attention_heads": 16,
                         "intermediate_size": 4096, "max_position_embeddings": 514, "type_vocab_size": 1,
                         "pad_token_id": 1}""", 355_359_744L),
                Arguments.of("xlm-roberta-base (XLMRobertaModel with pooler; hub count)", """
                        {"model_type": "xlm-roberta", "architectures": ["XLMRobertaForMaskedLM"],
                         "vocab_size": 250002, "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12,
                         "intermediate_size": 3072, "max_position_embeddings": 514, "type_vocab_size": 1,
                         "pad_token_id": 1}""", 278_043_648L),
                Arguments.of("distilbert-base-uncased (DistilBertModel; hub count)", DISTILBERT, 66_362_880L),
                // --- encoder-decoder ---
                // T5: the counts in the T5ForConditionalGeneration checkpoints (tied head for t5, untied for FLAN).
                Arguments.of("t5-small (hub count)", T5_SMALL, 60_506_624L),
                Arguments.of("t5-base (hub count)", """
                        {"model_type": "t5", "architectures": ["T5ForConditionalGeneration"], "vocab_size": 32128,
                         "d_model": 768, "d_kv": 64, "d_ff": 3072, "num_layers": 12, "num_heads": 12,
                         "n_positions": 512, "relative_attention_num_buckets": 32}""", 222_903_552L),
                Arguments.of("flan-t5-small (gated-gelu, untied head; hub count)", FLAN_T5_SMALL, 76_961_152L),
                Arguments.of("flan-t5-base (hub count)", """
                        {"model_type": "t5", "architectures": ["T5ForConditionalGeneration"], "vocab_size": 32128,
                         "d_model": 768, "d_kv": 64, "d_ff": 2048, "num_layers": 12, "num_decoder_layers": 12,
                         "num_heads": 12, "feed_forward_proj": "gated-gelu", "relative_attention_num_buckets": 32,
                         "n_positions": 512, "tie_word_embeddings": false, "torch_dtype": "float32"}""",
                        247_577_856L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedCounts")
    void derivesThePublishedParameterCount(String model, String config, long published) throws IOException {
        ModelFacts facts = read(config);
        assertEquals(published, facts.parameters().total(), model);
        assertFalse(facts.parameters().exact());
        assertEquals(ModelFormat.HF_CONFIG, facts.format());
        assertNull(facts.tensors());
    }

    @Test
    void opt175bIsAbout175BillionParameters() throws IOException {
        // embed 50272×12288 + positions 2050×12288 + final LayerNorm 2×12288
        // + 96 × (4×(12288²+12288) + 2×12288 + (12288×49152+49152) + (49152×12288+12288) + 2×12288)
        long expected = 50_272L * 12_288 + 2_050L * 12_288 + 2L * 12_288
                + 96L * (4L * (12_288L * 12_288 + 12_288) + 2L * 12_288 + 12_288L * 49_152 + 49_152
                + 49_152L * 12_288 + 12_288 + 2L * 12_288);
        ModelFacts facts = read(OPT_175B);
        assertEquals(expected, facts.parameters().total());
        assertEquals(174_604_468_224L, expected);
        assertEquals(2 * expected, facts.weightsBytes()); // float16
    }

    @Test
    void mixtureOfExpertsCountsActiveParametersPerToken() throws IOException {
        ModelFacts facts = read(MIXTRAL_8X7B);
        // Shared: 2 × 32000×4096 + 4096; per layer attention 2×4096² + 2×4096×1024, norms 2×4096, router 4096×8;
        // two of eight experts of 3×4096×14336 run per token.
        long shared = 2L * 32_000 * 4_096 + 4_096;
        long perLayer = 2L * 4_096 * 4_096 + 2L * 4_096 * 1_024 + 2L * 4_096 + 4_096L * 8 + 2L * 3 * 4_096 * 14_336;
        assertEquals(shared + 32 * perLayer, facts.parameters().active());
        assertEquals(12_879_925_248L, facts.parameters().active());
        Architecture arch = facts.architecture();
        assertEquals(8, arch.experts());
        assertEquals(2, arch.activeExperts());
        assertNull(arch.slidingWindow());
    }

    @Test
    void llamaArchitectureAndWeights() throws IOException {
        ModelFacts facts = read(LLAMA_2_7B);
        assertEquals(new Architecture("llama", 32, 4096, 32, 32, 128, 32000, 4096, null, null, null, "decoder",
                11008, true), facts.architecture());
        assertEquals(Map.of("F16", 6_738_415_616L), facts.parameters().byDtype());
        assertEquals(2 * 6_738_415_616L, facts.weightsBytes());
        assertTrue(facts.warnings().isEmpty());
    }

    @Test
    void groupedQueryAttentionAndSlidingWindow() throws IOException {
        Architecture arch = read(MISTRAL_7B).architecture();
        assertEquals(8, arch.kvHeads());
        assertEquals(128, arch.headDim());
        assertEquals(4096, arch.slidingWindow());
        assertEquals(32768, arch.contextLength());
        assertEquals(Map.of("BF16", 7_241_732_096L), read(MISTRAL_7B).parameters().byDtype());
    }

    @Test
    void bertIsAnEncoder() throws IOException {
        Architecture arch = read(BERT_BASE).architecture();
        assertEquals("encoder", arch.kind());
        assertEquals(12, arch.kvHeads());
        assertEquals(64, arch.headDim());
        assertEquals(512, arch.contextLength());
    }

    @Test
    void missingDtypeMeansFloat32AndSaysSo() throws IOException {
        ModelFacts facts = read(GPT2);
        assertEquals(Map.of("F32", 124_439_808L), facts.parameters().byDtype());
        assertEquals(4 * 124_439_808L, facts.weightsBytes());
        assertEquals(1, facts.warnings().size());
        assertTrue(facts.warnings().get(0).contains("no torch_dtype declared; weights assumed F32"));
    }

    @Test
    void newerConfigsSpellTheDtypeDtype() throws IOException {
        ModelFacts facts = read(LLAMA_2_7B.replace("\"torch_dtype\"", "\"dtype\"").replace("float16", "bfloat16"));
        assertEquals(Map.of("BF16", 6_738_415_616L), facts.parameters().byDtype());
    }

    private static ModelFormatException failure(String json) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(json));
        assertTrue(e.getMessage().startsWith(PATH + ": "), e.getMessage());
        return e;
    }

    @Test
    void aConfigWithoutHiddenSizeOrLayersIsRefusedNamingWhatIsMissing() {
        // Other model types are estimated with a generic formula (GenericConfigEstimateTest); without a width and a
        // depth there is nothing to estimate from.
        ModelFormatException e = failure("{\"model_type\": \"mamba\", \"hidden_size\": 768}");
        assertTrue(e.problem().contains("model_type 'mamba' has no parameter formula here"), e.getMessage());
        assertTrue(e.problem().contains("deepseek_v3, distilbert, falcon, gemma, gemma2, gemma3_text, gpt2"),
                e.getMessage());
        assertTrue(e.problem().contains("lacks what a generic estimate needs: num_hidden_layers (or n_layer,"),
                e.getMessage());
        assertFalse(e.problem().contains("hidden_size"), e.getMessage());
    }

    @Test
    void badConfigsFailNamingTheFileAndTheKey() {
        assertTrue(failure("{\"model_type\": ").problem().startsWith("is not valid JSON"));
        assertTrue(failure("[1, 2]").problem().contains("is not a JSON object"));
        assertTrue(failure("{\"hidden_size\": 768}").problem().contains("has no model_type"));
        assertTrue(failure(LLAMA_2_7B.replace("\"hidden_size\": 4096", "\"hidden_size\": -4096")).problem()
                .contains("'hidden_size' is -4096, not a non-negative integer"));
        assertTrue(failure(LLAMA_2_7B.replace("\"hidden_size\": 4096", "\"hidden_size\": \"big\"")).problem()
                .contains("'hidden_size' is \"big\""));
        assertTrue(failure(LLAMA_2_7B.replace("\"tie_word_embeddings\": false", "\"tie_word_embeddings\": 0"))
                .problem().contains("'tie_word_embeddings' is 0, not a boolean"));
        assertTrue(failure(LLAMA_2_7B.replace("\"num_attention_heads\": 32", "\"num_attention_heads\": 0")).problem()
                .contains("'num_attention_heads' is 0; it must be at least 1"));
        assertTrue(failure(GEMMA_2_2B.replace("\"sliding_window\": 4096", "\"layer_types\": [\"sliding_attention\"]"))
                .problem().contains("'layer_types' lists 1 layers but 'num_hidden_layers' is 26"));
        assertTrue(failure(QWEN3_30B_A3B.replace("\"mlp_only_layers\": []", "\"mlp_only_layers\": [-1]"))
                .problem().contains("'mlp_only_layers' is not a list of non-negative integers"));
    }

    @Test
    void omittedSizesAreTheConfigClassDefaultsAndSaySo() throws IOException {
        // LlamaConfig's intermediate_size is 11008: what transformers builds from this config. The reader uses it,
        // and says so, rather than refusing a config transformers loads.
        ModelFacts facts = read(LLAMA_2_7B.replace("\"intermediate_size\": 11008,", ""));
        assertEquals(6_738_415_616L, facts.parameters().total());
        assertEquals(List.of(PATH + ": not declared, so LlamaConfig's defaults are assumed, as transformers would load"
                + " them: intermediate_size=11008"), facts.warnings());
        // GemmaConfig's head_dim is 256 (not hidden / heads = 128): gemma-2b without it is still gemma-2b.
        String gemma2b = """
                {"model_type": "gemma", "vocab_size": 256000, "hidden_size": 2048, "intermediate_size": 16384,
                 "num_hidden_layers": 18, "num_attention_heads": 8, "num_key_value_heads": 1,
                 "max_position_embeddings": 8192, "torch_dtype": "bfloat16"}""";
        assertEquals(2_506_172_416L, read(gemma2b).parameters().total());
        assertEquals(256, read(gemma2b).architecture().headDim());
    }

    /** Every family's size keys, under every spelling the formulas read, set to {@code value}. */
    private static String everySize(String modelType, String value) {
        StringBuilder json = new StringBuilder("{\"model_type\": \"" + modelType + "\"");
        for (String key : List.of("vocab_size", "hidden_size", "n_embd", "n_embed", "d_model", "dim",
                "intermediate_size", "ffn_dim", "d_ff", "hidden_dim", "n_inner", "ffn_hidden_size",
                "moe_intermediate_size", "shared_expert_intermediate_size", "num_hidden_layers", "n_layer",
                "num_layers", "n_layers", "head_dim", "d_kv", "kv_lora_rank", "q_lora_rank", "qk_nope_head_dim",
                "qk_rope_head_dim", "v_head_dim", "max_position_embeddings", "n_positions", "type_vocab_size")) {
            json.append(", \"").append(key).append("\": ").append(value);
        }
        return json.append(", \"num_attention_heads\": 1, \"n_head\": 1, \"n_heads\": 1, \"num_heads\": 1}").toString();
    }

    static Stream<String> everyModelType() {
        return Stream.concat(ConfigFamily.supportedModelTypes().stream(), Stream.of("some_new_family"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyModelType")
    void hyperparametersThatOverflowAreRefusedNamingTheFile(String modelType) {
        // 2e9 fits an int; its products do not fit a long: refused with the file's name, never an ArithmeticException.
        assertTrue(failure(everySize(modelType, "2000000000")).problem().contains("overflow"), modelType);
        // Past an int (and past 64 bits): refused as the value it is.
        assertTrue(failure(everySize(modelType, "99999999999999999999999")).problem()
                .contains("not a non-negative integer"), modelType);
        assertTrue(failure(everySize(modelType, "-1")).problem().contains("is -1, not a non-negative integer"),
                modelType);
    }

    @Test
    void hyperparametersThatOverflowAreRefused() {
        String huge = """
                {"model_type": "llama", "vocab_size": 2000000000, "hidden_size": 2000000000,
                 "intermediate_size": 2000000000, "num_hidden_layers": 2000000000, "num_attention_heads": 1}""";
        assertTrue(failure(huge).problem().contains("overflow"));
    }

    @Test
    void oversizedConfigsAreRefusedBeforeParsing() {
        long size = HfConfigReader.MAX_CONFIG_BYTES + 1L;
        ModelSource source = new ModelSource(PATH, size, () -> {
            throw new AssertionError("must not open an oversized config");
        });
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new HfConfigReader().read(source));
        assertTrue(e.problem().contains("larger than the 4194304-byte limit"));
    }
}
