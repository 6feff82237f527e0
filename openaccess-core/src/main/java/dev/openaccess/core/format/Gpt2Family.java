package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * GPT-2 (transformers {@code GPT2Model}): learned token and position tables, pre-LayerNorm blocks with fused
 * qkv ({@code c_attn}) and a 4× MLP unless {@code n_inner} says otherwise; the LM head is tied to the token table,
 * so {@code GPT2LMHeadModel} has the same count.
 */
final class Gpt2Family implements ConfigFamily {

    @Override
    public List<String> modelTypes() {
        return List.of("gpt2");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        long vocab = config.requiredInt("vocab_size");
        long positions = config.requiredInt("n_positions", "max_position_embeddings");
        long hidden = config.requiredInt("n_embd", "hidden_size");
        int layers = config.requiredInt("n_layer", "num_hidden_layers");
        int heads = config.requiredPositiveInt("n_head", "num_attention_heads");
        Integer declaredInner = config.optionalInt("n_inner");
        long inner = declaredInner != null ? declaredInner : 4 * hidden;

        long block = ConfigFamily.sum(ConfigFamily.layerNorm(hidden),
                ConfigFamily.linear(hidden, 3 * hidden, true),
                ConfigFamily.linear(hidden, hidden, true),
                ConfigFamily.layerNorm(hidden),
                ConfigFamily.linear(hidden, inner, true),
                ConfigFamily.linear(inner, hidden, true));
        long total = ConfigFamily.sum(vocab * hidden, positions * hidden, ConfigFamily.layerNorm(hidden),
                ConfigFamily.product(layers, block));
        return new Derived(ConfigFamily.multiHead("gpt2", layers, hidden, heads, vocab, positions,
                Architecture.DECODER, inner),
                total, total);
    }
}
