package dev.hakobu.bench.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One PNG with two panels: lines written and events stored per second over the run (from the sampler),
 * and the latency distribution (share of lines stored within x seconds), with the p99 target marked.
 */
final class ClusterChart {
    private ClusterChart() {}

    static void write(ClusterResult r, long[] all, long[] steady, Path png) throws IOException {
        BitmapEncoder.saveBitmap(
                List.of(throughput(r), latency(r, all, steady)),
                1,
                2,
                png.toString(),
                BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart throughput(ClusterResult r) {
        ClusterOptions o = r.options();
        XYChart c =
                new XYChartBuilder()
                        .width(800)
                        .height(480)
                        .title(
                                "%d agents -> %d aggregators -> %s"
                                        .formatted(o.agents(), o.aggregators(), o.output()))
                        .xAxisTitle("seconds since the first line")
                        .yAxisTitle("thousand lines / s")
                        .build();
        style(c, "0", "#,##0");
        List<Double> t = new ArrayList<>();
        List<Double> written = new ArrayList<>();
        List<Double> stored = new ArrayList<>();
        DeliverySampler.Sample prev = new DeliverySampler.Sample(0, 0, 0);
        List<DeliverySampler.Sample> samples = r.samples();
        for (int i = 0; i < samples.size(); i++) {
            DeliverySampler.Sample s = samples.get(i);
            double dt = s.seconds() - prev.seconds();
            if (dt < 0.99 && i < samples.size() - 1) {
                continue; // one point per second: chunks are stored in bursts, finer points are
                // only noise
            }
            t.add(s.seconds());
            written.add((s.written() - prev.written()) / dt / 1000);
            stored.add((s.delivered() - prev.delivered()) / dt / 1000);
            prev = s;
        }
        c.addSeries("written", t, written).setMarker(SeriesMarkers.NONE);
        c.addSeries("stored (delivered by the aggregators)", t, stored)
                .setMarker(SeriesMarkers.NONE);
        return c;
    }

    private static XYChart latency(ClusterResult r, long[] all, long[] steady) {
        ClusterResult.Latency l = r.steady();
        XYChart c =
                new XYChartBuilder()
                        .width(800)
                        .height(480)
                        .title(
                                "written -> stored after warm-up: p50 %.2f s, p99 %.2f s, max %.2f s"
                                        .formatted(l.p50() / 1000, l.p99() / 1000, l.max() / 1000))
                        .xAxisTitle("latency, seconds")
                        .yAxisTitle("% of lines stored within")
                        .build();
        style(c, "0.0", "#,##0");
        c.getStyler()
                .setYAxisMin(0.0)
                .setYAxisMax(105.0); // at exactly 100 XChart draws a tick every 3 %
        distribution(c, "lines written after the warm-up", steady);
        distribution(c, "all lines", all);
        double target = r.targetP99Ms() / 1000;
        c.addSeries("p99 target: chunk age + 2 s", List.of(target, target), List.of(0.0, 100.0))
                .setMarker(SeriesMarkers.NONE);
        c.addSeries(
                        "p99",
                        List.of(0.0, Math.max(target, r.latency().max() / 1000)),
                        List.of(99.0, 99.0))
                .setMarker(SeriesMarkers.NONE);
        return c;
    }

    /** The share of lines (y, %) stored within x seconds, from 1,001 quantiles. */
    private static void distribution(XYChart c, String name, long[] sorted) {
        if (sorted.length == 0) {
            return;
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            double q = i / 1000.0;
            x.add(ClusterResult.Latency.at(sorted, Math.max(q, 1.0 / sorted.length)) / 1000);
            y.add(q * 100);
        }
        c.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }

    private static void style(XYChart c, String xPattern, String yPattern) {
        c.getStyler().setXAxisDecimalPattern(xPattern).setYAxisDecimalPattern(yPattern);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    }
}
