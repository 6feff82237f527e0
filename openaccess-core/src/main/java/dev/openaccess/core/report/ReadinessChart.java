package dev.openaccess.core.report;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.FineTuningNeed;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Variant;
import dev.openaccess.core.estimate.Bytes;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.HardwareProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The memory each task needs against what each hardware profile offers, as an inline SVG that needs no script:
 * one bar per task (inference at each precision, the fine-tuning methods, a training replica) on a logarithmic
 * scale in binary units, one vertical line per profile at its usable memory, named on a slant above the plot, the
 * profile that holds the stored-precision inference (the artifact's rung) highlighted, each bar's size and the
 * smallest profile that holds it in a column beside the plot, and a caption that says how the bars are placed.
 */
public final class ReadinessChart {

    /** One bar: what it is, how many bytes, and the smallest profile that holds them (null: none). */
    record Bar(String label, long bytes, String minimumProfile) {
    }

    private static final int LABEL_WIDTH = 190;
    private static final int PLOT_LEFT = 200;
    private static final int PLOT_RIGHT = 620;
    /** The bars' values are written in a column right of the plot, where no profile line crosses them. */
    private static final int VALUE_LEFT = PLOT_RIGHT + 12;
    private static final int WIDTH = VALUE_LEFT + 200;
    /** Room above the plot for the profiles' names, steeply slanted so that close lines keep legible labels. */
    private static final int TOP = 132;
    private static final int NAME_ANGLE = -65;
    /** Names closer than this (a line of text, across the slant) would overlap: a close one moves right as much. */
    private static final double NAME_SPACING = 13;
    private static final int ROW = 26;
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    /** Under the chart: how the bars are placed, so that none surprises. */
    static final List<String> CAPTION = List.of(
            "Each bar ends at the memory the task needs; each profile's line at 90% of its memory (the rest is"
                    + " runtime, driver and fragmentation).",
            "Fine-tuning and training are placed on profiles with a GPU only: a bar that needs little memory still"
                    + " lands on the smallest GPU profile, not on the laptop.");

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
        List<Long> ticks = ticks(low, high);
        double from = Math.log10(ticks.get(0));
        double to = Math.log10(ticks.get(ticks.size() - 1));
        int plotBottom = TOP + bars.size() * ROW;
        int height = plotBottom + 30 + CAPTION.size() * 15 + 8;
        String rung = descriptor.requirements().inference().minimumProfile();

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"openaccess-chart\""
                + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Memory needed per task"
                + " against each hardware profile\" font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, height,
                WIDTH, height));
        svg.append("<title>Memory needed per task against each hardware profile (log scale)</title>\n");
        // the scale, in the binary units every figure of the page is written in
        for (long tick : ticks) {
            double x = x(tick, from, to);
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
                    + " stroke=\"#eeeeee\"/>%n", x, TOP - 6, x, plotBottom));
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\""
                    + " fill=\"#888888\">%s</text>%n", x, plotBottom + 14, escape(binary(tick))));
        }
        // one line per profile, at its usable memory, named above the plot on a slant, from left to right
        List<HardwareProfile> byMemory = new ArrayList<>(profiles);
        byMemory.sort(Comparator.comparingLong(HardwareCatalog::usableBytes));
        double lastName = Double.NEGATIVE_INFINITY;
        for (HardwareProfile profile : byMemory) {
            double x = x(HardwareCatalog.usableBytes(profile), from, to);
            double nameX = Math.max(x, lastName + NAME_SPACING);
            lastName = nameX;
            boolean highlighted = profile.id().equals(rung);
            svg.append(String.format(Locale.ROOT, "<line class=\"profile%s\" data-profile=\"%s\" x1=\"%.1f\" y1=\"%d\""
                            + " x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\" stroke-dasharray=\"%s\"/>%n",
                    highlighted ? " fitting" : "", escape(profile.id()), x, TOP - 6, x, plotBottom,
                    highlighted ? "#1a7f37" : "#888888", highlighted ? "2.5" : "1", highlighted ? "none" : "4 3"));
            svg.append(String.format(Locale.ROOT, "<text class=\"profile-name\" x=\"%.1f\" y=\"%d\""
                            + " transform=\"rotate(%d %.1f %d)\" fill=\"%s\"%s>%s</text>%n", nameX, TOP - 10,
                    NAME_ANGLE, nameX, TOP - 10, highlighted ? "#1a7f37" : "#555555",
                    highlighted ? " font-weight=\"bold\"" : "",
                    escape(profile.id() + " " + Bytes.human(HardwareCatalog.usableBytes(profile)))));
        }
        // one bar per task, its value in the column right of the plot
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
            svg.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%d\" y=\"%d\" fill=\"#333333\">%s</text>%n",
                    VALUE_LEFT, y + 13, escape(Bytes.human(bar.bytes()) + " → "
                            + (bar.minimumProfile() == null ? "cluster" : bar.minimumProfile()))));
            y += ROW;
        }
        int line = plotBottom + 34;
        for (String caption : CAPTION) {
            svg.append(String.format(Locale.ROOT, "<text class=\"caption\" x=\"%d\" y=\"%d\" fill=\"#555555\">%s"
                    + "</text>%n", 4, line, escape(caption)));
            line += 15;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /**
     * The scale's ticks: 1, 10 and 100 of each binary unit (1 MiB, 10 MiB, 100 MiB, 1 GiB, ...), from the last at or
     * below {@code low} to the first at or above {@code high}.
     */
    static List<Long> ticks(double low, double high) {
        List<Long> all = new ArrayList<>();
        for (int unit = 0; unit < BINARY_UNITS.length; unit++) {
            for (long multiple : new long[] {1, 10, 100}) {
                all.add(multiple << (10 * unit));
            }
        }
        int first = 0;
        while (first + 1 < all.size() && all.get(first + 1) <= Math.max(1, low)) {
            first++;
        }
        int last = first + 1;
        while (last + 1 < all.size() && all.get(last) < high) {
            last++;
        }
        return List.copyOf(all.subList(first, last + 1));
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

    /** A tick as the page writes sizes: {@code 10 MiB}, {@code 1 GiB}. */
    static String binary(long tick) {
        int unit = 0;
        long value = tick;
        while (value >= 1024 && value % 1024 == 0 && unit < BINARY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return value + " " + BINARY_UNITS[unit];
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
