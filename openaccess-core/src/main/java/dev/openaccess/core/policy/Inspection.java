package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.format.ModelFile;
import java.util.List;

/** What the consumer's own reading of a dependency's file found. */
public sealed interface Inspection {

    /** Whether the file holds models, read or still to be read. */
    default boolean holdsModels() {
        return this instanceof Models || this instanceof ToRead;
    }

    /**
     * A first look found models in the file, not read yet ({@link DependencyJudge#survey}); {@link
     * DependencyJudge#read} reads them.
     */
    record ToRead(List<ModelFile> files, List<String> warnings) implements Inspection {

        public ToRead {
            files = List.copyOf(files);
            warnings = List.copyOf(warnings);
        }
    }

    /** The build has no file for the dependency (or it vanished). */
    record NoFile(String why) implements Inspection {
    }

    /** The file holds no model: decided from its name and magic, or an archive's entry names and magic. */
    record NoModel(String why) implements Inspection {
    }

    /**
     * The models the file holds, read header-only (or remembered from an earlier build by the file's digest).
     *
     * @param sha256   the file's digest, null for a folder
     * @param warnings what the readers skipped or could not account for
     * @param cached   whether the reading came from the cache
     */
    record Models(String sha256, List<ModelEntry> models, List<String> warnings, boolean cached)
            implements Inspection {

        public Models {
            models = List.copyOf(models);
            warnings = List.copyOf(warnings);
        }
    }

    /** The file looks like it holds a model, but reading it failed. */
    record Unreadable(String message) implements Inspection {
    }
}
