package dev.openaccess.core.format;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * What the {@link PickleMachine} puts on its stack: the few kinds of value a checkpoint's pickle is made of, each
 * inert. Nothing here is a Python object: a {@link Global} is a name, an {@link Instance} the record that something
 * would have been built, a {@link Tensor} the shape and storage of a tensor torch would have rebuilt.
 *
 * <p>Containers ({@link ListValue}, {@link DictValue}) are mutable, as in pickle, so a hostile pickle can make one
 * hold itself: they compare by identity and print shallowly, so that nothing ever walks a value recursively.
 */
sealed interface PickleValue {

    /** {@code None}. */
    record None() implements PickleValue {
        static final None NONE = new None();
    }

    record Bool(boolean value) implements PickleValue {
    }

    /** An integer that fits 64 bits. */
    record Int(long value) implements PickleValue {
    }

    /** An integer past 64 bits, kept when it is short (torch's magic number is 80 bits), else null. */
    record BigInt(BigInteger value) implements PickleValue {
    }

    record Float(double value) implements PickleValue {
    }

    /**
     * A string: its text when it is short enough to keep (names, keys, a storage's key and location), else null.
     *
     * @param length its length in bytes, as the pickle declared it
     */
    record Text(String text, long length) implements PickleValue {

        boolean is(String expected) {
            return expected.equals(text);
        }
    }

    /** Bytes, skipped: only their length is kept. */
    record Bytes(long length) implements PickleValue {
    }

    /** A module attribute a GLOBAL, STACK_GLOBAL or INST named: what unpickling would import. */
    record Global(String module, String name) implements PickleValue {

        String qualified() {
            return module + "." + name;
        }
    }

    /** What calling, instantiating or unpickling an object would have produced: opaque, never built. */
    record Instance(PickleValue type) implements PickleValue {
    }

    /** A storage that a persistent id stands for: torch's {@code ('storage', type, key, location, numel)}. */
    record Storage(TorchStorage storage) implements PickleValue {
    }

    /** A tensor one of torch's rebuild functions would have made. */
    record Tensor(TorchTensor tensor) implements PickleValue {
    }

    /** An immutable tuple; its items may be containers, so it is shallow in print too. */
    final class Tuple implements PickleValue {
        final List<PickleValue> items;

        Tuple(List<PickleValue> items) {
            this.items = List.copyOf(items);
        }

        @Override
        public String toString() {
            return "tuple of " + items.size();
        }
    }

    final class ListValue implements PickleValue {
        final List<PickleValue> items = new ArrayList<>();

        @Override
        public String toString() {
            return "list of " + items.size();
        }
    }

    /** A dict, an OrderedDict, a set or a frozenset: keys and values are never looked up, only held. */
    final class DictValue implements PickleValue {
        final List<PickleValue> entries = new ArrayList<>();

        @Override
        public String toString() {
            return "dict of " + entries.size() / 2;
        }
    }
}
