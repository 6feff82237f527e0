package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.ArrayList;
import java.util.List;

/**
 * A parameter estimate for a {@code model_type} without a formula of its own, from the fields most families share
 * (under their common spellings), as a generic transformer:
 * <ul>
 *   <li>a decoder laid out like Llama, the layout most new decoders copy: token table, output head unless
 *       {@code tie_word_embeddings} is false (PretrainedConfig's default is tied), per layer attention
 *       ({@code num_key_value_heads} of {@code head_dim} for keys and values) and a gated MLP, two norms, no
 *       biases; with experts ({@code num_local_experts}, {@code num_experts}, {@code n_routed_experts}) a router and
 *       that many expert MLPs, {@code num_experts_per_tok} of them per token;</li>
 *   <li>an encoder laid out like BERT (without the pooler) when the config names a masked-LM class
 *       ({@code *ForMaskedLM}, {@code *ForPreTraining}) and no generating one, or declares {@code is_decoder}
 *       false: token, position and token-type tables, biased attention and plain MLP, two LayerNorms per layer.</li>
 * </ul>
 * The count is an estimate (biases, position tables, extra norms and whatever the family adds are not in it); the
 * reader says so, and which of the fields were missing. A sliding window is not assumed: for a family whose
 * windowed layers are unknown, a KV cache for the whole context errs on the safe side.
 */
final class GenericConfigEstimate {

    private static final String[] HIDDEN = {"hidden_size", "n_embd", "d_model", "dim", "model_dim"};
    private static final String[] LAYERS = {"num_hidden_layers", "n_layer", "num_layers", "n_layers"};
    private static final String[] HEADS = {"num_attention_heads", "n_head", "n_heads", "num_heads"};
    private static final String[] KV_HEADS = {"num_key_value_heads", "num_kv_heads", "n_head_kv", "n_kv_heads",
            "multi_query_group_num"};
    private static final String[] HEAD_DIM = {"head_dim", "kv_channels", "d_kv"};
    private static final String[] INTERMEDIATE = {"intermediate_size", "n_inner", "ffn_dim", "ffn_hidden_size", "d_ff"};
    private static final String[] EXPERT_INTERMEDIATE = {"moe_intermediate_size", "expert_intermediate_size"};
    private static final String[] VOCAB = {"vocab_size", "padded_vocab_size", "n_vocab"};
    private static final String[] POSITIONS = {"max_position_embeddings", "n_positions", "max_seq_len", "seq_length",
            "max_sequence_length", "n_ctx"};
    private static final String[] EXPERTS = {"num_local_experts", "num_experts", "n_routed_experts"};
    private static final String[] EXPERTS_PER_TOKEN = {"num_experts_per_tok", "moe_top_k", "num_experts_per_token"};
    /** The MLP width when none is declared: the 4 × hidden of GPT-2 and BERT. */
    private static final int MLP_EXPANSION = 4;
    /** Class-name endings of models that generate (a decoder) and of masked-language models (an encoder). */
    private static final List<String> GENERATING = List.of("ForCausalLM", "LMHeadModel", "ForConditionalGeneration");
    private static final List<String> MASKED = List.of("ForMaskedLM", "ForPreTraining", "ForNextSentencePrediction");

    private GenericConfigEstimate() {
    }

    /**
     * The estimate, with a note saying it is one and what was missing; refused, naming what is missing, when the
     * config lacks the hidden size or the layer count, without which nothing can be estimated.
     */
    static ConfigFamily.Derived estimate(HfConfig config) throws ModelFormatException {
        String type = config.modelType();
        Integer declaredHidden = config.optionalInt(HIDDEN);
        Integer declaredLayers = config.optionalInt(LAYERS);
        List<String> missing = new ArrayList<>();
        if (declaredHidden == null) {
            missing.add(spellings(HIDDEN));
        }
        if (declaredLayers == null) {
            missing.add(spellings(LAYERS));
        }
        if (!missing.isEmpty()) {
            throw new ModelFormatException(config.path(), "model_type '" + type + "' has no parameter formula here"
                    + " (families with one: " + String.join(", ", ConfigFamily.supportedModelTypes())
                    + "), and the config lacks what a generic estimate needs: " + String.join("; ", missing)
                    + "; ship the weights beside it to get exact counts");
        }
        long hidden = declaredHidden;
        int layers = declaredLayers;
        Integer heads = config.optionalInt(HEADS);
        if (heads != null && heads == 0) {
            throw new ModelFormatException(config.path(), "'" + HEADS[0] + "' is 0; it must be at least 1");
        }
        Integer kvHeads = config.optionalInt(KV_HEADS);
        Integer headDim = config.optionalInt(HEAD_DIM);
        if (headDim == null && heads != null) {
            headDim = ConfigFamily.narrow(hidden / heads);
        }
        Integer intermediate = config.optionalInt(INTERMEDIATE);
        Integer vocab = config.optionalInt(VOCAB);
        Integer positions = config.optionalInt(POSITIONS);
        boolean encoder = isEncoder(config);
        List<String> assumed = new ArrayList<>();
        if (heads == null) {
            assumed.add(spellings(HEADS) + " (attention taken as 4 × hidden², no KV cache shape)");
        }
        if (intermediate == null) {
            assumed.add(spellings(INTERMEDIATE) + " (" + MLP_EXPANSION + " × hidden assumed)");
        }
        if (vocab == null) {
            assumed.add(spellings(VOCAB) + " (token table and output head not counted)");
        }
        if (positions == null) {
            assumed.add(spellings(POSITIONS) + " (no context length)");
        }
        long mlpWidth = intermediate != null ? intermediate : ConfigFamily.product(MLP_EXPANSION, hidden);
        long tokens = vocab == null ? 0 : vocab;

        long queryWidth = heads == null ? hidden : ConfigFamily.product(heads, headDim);
        long kvWidth = heads == null ? hidden : ConfigFamily.product(kvHeads != null ? kvHeads : heads, headDim);
        long attention = ConfigFamily.sum(ConfigFamily.product(2, ConfigFamily.product(hidden, queryWidth)),
                ConfigFamily.product(2, ConfigFamily.product(hidden, kvWidth)));
        long total;
        long active;
        Integer experts = null;
        Integer perToken = null;
        if (encoder) {
            long tables = ConfigFamily.product(ConfigFamily.sum(tokens, positions == null ? 0 : positions,
                    config.intOr(0, "type_vocab_size")), hidden);
            long layer = ConfigFamily.sum(attention, 4 * hidden, // attention + its biases
                    ConfigFamily.plainMlp(hidden, mlpWidth, true), ConfigFamily.product(2, ConfigFamily.layerNorm(hidden)));
            total = ConfigFamily.sum(tables, ConfigFamily.layerNorm(hidden), ConfigFamily.product(layers, layer));
            active = total;
        } else {
            experts = config.optionalInt(EXPERTS);
            long mlpTotal;
            long mlpActive;
            if (experts != null && experts > 0) {
                Integer declaredPerToken = config.optionalInt(EXPERTS_PER_TOKEN);
                if (declaredPerToken == null) {
                    assumed.add(spellings(EXPERTS_PER_TOKEN) + " (one expert per token assumed)");
                }
                perToken = Math.min(experts, declaredPerToken == null ? 1 : declaredPerToken);
                long expertWidth = config.intOr(ConfigFamily.narrow(mlpWidth), EXPERT_INTERMEDIATE);
                long expert = ConfigFamily.gatedMlp(hidden, expertWidth, false);
                long router = ConfigFamily.product(hidden, experts);
                mlpTotal = ConfigFamily.sum(ConfigFamily.product(experts, expert), router);
                mlpActive = ConfigFamily.sum(ConfigFamily.product(perToken, expert), router);
            } else {
                experts = null;
                mlpTotal = ConfigFamily.gatedMlp(hidden, mlpWidth, false);
                mlpActive = mlpTotal;
            }
            boolean tied = config.bool("tie_word_embeddings", true);
            long outside = ConfigFamily.sum(ConfigFamily.embeddings(tokens, hidden, tied), hidden);
            total = ConfigFamily.sum(outside, ConfigFamily.product(layers, ConfigFamily.sum(attention, 2 * hidden, mlpTotal)));
            active = ConfigFamily.sum(outside,
                    ConfigFamily.product(layers, ConfigFamily.sum(attention, 2 * hidden, mlpActive)));
        }
        Architecture architecture = new Architecture(type, layers, ConfigFamily.narrow(hidden), heads,
                heads == null ? null : kvHeads != null ? kvHeads : heads, headDim, vocab, positions, experts, perToken,
                null, encoder ? Architecture.ENCODER : Architecture.DECODER, intermediate, encoder ? Boolean.FALSE : null);
        String note = config.path() + ": model_type '" + type + "' has no parameter formula here; its parameters are"
                + " estimated with a generic " + (encoder ? "encoder formula (BERT-style layers)"
                : "decoder formula (Llama-style layers: gated MLP, no biases)")
                + ", without the biases, position tables or extra norms the family may have"
                + (assumed.isEmpty() ? "" : "; missing: " + String.join("; ", assumed));
        return new ConfigFamily.Derived(architecture, total, active, List.of(note));
    }

    /** An encoder when the config names only masked-language-model classes, or says it is not a decoder. */
    static boolean isEncoder(HfConfig config) throws ModelFormatException {
        List<String> classes = config.architectures();
        if (classes.stream().anyMatch(name -> GENERATING.stream().anyMatch(name::endsWith))) {
            return false;
        }
        if (classes.stream().anyMatch(name -> MASKED.stream().anyMatch(name::endsWith))) {
            return true;
        }
        return config.declares("is_decoder") && !config.bool("is_decoder", true);
    }

    private static String spellings(String[] keys) {
        return keys.length == 1 ? keys[0] : keys[0] + " (or " + String.join(", ", List.of(keys).subList(1, keys.length))
                + ")";
    }
}
