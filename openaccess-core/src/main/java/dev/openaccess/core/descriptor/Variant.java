package dev.openaccess.core.descriptor;

/**
 * Inference memory at the stored precision and if the weights were converted to another (the KV cache and overhead rules unchanged).
 *
 * @param precision      {@code fp32}, {@code fp16}, {@code bf16}, {@code int8}, {@code int4}, or another stored dtype
 * @param stored         true for the precision the weights are actually stored in
 * @param weightsBytes   weight bytes at that precision
 * @param totalBytes     total inference memory at that precision
 * @param minimumProfile smallest catalog profile that fits, null when none does
 */
public record Variant(String precision, boolean stored, long weightsBytes, long totalBytes, String minimumProfile) {
}
