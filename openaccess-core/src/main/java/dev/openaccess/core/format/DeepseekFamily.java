package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * DeepSeek-V2 and V3 (transformers {@code modeling_deepseek_v2.py}, {@code modeling_deepseek_v3.py}).
 *
 * <p>Multi-head latent attention (MLA): queries through a low-rank pair ({@code q_a_proj} hidden → {@code q_lora_rank},
 * an RMSNorm, {@code q_b_proj} → heads × ({@code qk_nope_head_dim + qk_rope_head_dim})), or one {@code q_proj} when
 * {@code q_lora_rank} is null (DeepSeek-V2-Lite); keys and values through {@code kv_a_proj_with_mqa} (hidden →
 * {@code kv_lora_rank + qk_rope_head_dim}), an RMSNorm over the {@code kv_lora_rank} part, and {@code kv_b_proj} →
 * heads × ({@code qk_nope_head_dim + v_head_dim}); {@code o_proj} from heads × {@code v_head_dim}. Biases only on the
 * {@code _a} projections and o, when {@code attention_bias}. What a token leaves in the cache is the compressed
 * latent, {@code kv_lora_rank + qk_rope_head_dim} values per layer, not a key and a value per head.
 *
 * <p>Mixture of experts from layer {@code first_k_dense_replace} on: {@code n_routed_experts} gated experts of
 * {@code moe_intermediate_size} ({@code num_experts_per_tok} of them per token), a router ({@code n_routed_experts ×
 * hidden}) and shared experts, one MLP of {@code n_shared_experts × moe_intermediate_size} that every token runs. V3's
 * router also carries {@code e_score_correction_bias}, one value per expert: a buffer in transformers, but a tensor of
 * the published checkpoint, whose published count includes it. The first layers have a dense MLP of
 * {@code intermediate_size}. V3's multi-token-prediction layer ({@code num_nextn_predict_layers}) is stored in the
 * checkpoint but not loaded by transformers, and not counted here.
 */
final class DeepseekFamily implements ConfigFamily {

    /** DeepseekV2Config and DeepseekV3Config defaults ({@code configuration_deepseek_v2.py}, {@code _v3.py}). */
    private record Defaults(String configClass, int vocab, int hidden, int intermediate, int expertIntermediate,
                            int layers, int heads, int routedExperts, int sharedExperts, Integer perToken,
                            int firstDense, int positions) {
    }

    private static final Defaults V2 = new Defaults("DeepseekV2Config", 32000, 4096, 11008, 1407, 32, 32, 64, 2, null,
            0, 2048);
    private static final Defaults V3 = new Defaults("DeepseekV3Config", 129280, 7168, 18432, 2048, 61, 128, 256, 1, 8,
            3, 4096);
    // Both classes: the latent attention's ranks and head widths.
    private static final int KV_LORA_RANK = 512;
    private static final int Q_LORA_RANK = 1536;
    private static final int QK_NOPE_HEAD_DIM = 128;
    private static final int QK_ROPE_HEAD_DIM = 64;
    private static final int V_HEAD_DIM = 128;

    @Override
    public List<String> modelTypes() {
        return List.of("deepseek_v2", "deepseek_v3");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        boolean v3 = config.modelType().equals("deepseek_v3");
        Defaults defaults = v3 ? V3 : V2;
        FamilyConfig fields = new FamilyConfig(config, defaults.configClass());
        long vocab = fields.size(defaults.vocab(), "vocab_size");
        long hidden = fields.size(defaults.hidden(), "hidden_size");
        int layers = fields.size(defaults.layers(), "num_hidden_layers");
        int heads = fields.positive(defaults.heads(), "num_attention_heads");
        int kvHeads = fields.positiveOr(heads, "num_key_value_heads");
        long intermediate = fields.size(defaults.intermediate(), "intermediate_size");
        long expertIntermediate = fields.size(defaults.expertIntermediate(), "moe_intermediate_size");
        int positions = fields.size(defaults.positions(), "max_position_embeddings");
        boolean tied = fields.flag("tie_word_embeddings", false);
        boolean attentionBias = fields.flag("attention_bias", false);
        boolean mlpBias = !v3 && fields.flag("mlp_bias", false);

        int kvRank = fields.size(KV_LORA_RANK, "kv_lora_rank");
        Integer qRank = fields.nullable(Q_LORA_RANK, "q_lora_rank");
        int nope = fields.size(QK_NOPE_HEAD_DIM, "qk_nope_head_dim");
        int rope = fields.size(QK_ROPE_HEAD_DIM, "qk_rope_head_dim");
        int value = fields.size(V_HEAD_DIM, "v_head_dim");
        long queryWidth = ConfigFamily.product(heads, (long) nope + rope);
        long query = qRank == null ? ConfigFamily.linear(hidden, queryWidth, false)
                : ConfigFamily.sum(ConfigFamily.linear(hidden, qRank, attentionBias), qRank, // q_a_layernorm
                        ConfigFamily.linear(qRank, queryWidth, false));
        long attention = ConfigFamily.sum(query,
                ConfigFamily.linear(hidden, (long) kvRank + rope, attentionBias), kvRank, // kv_a_layernorm
                ConfigFamily.linear(kvRank, ConfigFamily.product(heads, (long) nope + value), false),
                ConfigFamily.linear(ConfigFamily.product(heads, value), hidden, attentionBias));
        long perLayer = ConfigFamily.sum(attention, 2 * hidden); // + input and post-attention RMSNorms

        // A null n_routed_experts makes every layer dense; a null n_shared_experts leaves them out.
        Integer routed = fields.nullable(defaults.routedExperts(), "n_routed_experts");
        Integer declaredShared = fields.nullable(defaults.sharedExperts(), "n_shared_experts");
        int shared = declaredShared == null ? 0 : declaredShared;
        int firstDense = fields.or(defaults.firstDense(), "first_k_dense_replace");
        long moeLayers = routed == null || routed == 0 ? 0 : Math.max(0, layers - (long) firstDense);
        Integer perToken = null;
        long moeTotal = 0;
        long moeActive = 0;
        if (moeLayers > 0) {
            // DeepseekV2Config has no default for it (None); DeepseekV3Config's is 8.
            perToken = defaults.perToken() == null ? fields.optional("num_experts_per_tok")
                    : Integer.valueOf(fields.size(defaults.perToken(), "num_experts_per_tok"));
            if (perToken == null) {
                throw new ModelFormatException(config.path(), "the " + config.modelType()
                        + " config has no 'num_experts_per_tok', and DeepseekV2Config has no default for it");
            }
            perToken = Math.min(perToken, routed);
            long expert = ConfigFamily.gatedMlp(hidden, expertIntermediate, false);
            long router = ConfigFamily.sum(ConfigFamily.product(routed, hidden), v3 ? routed : 0);
            long alwaysRun = ConfigFamily.sum(router,
                    ConfigFamily.gatedMlp(hidden, ConfigFamily.product(shared, expertIntermediate), mlpBias));
            moeTotal = ConfigFamily.sum(ConfigFamily.product(routed, expert), alwaysRun);
            moeActive = ConfigFamily.sum(ConfigFamily.product(perToken, expert), alwaysRun);
        }
        long denseLayers = layers - moeLayers;
        long common = ConfigFamily.sum(ConfigFamily.embeddings(vocab, hidden, tied), hidden, // + final RMSNorm
                ConfigFamily.product(layers, perLayer),
                ConfigFamily.product(denseLayers, ConfigFamily.gatedMlp(hidden, intermediate, mlpBias)));
        long total = ConfigFamily.sum(common, ConfigFamily.product(moeLayers, moeTotal));
        long active = ConfigFamily.sum(common, ConfigFamily.product(moeLayers, moeActive));

        Architecture architecture = new Architecture(config.modelType(), layers, ConfigFamily.narrow(hidden), heads,
                kvHeads, nope + rope, ConfigFamily.narrow(vocab), positions, moeLayers > 0 ? routed : null, perToken,
                null, Architecture.DECODER, ConfigFamily.narrow(moeLayers > 0 ? expertIntermediate : intermediate),
                true, ConfigFamily.narrow((long) kvRank + rope), null, null);
        return new Derived(architecture, total, active, fields.notes());
    }
}
