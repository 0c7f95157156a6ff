package org.mlplab.plot;

import java.util.List;
import org.mlplab.data.Dataset;
import org.mlplab.internal.Numbers;

/**
 * The plane a 2-D picture of a data set shows: its two features as they are, or for wider data the
 * plane through the mean spanned by its first two principal components (the directions of largest
 * variance), so that a model of any width can be drawn over it. A point {@code (u, v)} of the
 * plane is the input {@code mean + u·axis1 + v·axis2}.
 *
 * @param titles the axes' titles: the feature names, or {@code PC1 (62 % of the variance)}, ...
 * @param mean   the origin of the plane, one entry per feature
 * @param axes   two orthonormal directions, each one entry per feature
 */
record Projection(List<String> titles, double[] mean, double[][] axes) {

    /** Iterations of the power method: far more than a feature set of notebook size needs to converge. */
    private static final int ITERATIONS = 500;

    /** The plane of {@code data}: its own two features, or its first two principal components. */
    static Projection of(Dataset data) {
        int features = data.features();
        if (features < 2) {
            throw new IllegalArgumentException("a 2-D picture needs at least 2 features, the data has " + features);
        }
        if (features == 2) {
            return new Projection(data.featureNames(), new double[2], new double[][] {{1, 0}, {0, 1}});
        }
        double[][] x = data.x();
        double[] mean = new double[features];
        for (double[] row : x) {
            for (int j = 0; j < features; j++) {
                mean[j] += row[j] / x.length;
            }
        }
        double[][] covariance = new double[features][features];
        for (double[] row : x) {
            for (int i = 0; i < features; i++) {
                for (int j = 0; j < features; j++) {
                    covariance[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]) / x.length;
                }
            }
        }
        double total = 0;
        for (int i = 0; i < features; i++) {
            total += covariance[i][i];
        }
        double[] first = principal(covariance);
        double firstVariance = deflate(covariance, first);
        double[] second = orthogonal(principal(covariance), first);
        double secondVariance = deflate(covariance, second);
        return new Projection(List.of(title(1, firstVariance, total), title(2, secondVariance, total)), mean,
                new double[][] {first, second});
    }

    /** The unit eigenvector of the largest eigenvalue of a symmetric positive semi-definite matrix, its largest entry positive. */
    private static double[] principal(double[][] m) {
        int n = m.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 1 + 0.01 * i;   // not orthogonal to any eigenvector that matters, and the same every time
        }
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    next[i] += m[i][j] * v[j];
                }
            }
            double norm = Math.sqrt(dot(next, next));
            if (norm == 0) {   // no variance left: any direction orthogonal to the earlier ones will do
                return v;
            }
            for (int i = 0; i < n; i++) {
                v[i] = next[i] / norm;
            }
        }
        int largest = 0;
        for (int i = 1; i < n; i++) {
            largest = Math.abs(v[i]) > Math.abs(v[largest]) ? i : largest;
        }
        if (v[largest] < 0) {
            for (int i = 0; i < n; i++) {
                v[i] = -v[i];
            }
        }
        return v;
    }

    /** Removes the direction {@code v} from {@code m} ({@code m ← m − λ v vᵀ}); returns its variance {@code λ}. */
    private static double deflate(double[][] m, double[] v) {
        double[] mv = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                mv[i] += m[i][j] * v[j];
            }
        }
        double lambda = dot(v, mv);
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                m[i][j] -= lambda * v[i] * v[j];
            }
        }
        return lambda;
    }

    /** {@code v} less its component along the unit vector {@code u}, scaled to length 1 (exact where rounding left a trace of {@code u}). */
    private static double[] orthogonal(double[] v, double[] u) {
        double along = dot(v, u);
        double[] w = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            w[i] = v[i] - along * u[i];
        }
        double norm = Math.sqrt(dot(w, w));
        for (int i = 0; i < v.length; i++) {
            w[i] /= norm;
        }
        return w;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static String title(int component, double variance, double total) {
        return "PC" + component + " (" + Numbers.compact(total > 0 ? 100 * variance / total : 0) + " % of the variance)";
    }

    /** Each row's point on the plane, {@code (u, v)}: its offset from the mean along each axis. */
    double[][] project(double[][] x) {
        double[][] points = new double[x.length][2];
        for (int r = 0; r < x.length; r++) {
            for (int k = 0; k < 2; k++) {
                for (int j = 0; j < mean.length; j++) {
                    points[r][k] += (x[r][j] - mean[j]) * axes[k][j];
                }
            }
        }
        return points;
    }

    /** The inputs at these points of the plane: {@code mean + u·axis1 + v·axis2}. */
    double[][] lift(double[][] points) {
        double[][] x = new double[points.length][mean.length];
        for (int r = 0; r < points.length; r++) {
            for (int j = 0; j < mean.length; j++) {
                x[r][j] = mean[j] + points[r][0] * axes[0][j] + points[r][1] * axes[1][j];
            }
        }
        return x;
    }
}
