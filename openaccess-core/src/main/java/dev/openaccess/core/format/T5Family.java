package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;
import java.util.Locale;

/**
 * T5 and its v1.1 / FLAN successors (transformers {@code modeling_t5.py}, {@code T5ForConditionalGeneration}): one
 * token table shared by encoder and decoder; {@code num_layers} encoder blocks (self-attention, MLP) and
 * {@code num_decoder_layers} decoder blocks (self-attention, cross-attention, MLP), each sub-layer behind a
 * weight-only RMS LayerNorm; attention projections from {@code d_model} to {@code num_heads × d_kv} without biases;
 * relative position buckets ({@code relative_attention_num_buckets × num_heads}) in the first block of each stack only;
 * an MLP of {@code d_ff}, gated ({@code wi_0}, {@code wi_1}) when {@code feed_forward_proj} is {@code gated-*}; a final
 * norm per stack; and an LM head tied to the token table unless {@code tie_word_embeddings} is false (v1.1, FLAN).
 *
 * <p>The decoder keeps the KV cache: its self-attention's keys and values for the tokens it generated and its
 * cross-attention's for the encoder's tokens, {@code 2 × num_heads × d_kv} values per layer and token either way. So
 * {@code layers} are the decoder's, {@code encoderLayers} the encoder's.
 */
final class T5Family implements ConfigFamily {

    // T5Config defaults (configuration_t5.py): t5-small.
    private static final int VOCAB = 32128;
    private static final int D_MODEL = 512;
    private static final int D_KV = 64;
    private static final int D_FF = 2048;
    private static final int LAYERS = 6;
    private static final int HEADS = 8;
    private static final int BUCKETS = 32;

    @Override
    public List<String> modelTypes() {
        return List.of("t5");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        FamilyConfig fields = new FamilyConfig(config, "T5Config");
        long vocab = fields.size(VOCAB, "vocab_size");
        long model = fields.size(D_MODEL, "d_model");
        int kv = fields.size(D_KV, "d_kv");
        long ff = fields.size(D_FF, "d_ff");
        int encoderLayers = fields.size(LAYERS, "num_layers");
        int decoderLayers = fields.or(encoderLayers, "num_decoder_layers");
        int heads = fields.positive(HEADS, "num_heads");
        int buckets = fields.or(BUCKETS, "relative_attention_num_buckets");
        boolean gated = fields.string("relu", "feed_forward_proj").toLowerCase(Locale.ROOT).startsWith("gated-");
        boolean tied = fields.flag("tie_word_embeddings", true);

        long inner = ConfigFamily.product(heads, kv);
        long attention = ConfigFamily.product(4, ConfigFamily.product(model, inner)); // q, k, v, o
        long mlp = gated ? ConfigFamily.gatedMlp(model, ff, false) : ConfigFamily.plainMlp(model, ff, false);
        long encoderBlock = ConfigFamily.sum(attention, mlp, 2 * model);
        long decoderBlock = ConfigFamily.sum(ConfigFamily.product(2, attention), mlp, 3 * model);
        long relativeBias = ConfigFamily.product(buckets, heads);
        long encoder = ConfigFamily.sum(ConfigFamily.product(encoderLayers, encoderBlock),
                encoderLayers > 0 ? relativeBias : 0, model);
        long decoder = ConfigFamily.sum(ConfigFamily.product(decoderLayers, decoderBlock),
                decoderLayers > 0 ? relativeBias : 0, model);
        long total = ConfigFamily.sum(ConfigFamily.embeddings(vocab, model, tied), encoder, decoder);

        // Relative positions set no hard limit; older configs state the length T5 was trained at (n_positions).
        Architecture architecture = new Architecture("t5", decoderLayers, ConfigFamily.narrow(model), heads, heads, kv,
                ConfigFamily.narrow(vocab), fields.optional("n_positions"), null, null, null, Architecture.DECODER,
                ConfigFamily.narrow(ff), gated, null, null, encoderLayers);
        return new Derived(architecture, total, total, fields.notes());
    }
}
