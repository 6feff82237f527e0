package dev.openaccess.core.report;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.FineTuningNeed;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Variant;
import dev.openaccess.core.estimate.Bytes;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.HardwareProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The memory each task needs against what each hardware profile offers, as an inline SVG that needs no script:
 * one bar per task (inference at each precision, the fine-tuning methods, a training replica) on a logarithmic
 * scale, one vertical line per profile at its usable memory, the profile that holds the stored-precision inference
 * (the artifact's rung) highlighted, and each bar labelled with its size and the smallest profile that holds it.
 */
public final class ReadinessChart {

    /** One bar: what it is, how many bytes, and the smallest profile that holds them (null: none). */
    record Bar(String label, long bytes, String minimumProfile) {
    }

    private static final int WIDTH = 820;
    private static final int LABEL_WIDTH = 190;
    private static final int PLOT_LEFT = 200;
    private static final int PLOT_RIGHT = 640;
    private static final int TOP = 40;
    private static final int ROW = 26;

    private ReadinessChart() {
    }

    /** The chart for {@code descriptor}, judged against {@code catalog}'s profiles. */
    public static String svg(Descriptor descriptor, HardwareCatalog catalog) {
        List<Bar> bars = bars(descriptor.requirements());
        List<HardwareProfile> profiles = catalog.profiles();
        double low = Double.MAX_VALUE;
        double high = 0;
        for (Bar bar : bars) {
            low = Math.min(low, bar.bytes());
            high = Math.max(high, bar.bytes());
        }
        for (HardwareProfile profile : profiles) {
            low = Math.min(low, HardwareCatalog.usableBytes(profile));
            high = Math.max(high, HardwareCatalog.usableBytes(profile));
        }
        double from = Math.floor(Math.log10(Math.max(1, low)));
        double to = Math.ceil(Math.log10(Math.max(10, high)));
        int height = TOP + bars.size() * ROW + 40;
        String rung = descriptor.requirements().inference().minimumProfile();

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"openaccess-chart\""
                + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Memory needed per task"
                + " against each hardware profile\" font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, height,
                WIDTH, height));
        svg.append("<title>Memory needed per task against each hardware profile (log scale)</title>\n");
        // decades of the scale
        for (int decade = (int) from; decade <= (int) to; decade++) {
            double x = x(Math.pow(10, decade), from, to);
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
                    + " stroke=\"#eeeeee\"/>%n", x, TOP - 6, x, height - 30));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#888888\">"
                    + "%s</text>%n", x, height - 16, escape(decimal(decade))));
        }
        // one line per profile, at its usable memory
        int labelRow = 0;
        for (HardwareProfile profile : profiles) {
            double x = x(HardwareCatalog.usableBytes(profile), from, to);
            boolean highlighted = profile.id().equals(rung);
            svg.append(String.format(Locale.ROOT, "<line class=\"profile%s\" data-profile=\"%s\" x1=\"%.1f\" y1=\"%d\""
                            + " x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\" stroke-dasharray=\"%s\"/>%n",
                    highlighted ? " fitting" : "", escape(profile.id()), x, TOP - 6, x, height - 30,
                    highlighted ? "#1a7f37" : "#888888", highlighted ? "2.5" : "1", highlighted ? "none" : "4 3"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\"%s>"
                            + "%s</text>%n", x, 12 + (labelRow++ % 2) * 13, highlighted ? "#1a7f37" : "#555555",
                    highlighted ? " font-weight=\"bold\"" : "", escape(profile.id())));
        }
        // one bar per task
        int y = TOP;
        for (Bar bar : bars) {
            double end = x(bar.bytes(), from, to);
            String color = bar.minimumProfile() == null ? "#cf222e" : bar.minimumProfile().equals(rung) ? "#1a7f37"
                    : "#0969da";
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL_WIDTH, y + 13, escape(bar.label())));
            svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" data-task=\"%s\" data-bytes=\"%d\""
                            + " data-profile=\"%s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>%n",
                    escape(bar.label()), bar.bytes(), bar.minimumProfile() == null ? "cluster" : bar.minimumProfile(),
                    PLOT_LEFT, y, Math.max(1, end - PLOT_LEFT), color));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#333333\">%s</text>%n",
                    Math.max(end, PLOT_LEFT) + 4, y + 13, escape(Bytes.human(bar.bytes()) + " → "
                            + (bar.minimumProfile() == null ? "cluster" : bar.minimumProfile()))));
            y += ROW;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    static List<Bar> bars(Requirements requirements) {
        List<Bar> bars = new ArrayList<>();
        for (Variant variant : requirements.inference().variants()) {
            bars.add(new Bar("inference, " + variant.precision() + (variant.stored() ? " (stored)" : ""),
                    variant.totalBytes(), variant.minimumProfile()));
        }
        if (requirements.fineTuning() != null) {
            bars.add(bar("fine-tuning, full", requirements.fineTuning().full()));
            bars.add(bar("fine-tuning, LoRA", requirements.fineTuning().lora()));
            bars.add(bar("fine-tuning, QLoRA", requirements.fineTuning().qlora()));
        }
        if (requirements.training() != null) {
            bars.add(new Bar("training, one replica", requirements.training().totalBytes(),
                    requirements.training().minimumProfile()));
        }
        return bars;
    }

    private static Bar bar(String label, FineTuningNeed need) {
        return new Bar(label, need.totalBytes(), need.minimumProfile());
    }

    /** Position of {@code bytes} on the logarithmic axis. */
    private static double x(double bytes, double fromDecade, double toDecade) {
        double share = (Math.log10(Math.max(1, bytes)) - fromDecade) / (toDecade - fromDecade);
        return PLOT_LEFT + Math.max(0, Math.min(1, share)) * (PLOT_RIGHT - PLOT_LEFT);
    }

    /** {@code 10^decade} bytes as a round SI figure: 10 MB, 100 MB, 1 GB. */
    static String decimal(int decade) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        int unit = Math.min(decade / 3, units.length - 1);
        long value = (long) Math.pow(10, decade - unit * 3);
        return value + " " + units[unit];
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
