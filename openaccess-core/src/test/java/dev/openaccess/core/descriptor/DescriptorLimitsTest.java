package dev.openaccess.core.descriptor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.Describer;
import dev.openaccess.core.TinyModels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer writes nothing a consumer would refuse: the descriptor is checked against the consumer's size limit
 * (and its parser's) before it is written, without indentation when only that fits. The limit is lowered here, so
 * no test builds 16 MiB documents in a 256 MB heap.
 */
class DescriptorLimitsTest {

    @TempDir
    java.nio.file.Path base;

    private Descriptor withUnread(int count) throws IOException {
        TinyModels.writeTinyLlama(base.resolve("model"));
        Descriptor descriptor = new Describer().describe(TinyModels.request(base, "model", false)).descriptor();
        List<UnreadFile> unread = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            unread.add(new UnreadFile(String.format("m/x%06d.tflite", i), "tflite", "r"));
        }
        return new Descriptor(descriptor.schemaVersion(), descriptor.subject(), descriptor.generator(),
                descriptor.models(), descriptor.requirements(), null, null, descriptor.readiness(), unread);
    }

    @Test
    void aDescriptorThatFitsIsWrittenIndented() throws Exception {
        Descriptor descriptor = withUnread(1);
        assertArrayEquals(DescriptorJson.toBytes(descriptor), DescriptorJson.toCheckedBytes(descriptor));
    }

    @Test
    void oneTooLargeIndentedIsWrittenWithoutIndentationWhenThatFits() throws Exception {
        Descriptor descriptor = withUnread(2_000);
        int indented = DescriptorJson.toBytes(descriptor).length;
        int compact = DescriptorJson.toCompactBytes(descriptor).length;
        assertTrue(compact < indented * 0.8, compact + " of " + indented);
        byte[] written = DescriptorJson.toCheckedBytes(descriptor, compact);
        assertArrayEquals(DescriptorJson.toCompactBytes(descriptor), written);
        assertEquals(2_000, DescriptorJson.read(new ByteArrayInputStream(written), "d.json").unread().size());
    }

    @Test
    void oneThatFitsNeitherWayIsRefusedSayingWhatToDo() throws Exception {
        Descriptor descriptor = withUnread(2_000);
        int compact = DescriptorJson.toCompactBytes(descriptor).length;
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> DescriptorJson.toCheckedBytes(descriptor, compact - 1));
        assertEquals("the descriptor of 1 models and 2000 unread files would be " + String.format("%,d", compact)
                + " bytes, more than the " + String.format("%,d", compact - 1) + " that consumers read: check would"
                + " refuse it. Describe fewer files in one artifact (narrow <models> or -Dopenaccess.models), or ship"
                + " the models in several artifacts, each with its own descriptor", e.getMessage());
    }

    @Test
    void aStringTheConsumersParserRefusesIsRefusedBeforeWriting() throws Exception {
        Descriptor descriptor = withUnread(0);
        Descriptor longReason = new Descriptor(descriptor.schemaVersion(), descriptor.subject(),
                descriptor.generator(), descriptor.models(), descriptor.requirements(), null, null,
                descriptor.readiness(), List.of(new UnreadFile("m.tflite", "tflite", "x".repeat(1_000_001))));
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> DescriptorJson.toCheckedBytes(longReason));
        assertTrue(e.getMessage().contains("consumers would refuse it"), e.getMessage());
    }
}
