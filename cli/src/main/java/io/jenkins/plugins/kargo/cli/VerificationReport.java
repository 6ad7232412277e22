package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.application.view.VerificationDetail;
import io.jenkins.plugins.kargo.application.view.VerificationDetail.MetricLine;
import java.io.PrintWriter;

/** How a verification shows on the console: its outcome with a line per metric, or a table cell. */
final class VerificationReport {

    /** How much of a verification's reason a table shows (the rest is in {@code -o wide}, json and yaml). */
    static final int CELL_WIDTH = 60;

    private VerificationReport() {
    }

    /**
     * Prints each metric (phase, how many measurements, why) and then the verification's end.
     *
     * @return the exit code: OK only for a Successful verification
     */
    static int print(PrintWriter out, VerificationDetail run) {
        for (MetricLine metric : run.metrics()) {
            int measured = metric.measurements().size();
            out.println("  metric " + metric.name() + ": " + metric.phase() + " (" + measured
                    + (measured == 1 ? " measurement)" : " measurements)")
                    + (metric.message().isEmpty() ? "" : ": " + firstLine(metric.message())));
        }
        out.println("verification/" + run.name() + " " + run.phase() + (run.message().isEmpty() ? "" : ": " + run.message()));
        out.flush();
        if (!run.successful()) {
            throw new CommandFailure(ExitCodes.FAILED, "verification " + run.name() + " of stage " + run.stage()
                    + " ended " + run.phase());
        }
        return ExitCodes.OK;
    }

    /**
     * The phase and why, for a table: {@code Successful (approved by alice)}, {@code Failed: Metric "error-rate"
     * assessed Failed ...}, {@code Running (abort requested by bob)}; cut to {@code width} when it is positive.
     */
    static String summary(VerificationDetail run, int width) {
        String why = run.reason();
        return cut(why.isEmpty() ? run.phase()
                : run.successful() || !run.ended() ? run.phase() + " (" + why + ")"
                : run.phase() + ": " + why, width);
    }

    /** The text, cut to {@code width} with an ellipsis when it is longer and width is positive. */
    static String cut(String text, int width) {
        return width > 0 && text.length() > width ? text.substring(0, width - 3) + "..." : text;
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
