package dev.openaccess.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an OpenVINO IR model ({@link Layout#FOLDER}): the {@code .xml} graph, streamed with the JDK's own StAX parser
 * (no DTD, no external entity, every token bounded by {@link BoundedXmlInput}), and the {@code .bin} of the same name
 * beside it, which holds the weights and is the model's part. The weights are the {@code Const} layers, at any depth
 * (the bodies of {@code TensorIterator}, {@code Loop} and {@code If} hold layers of their own): each one's
 * {@code <data element_type shape offset size>} gives its elements and its bytes in the {@code .bin}. Constants that
 * share bytes of the {@code .bin} (OpenVINO's serializer writes identical constants once) are counted once.
 */
public final class OpenVinoReader implements ModelReader {

    /** A large language model's IR is a few megabytes of XML; the parser streams it, so this bounds time only. */
    static final int MAX_XML_BYTES = 256 * 1024 * 1024;
    /** Elements nest a few levels per control-flow body; recursion-free, but a depth beyond this is no IR. */
    static final int MAX_XML_DEPTH = 64;
    /**
     * Far more constants than any model holds (an LLM's int4 IR: a weight, a scale and a zero point per matrix, a few
     * thousand); bounds the regions of the .bin held to tell shared constants apart (a few megabytes).
     */
    static final int MAX_CONSTANTS = 100_000;
    /** Dimensions per constant, as the other readers' limit (numpy's NPY_MAXDIMS). */
    static final int MAX_DIMS = 64;
    /** IR version 10 (OpenVINO 2020.1) introduced {@code Const} layers with {@code element_type} and {@code shape}. */
    private static final int FIRST_VERSION = 10;
    private static final int MAX_METADATA_CHARS = 1024;

    private static final XMLInputFactory XML = factory();

    private static XMLInputFactory factory() {
        // The JDK's own parser, whatever else is on the class path (Woodstox comes with Jackson's XML module)
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }

    @Override
    public ModelFormat format() {
        return ModelFormat.OPENVINO;
    }

    /** A layer being read: its type, and the depth of its element, for the {@code <data>} right inside it. */
    private record Layer(String type, String name, int depth) {
    }

    /** Constants of one odd kind: how many, and the first one's name for the warning. */
    private static final class Odd {
        final String firstName;
        long constants;

        Odd(String firstName) {
            this.firstName = firstName;
        }
    }

    /** What the walk has counted. */
    private static final class Tally {
        final String path;
        final WeightCount count;
        final Set<Region> regions = new HashSet<>();
        final Map<String, Odd> odd = new LinkedHashMap<>();
        final Map<String, String> metadata = new TreeMap<>();
        final long binSize;
        long constants;
        long shared;

        Tally(String path, long binSize) {
            this.path = path;
            this.count = new WeightCount(path, "its constants");
            this.binSize = binSize;
        }
    }

    /** Bytes of the {@code .bin}: where a constant's data lies. */
    private record Region(long offset, long size) {
    }

    @Override
    public ModelFacts read(ModelSource xml) throws IOException {
        String path = xml.path();
        if (xml.size() > MAX_XML_BYTES) {
            throw new ModelFormatException(path, "is " + xml.size() + " bytes, larger than the " + MAX_XML_BYTES
                    + "-byte limit for an OpenVINO IR .xml");
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        String binName = (name.lastIndexOf('.') < 0 ? name : name.substring(0, name.lastIndexOf('.'))) + ".bin";
        Optional<ModelSource> bin = xml.resolve(binName);
        List<String> warnings = new ArrayList<>();
        if (xml.origin() == null) {
            warnings.add(path + ": its weights file " + binName + " is not checked: the model is not a file on disk");
        } else if (bin.isEmpty()) {
            throw new ModelFormatException(path, "keeps its weights in " + binName + ", which is missing beside it");
        }
        Tally tally = new Tally(path, bin.map(ModelSource::size).orElse(-1L));
        try (InputStream in = new BoundedXmlInput(xml.open(), path)) {
            // OpenVINO writes UTF-8; decoding as UTF-8 whatever the declaration says keeps BoundedXmlInput, which
            // looks at bytes, seeing the same '<' and '!' the parser sees
            XMLStreamReader reader = XML.createXMLStreamReader(in, "UTF-8");
            try {
                walk(reader, tally);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            Optional<ModelFormatException> refused = refusal(e);
            if (refused.isPresent()) {
                throw refused.get(); // a bound of BoundedXmlInput, reached while the parser read
            }
            throw new ModelFormatException(path, "is not well-formed XML: " + e.getMessage());
        }
        if (tally.shared > 0) {
            tally.metadata.put("openvino.sharedConstants", Long.toString(tally.shared));
        }
        tally.odd.forEach((why, kind) -> warnings.add(path + ": " + (kind.constants == 1 ? "Const layer '"
                + kind.firstName + "': " + why : kind.constants + " Const layers ('" + kind.firstName
                + "' and others): " + why)));
        return new ModelFacts(ModelFormat.OPENVINO, tally.count.parameters(), tally.count.weightsBytes(),
                tally.count.tensors(), null, tally.metadata, warnings).withParts(bin.map(List::of).orElse(List.of()));
    }

    /** The refusal of {@link BoundedXmlInput} the parser wrapped, if that is what stopped it. */
    private static Optional<ModelFormatException> refusal(XMLStreamException e) {
        Throwable cause = e;
        for (int i = 0; cause != null && i < 8; i++) { // a few wrappings deep; never a cycle
            if (cause instanceof ModelFormatException refused) {
                return Optional.of(refused);
            }
            cause = cause instanceof XMLStreamException stream && stream.getNestedException() != null
                    ? stream.getNestedException() : cause.getCause();
        }
        return Optional.empty();
    }

    private static void walk(XMLStreamReader reader, Tally tally) throws XMLStreamException, IOException {
        Deque<Layer> layers = new ArrayDeque<>();
        int depth = 0;
        boolean net = false;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new ModelFormatException(tally.path, "declares a DTD or uses an entity: refused");
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                if (!layers.isEmpty() && layers.peek().depth() == depth) {
                    layers.pop();
                }
                depth--;
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (++depth > MAX_XML_DEPTH) {
                throw new ModelFormatException(tally.path, "nests elements more than " + MAX_XML_DEPTH + " deep");
            }
            String element = reader.getLocalName();
            if (depth == 1) {
                net = net(reader, element, tally);
            } else if (element.equals("layer")) {
                layers.push(new Layer(attribute(reader, "type"), attribute(reader, "name"), depth));
            } else if (element.equals("data") && !layers.isEmpty() && layers.peek().depth() == depth - 1
                    && "Const".equals(layers.peek().type())) {
                constant(reader, layers.peek(), tally);
            }
        }
        if (!net) {
            throw new ModelFormatException(tally.path, "has no <net> element: not an OpenVINO IR model");
        }
    }

    /** The root: {@code <net name version>}; versions before 10 describe constants otherwise. */
    private static boolean net(XMLStreamReader reader, String element, Tally tally) throws ModelFormatException {
        if (!element.equals("net")) {
            throw new ModelFormatException(tally.path, "has the root element <" + element + ">, not <net>: not an"
                    + " OpenVINO IR model");
        }
        String version = attribute(reader, "version");
        int number;
        try {
            number = version == null ? -1 : Integer.parseInt(version.strip());
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < FIRST_VERSION) {
            throw new ModelFormatException(tally.path, "is IR version " + version + "; only versions "
                    + FIRST_VERSION + " and later (OpenVINO 2020.1 and later), whose Const layers carry element_type"
                    + " and shape, are read");
        }
        tally.metadata.put("openvino.irVersion", Integer.toString(number));
        String name = attribute(reader, "name");
        if (name != null && !name.isEmpty() && name.length() <= MAX_METADATA_CHARS) {
            tally.metadata.put("openvino.name", name);
        }
        return true;
    }

    /** A Const layer's {@code <data element_type shape offset size>}. */
    private static void constant(XMLStreamReader reader, Layer layer, Tally tally) throws ModelFormatException {
        if (++tally.constants > MAX_CONSTANTS) {
            throw new ModelFormatException(tally.path, "holds more than " + MAX_CONSTANTS + " Const layers");
        }
        String where = "Const layer '" + (layer.name() == null ? "" : layer.name()) + "'";
        String elementType = attribute(reader, "element_type");
        String shape = attribute(reader, "shape");
        long offset = number(tally, where, "offset", attribute(reader, "offset"));
        long size = number(tally, where, "size", attribute(reader, "size"));
        if (elementType == null || shape == null) {
            throw new ModelFormatException(tally.path, where + " has no " + (elementType == null ? "element_type"
                    : "shape"));
        }
        long elements = Checked.elements(tally.path, where, dims(tally, where, shape));
        long end = Checked.sum(tally.path, where + " offset and size", offset, size);
        if (tally.binSize >= 0 && end > tally.binSize) {
            throw new ModelFormatException(tally.path, where + " needs bytes " + offset + ".." + end + " of the .bin,"
                    + " which holds " + tally.binSize);
        }
        if (!tally.regions.add(new Region(offset, size))) {
            tally.shared++;
            return;
        }
        Optional<OpenVinoType> type = OpenVinoType.of(elementType);
        String dtype = type.map(OpenVinoType::dtype).orElse("OPENVINO_" + elementType);
        tally.count.tensor(dtype, elements, size);
        String why = null;
        if (type.isEmpty()) {
            why = "element_type '" + elementType + "' is not one OpenVINO defines; its elements are counted under "
                    + dtype + ", its bytes are its size";
        } else if (type.get().hasFixedSize() && size != Checked.bytes(tally.path, where, elements, type.get().bits())) {
            why = "its size in the .bin is other than the bytes its shape and element_type take; the size is counted";
        }
        if (why != null) {
            tally.odd.computeIfAbsent(why, reason -> new Odd(layer.name() == null ? "" : layer.name())).constants++;
        }
    }

    /** {@code "64,3,7,7"}; an empty shape is a scalar. */
    private static long[] dims(Tally tally, String where, String shape) throws ModelFormatException {
        String trimmed = shape.strip();
        if (trimmed.isEmpty()) {
            return new long[0];
        }
        String[] parts = trimmed.split(",", MAX_DIMS + 1);
        if (parts.length > MAX_DIMS) {
            throw new ModelFormatException(tally.path, where + " has more than " + MAX_DIMS + " dimensions");
        }
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            dims[i] = number(tally, where, "shape", parts[i]);
        }
        return dims;
    }

    private static long number(Tally tally, String where, String what, String value) throws ModelFormatException {
        if (value == null) {
            throw new ModelFormatException(tally.path, where + " has no " + what);
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ModelFormatException(tally.path, where + " has " + what + " '" + value + "', which is not a"
                + " non-negative whole number");
    }

    private static String attribute(XMLStreamReader reader, String name) {
        return reader.getAttributeValue(null, name);
    }
}
