package dev.openaccess.core.descriptor;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What loading a model does beyond reading data: {@code safe} when the format holds only data and descriptions of
 * it; {@code executes-code} when loading it runs code the file names (a pickle's imported callables, a Keras
 * {@code Lambda} layer), so that whoever loads it runs whatever it says.
 *
 * @param safe    false when loading the model executes code
 * @param imports the callables a pickle imports ({@code collections.OrderedDict}, {@code os.system}), sorted; empty
 *                for formats that import nothing
 */
public record Loading(boolean safe, List<String> imports) {

    /** Data only: every format that describes tensors and nothing else. */
    public static final Loading SAFE = new Loading(true, List.of());

    public Loading {
        imports = imports == null ? List.of() : imports.stream().sorted().distinct().toList();
    }

    /** Loading runs code: the callables it imports, as far as they are known. */
    public static Loading executesCode(List<String> imports) {
        return new Loading(false, imports);
    }

    /** {@code safe} or {@code executes-code}, as the summary and the ML-BOM say it. */
    @JsonIgnore
    public String kind() {
        return safe ? "safe" : "executes-code";
    }
}
