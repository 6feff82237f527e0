package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Assumptions;
import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.estimate.Bytes;

/** How the memory rules word what inference needs: the bytes and the assumptions they hold at. */
final class InferenceNeed {

    private InferenceNeed() {
    }

    /** {@code inference needs 334.4 GiB (359028003200 bytes) at context 2048, batch 1, KV F16}. */
    static String words(Descriptor descriptor) {
        long total = descriptor.requirements().inference().totalBytes();
        Assumptions assumptions = descriptor.requirements().assumptions();
        return "inference needs " + Bytes.human(total) + " (" + total + " bytes) at context "
                + (assumptions.contextLength() == null ? "n/a" : assumptions.contextLength()) + ", batch "
                + assumptions.batchSize() + ", KV " + assumptions.kvCacheDtype();
    }
}
