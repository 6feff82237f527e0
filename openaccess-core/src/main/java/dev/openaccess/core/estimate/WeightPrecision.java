package dev.openaccess.core.estimate;

import java.math.BigInteger;

/**
 * Precisions the weights could be stored at, for what-if variants. Quantized formats store blocks of weights
 * with a scale, so they cost a little more than their nominal bits: {@code int8} as ggml's Q8_0 (32 weights in
 * 34 bytes) and {@code int4} as Q4_0 (32 weights in 18 bytes), the common baselines of llama.cpp.
 */
public enum WeightPrecision {
    FP32("fp32", 1, 4),
    FP16("fp16", 1, 2),
    BF16("bf16", 1, 2),
    INT8("int8", 32, 34),
    INT4("int4", 32, 18);

    private final String id;
    private final int blockWeights;
    private final int blockBytes;

    WeightPrecision(String id, int blockWeights, int blockBytes) {
        this.id = id;
        this.blockWeights = blockWeights;
        this.blockBytes = blockBytes;
    }

    public String id() {
        return id;
    }

    /** Bytes to store {@code parameters} weights at this precision (whole blocks). */
    public long bytesFor(long parameters) {
        BigInteger blocks = BigInteger.valueOf(parameters).add(BigInteger.valueOf(blockWeights - 1L))
                .divide(BigInteger.valueOf(blockWeights));
        return blocks.multiply(BigInteger.valueOf(blockBytes)).longValueExact();
    }
}
