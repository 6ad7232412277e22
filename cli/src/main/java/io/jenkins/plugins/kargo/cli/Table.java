package io.jenkins.plugins.kargo.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A kubectl-style table: upper-case headers, columns padded to their widest cell, three spaces apart. */
final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    Table row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    void print(PrintWriter out, boolean withHeaders) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = withHeaders ? headers.get(c).length() : 0;
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        if (withHeaders) {
            printRow(out, headers, widths);
        }
        for (List<String> row : rows) {
            printRow(out, row, widths);
        }
        out.flush();
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            line.append(cell);
            if (c < cells.size() - 1) {
                line.append(" ".repeat(widths[c] - cell.length() + 3));
            }
        }
        out.println(line.toString().stripTrailing());
    }
}
