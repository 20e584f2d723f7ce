package lottery.bench;

import java.util.List;
import java.util.Locale;

/**
 * The ratio table printed by {@code bench gemm} and written (as Markdown) by {@code bench sweep}:
 * one row per product, threads and density, with median ms per implementation and the ratios
 * masked/dense (time), sparse speedup over dense (dense time / sparse time) and dense/OpenBLAS
 * (dense GFLOP/s over OpenBLAS GFLOP/s, 1.0 = parity); and when N:M or BSR kernels ran, their ms and
 * speedups over dense.
 */
public final class TextTable {
    private TextTable() {}

    private static final String[] HEAD = {"shape", "op", "m x n x k", "thr", "pattern", "density", "dense ms", "masked ms",
            "sparse ms", "openblas ms", "masked/dense", "sparse speedup", "dense/openblas"};

    private static final String[] STRUCTURED = {"nm ms", "bsr ms", "nm speedup", "bsr speedup"};

    public static String render(List<Ratios.Row> rows, boolean markdown) {
        boolean structured = rows.stream().anyMatch(r -> !Double.isNaN(r.nmMs()) || !Double.isNaN(r.bsrMs()));
        String[] head = structured ? concat(HEAD, STRUCTURED) : HEAD;
        String[][] cells = new String[rows.size() + 1][];
        cells[0] = head;
        for (int i = 0; i < rows.size(); i++) {
            Ratios.Row r = rows.get(i);
            cells[i + 1] = new String[]{r.shape(), r.op(), r.m() + "x" + r.n() + "x" + r.k(), Integer.toString(r.threads()), r.pattern(),
                    fmt(r.density()), ms(r.denseMs()), ms(r.maskedMs()), ms(r.sparseMs()), ms(r.openblasMs()),
                    ratio(r.maskedOverDense()), ratio(r.sparseSpeedup()), ratio(r.denseOverOpenblas())};
            if (structured)
                cells[i + 1] = concat(cells[i + 1], new String[]{ms(r.nmMs()), ms(r.bsrMs()), ratio(r.nmSpeedup()), ratio(r.bsrSpeedup())});
        }
        int[] w = new int[head.length];
        for (String[] row : cells) for (int j = 0; j < row.length; j++) w[j] = Math.max(w[j], row[j].length());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line(sb, cells[i], w, markdown);
            if (i == 0 && markdown) {
                String[] sep = new String[w.length];
                for (int j = 0; j < w.length; j++) sep[j] = "-".repeat(w[j]);
                line(sb, sep, w, true);
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] row, int[] w, boolean markdown) {
        if (markdown) sb.append("| ");
        for (int j = 0; j < row.length; j++) {
            boolean left = j < 5;
            String cell = left ? String.format("%-" + w[j] + "s", row[j]) : String.format("%" + w[j] + "s", row[j]);
            sb.append(cell).append(markdown ? " | " : "  ");
        }
        sb.setLength(sb.length() - (markdown ? 1 : 2));
        sb.append('\n');
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String fmt(double d) { return String.format(Locale.ROOT, "%.3f", d).replaceAll("0+$", "").replaceAll("\\.$", ".0"); }

    static String ms(double v) {
        if (Double.isNaN(v)) return "-";
        return String.format(Locale.ROOT, v >= 100 ? "%.1f" : v >= 1 ? "%.3f" : "%.4f", v);
    }

    static String ratio(double v) { return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%.2f", v); }
}
