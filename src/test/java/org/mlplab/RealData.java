package org.mlplab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.mlplab.data.Dataset;

/** Real datasets for the tests, as {@link Dataset}s with standardised features. */
public final class RealData {
    private static final Path SKLEARN = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data");

    private RealData() {
    }

    /** The 1797 8×8 digits, 64 standardised features, 10 classes. */
    public static Dataset digits() {
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(SKLEARN.resolve("digits.csv.gz")))))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] p = line.split(",");
                double[] row = new double[64];
                for (int i = 0; i < 64; i++) {
                    row[i] = Double.parseDouble(p[i]);
                }
                x.add(row);
                y.add((int) Double.parseDouble(p[64]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Dataset.classification(standardise(x.toArray(new double[0][])), y.stream().mapToInt(i -> i).toArray());
    }

    /** Diabetes: 442 rows, 10 standardised features, the disease progression as regression target. */
    public static Dataset diabetes() {
        double[][] x = readGz("diabetes_data_raw.csv.gz", " ");
        double[][] t = readGz("diabetes_target.csv.gz", " ");
        double[] y = new double[t.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = t[i][0];
        }
        return Dataset.regression(standardise(x), y);
    }

    private static double[][] readGz(String file, String separator) {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(SKLEARN.resolve(file)))))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] p = line.trim().split(separator);
                double[] row = new double[p.length];
                for (int i = 0; i < p.length; i++) {
                    row[i] = Double.parseDouble(p[i]);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows.toArray(new double[0][]);
    }

    static double[][] standardise(double[][] x) {
        int cols = x[0].length;
        for (int j = 0; j < cols; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= x.length;
            double var = 0;
            for (double[] row : x) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            double sd = Math.sqrt(var / x.length);
            for (double[] row : x) {
                row[j] = sd == 0 ? 0 : (row[j] - mean) / sd;
            }
        }
        return x;
    }
}
