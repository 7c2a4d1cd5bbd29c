package com.jobladder.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One scenario's figures: printed as an aligned table and written as CSV with the same columns. */
public final class ResultTable {
    private final String name;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    public ResultTable(String name, String... columns) {
        this.name = name;
        this.columns = List.of(columns);
    }

    public void add(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(
                    "table " + name + " has " + columns.size() + " columns, row has " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(format(cell));
        }
        rows.add(row);
    }

    List<List<String>> rows() {
        return rows;
    }

    static String format(Object cell) {
        if (cell instanceof Double d) {
            double a = Math.abs(d);
            return a >= 100 || a == 0
                    ? String.format("%.0f", d)
                    : a >= 10 ? String.format("%.1f", d) : String.format("%.2f", d);
        }
        return String.valueOf(cell);
    }

    /** Markdown-compatible table, so that it can be pasted into docs/performance.md as printed. */
    String render() {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, columns, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        line(out, rule, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.size(); i++) {
            out.append(' ')
                    .append(String.format("%-" + widths[i] + "s", cells.get(i)))
                    .append(" |");
        }
        out.append('\n');
    }

    /** Prints the table and writes {@code <out>/<name>.csv}. */
    public void publish(Path outDir) {
        System.out.println();
        System.out.print(render());
        try {
            Files.createDirectories(outDir);
            StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
            for (List<String> row : rows) {
                csv.append(String.join(
                                ",", row.stream().map(ResultTable::csvCell).toList()))
                        .append('\n');
            }
            Path file = outDir.resolve(name + ".csv");
            Files.writeString(file, csv);
            System.out.println("(written to " + file + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + ".csv under " + outDir, e);
        }
    }

    private static String csvCell(String cell) {
        return cell.contains(",") || cell.contains("\"") ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
