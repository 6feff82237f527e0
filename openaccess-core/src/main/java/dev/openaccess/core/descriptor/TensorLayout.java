package dev.openaccess.core.descriptor;

import java.util.Map;
import java.util.TreeMap;

/**
 * How a GGUF file lays out what llama.cpp holds in memory beyond the tensor bytes, read from its header.
 *
 * @param headerBytes         bytes before the tensor data: the metadata (vocabulary, merges, hyperparameters) and the
 *                            tensor infos; llama.cpp parses all of it into host memory while loading
 * @param matrixBytesByDtype  bytes of the 2- and 3-dimensional tensors other than the token embedding, per ggml type:
 *                            the matrices a CPU backend may repack into its own layout
 * @param tokenEmbeddingDtype type of {@code token_embd.weight}, null when the file has none
 * @param tokenEmbeddingBytes bytes of {@code token_embd.weight}, null when the file has none
 * @param tiedEmbeddings      true when there is no {@code output.weight}: the token embedding doubles as the output
 *                            projection (and is then repacked like a matrix)
 * @param merges              entries of {@code tokenizer.ggml.merges} (BPE vocabularies; llama.cpp keeps a rank
 *                            map of them), 0 when there are none
 */
public record TensorLayout(long headerBytes, Map<String, Long> matrixBytesByDtype, String tokenEmbeddingDtype,
                           Long tokenEmbeddingBytes, boolean tiedEmbeddings, long merges) {

    /** A layout of a vocabulary without merges (SentencePiece) or whose merges are not known. */
    public TensorLayout(long headerBytes, Map<String, Long> matrixBytesByDtype, String tokenEmbeddingDtype,
                        Long tokenEmbeddingBytes, boolean tiedEmbeddings) {
        this(headerBytes, matrixBytesByDtype, tokenEmbeddingDtype, tokenEmbeddingBytes, tiedEmbeddings, 0);
    }

    public TensorLayout {
        matrixBytesByDtype = matrixBytesByDtype == null ? Map.of() : new TreeMap<>(matrixBytesByDtype);
    }
}
