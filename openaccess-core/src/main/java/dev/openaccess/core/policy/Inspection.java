package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.UnreadFile;
import dev.openaccess.core.format.ModelFile;
import dev.openaccess.core.format.ModelFinder;
import java.util.List;

/** What the consumer's own reading of a dependency's file found. */
public sealed interface Inspection {

    /** Whether the file holds models (or files that look like models), read or still to be read. */
    default boolean holdsModels() {
        return this instanceof Models || this instanceof ToRead;
    }

    /**
     * A first look found models in the file, not read yet ({@link DependencyJudge#survey}); {@link
     * DependencyJudge#read} reads them.
     */
    record ToRead(ModelFinder.Found found, List<String> warnings) implements Inspection {

        public ToRead {
            warnings = List.copyOf(warnings);
        }

        /** The models found, to be read. */
        public List<ModelFile> files() {
            return found.models();
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
    record Models(String sha256, List<ModelEntry> models, List<String> warnings, boolean cached,
                  List<UnreadFile> unread) implements Inspection {

        public Models {
            models = List.copyOf(models);
            warnings = List.copyOf(warnings);
            unread = unread == null ? List.of() : List.copyOf(unread);
        }

        public Models(String sha256, List<ModelEntry> models, List<String> warnings, boolean cached) {
            this(sha256, models, warnings, cached, List.of());
        }
    }

    /** The file looks like it holds a model, but reading it failed. */
    record Unreadable(String message) implements Inspection {
    }
}
