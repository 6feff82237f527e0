package dev.openaccess.core.descriptor;

/**
 * A file that looks like a model (by its name or its bytes) but that no reader counts: listed so that the totals
 * are never taken for the whole artifact without a word.
 *
 * @param path   as {@code models[].path}: relative to the base directory, {@code archive.jar!/entry} in an archive
 * @param format what it looks like ({@code tflite}, {@code pytorch}, {@code opennlp}, ...)
 * @param reason why it is not counted, in plain words
 */
public record UnreadFile(String path, String format, String reason) {
}
