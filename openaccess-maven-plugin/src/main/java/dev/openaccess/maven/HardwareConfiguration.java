package dev.openaccess.maven;

import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.HardwareProfile;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The hardware catalog a goal judges with, built the same way for every goal: the default catalog, or the JSON file
 * {@code hardwareCatalog} names, with the pom's {@code <hardwareProfiles>} added or replacing profiles by id.
 */
final class HardwareConfiguration {

    private HardwareConfiguration() {
    }

    static HardwareCatalog catalog(Path baseDir, File hardwareCatalog, List<HardwareProfileConfig> hardwareProfiles)
            throws MojoExecutionException {
        try {
            HardwareCatalog base = HardwareCatalog.defaults();
            if (hardwareCatalog != null) {
                Path file = baseDir.resolve(hardwareCatalog.toPath());
                try (InputStream in = Files.newInputStream(file)) {
                    base = HardwareCatalog.read(in, file.toString());
                }
            }
            List<HardwareProfile> extra = new ArrayList<>();
            for (HardwareProfileConfig profile : hardwareProfiles == null ? List.<HardwareProfileConfig>of()
                    : hardwareProfiles) {
                extra.add(profile.toProfile());
            }
            return base.with(extra);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("openaccess: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("openaccess: cannot read the hardware catalog " + hardwareCatalog + ": "
                    + e.getMessage(), e);
        }
    }
}
