package dev.localagent.studio.service.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A small line chart drawn as inline SVG, so an HTML report needs no script or network to show its
 * charts. Series share the x axis (seconds from the start); nulls leave gaps. Optionally a band
 * under the plot colours each interval by the breaker's state. Not thread-safe.
 */
final class SvgChart {

    record Series(String name, String colour, List<Double> values) {}

    private static final int W = 760;
    private static final int H = 220;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 24;
    private static final int BOTTOM = 44;

    private final String title;
    private final String unit;
    private final List<Double> xs;
    private final List<Series> series = new ArrayList<>();
    private List<String> band;

    SvgChart(String title, String unit, List<Double> xs) {
        this.title = title;
        this.unit = unit;
        this.xs = xs;
    }

    SvgChart series(String name, String colour, List<TimelinePoint> points, Function<TimelinePoint, Double> value) {
        series.add(new Series(name, colour, points.stream().map(value).toList()));
        return this;
    }

    SvgChart series(Series s) {
        series.add(s);
        return this;
    }

    /** Colours the strip under the plot by each interval's breaker state. */
    SvgChart breakerBand(List<String> states) {
        band = states;
        return this;
    }

    String svg() {
        double maxX = xs.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double maxY = series.stream().flatMap(s -> s.values().stream()).filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(1);
        maxY = niceCeiling(maxY);
        maxX = maxX <= 0 ? 1 : maxX;
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", W, H,
                ReportHtml.escape(title)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" class=\"title\">%s</text>", LEFT, ReportHtml.escape(title)));
        for (int i = 0; i <= 4; i++) {
            double v = maxY * i / 4;
            double y = TOP + plotH - plotH * i / 4.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", LEFT, W - RIGHT, y, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">%s</text>", LEFT - 6, y + 4,
                    label(v)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"axis\">%s</text>", 4, TOP - 8, ReportHtml.escape(unit)));
        for (int i = 0; i <= 5; i++) {
            double x = LEFT + plotW * i / 5.0;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">%s s</text>", x, H - BOTTOM + 16,
                    label(maxX * i / 5)));
        }
        if (band != null) {
            for (int i = 0; i < xs.size() && i < band.size(); i++) {
                double x0 = LEFT + plotW * ((i == 0 ? 0 : xs.get(i - 1)) / maxX);
                double x1 = LEFT + plotW * (xs.get(i) / maxX);
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"8\" class=\"band-%s\"><title>%s</title></rect>",
                        x0, H - BOTTOM + 24, Math.max(0.5, x1 - x0), bandClass(band.get(i)), ReportHtml.escape(band.get(i))));
            }
        }
        for (Series line : series) {
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < xs.size() && i < line.values().size(); i++) {
                Double v = line.values().get(i);
                if (v == null) {
                    pen = false;
                    continue;
                }
                double x = LEFT + plotW * (xs.get(i) / maxX);
                double y = TOP + plotH - plotH * Math.min(1, v / maxY);
                path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                pen = true;
            }
            s.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\"/>", path.toString().strip(),
                    line.colour()));
        }
        int lx = LEFT + 120;
        for (Series line : series) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"8\" width=\"10\" height=\"10\" fill=\"%s\"/>", lx, line.colour()));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"17\" class=\"axis\">%s</text>", lx + 14, ReportHtml.escape(line.name())));
            lx += 24 + 7 * line.name().length();
        }
        s.append("</svg>");
        return s.toString();
    }

    private static String bandClass(String state) {
        return switch (state == null ? "" : state) {
            case "OPEN" -> "open";
            case "HALF_OPEN" -> "half";
            default -> "closed";
        };
    }

    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String label(double v) {
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
