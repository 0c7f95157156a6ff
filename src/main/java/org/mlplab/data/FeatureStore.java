package org.mlplab.data;

/**
 * The feature values of a {@link Dataset}, row-major ({@code rows × width}): either {@code double}
 * values, or one byte per value standing for one of 256 levels, as image pixels are stored (an
 * eighth of the memory). Either way a row reads back as the same {@code double} values, so training
 * on either is the same, bit for bit.
 */
sealed interface FeatureStore {

    /** Value {@code index} (row-major). */
    double get(int index);

    /** Copies rows {@code order[from..from+count)} into {@code dest}, row-major. */
    void gather(int[] order, int from, int count, int width, double[] dest);

    /** A store of the rows at {@code indices}, in this order, in the same representation. */
    FeatureStore rows(int[] indices, int width);

    /**
     * The first value among the first {@code count} that is NaN or infinite, as its index, or -1.
     */
    int firstNonFinite(int count);

    /** {@code double} values. */
    record Doubles(double[] values) implements FeatureStore {
        @Override
        public double get(int index) {
            return values[index];
        }

        @Override
        public void gather(int[] order, int from, int count, int width, double[] dest) {
            for (int i = 0; i < count; i++) {
                System.arraycopy(values, order[from + i] * width, dest, i * width, width);
            }
        }

        @Override
        public FeatureStore rows(int[] indices, int width) {
            double[] copy = new double[indices.length * width];
            gather(indices, 0, indices.length, width, copy);
            return new Doubles(copy);
        }

        @Override
        public int firstNonFinite(int count) {
            for (int k = 0; k < count; k++) {
                if (!Double.isFinite(values[k])) {
                    return k;
                }
            }
            return -1;
        }
    }

    /** One unsigned byte per value, standing for {@code levels[code & 0xFF]}. */
    final class Bytes implements FeatureStore {
        private final byte[] codes;
        private final double[] levels;

        /**
         * @param codes  one byte per value; not copied
         * @param levels the 256 values a byte stands for
         */
        Bytes(byte[] codes, double[] levels) {
            if (levels.length != 256) {
                throw new IllegalArgumentException("a byte store needs 256 levels, got " + levels.length);
            }
            this.codes = codes;
            this.levels = levels.clone();
        }

        @Override
        public double get(int index) {
            return levels[codes[index] & 0xFF];
        }

        @Override
        public void gather(int[] order, int from, int count, int width, double[] dest) {
            for (int i = 0; i < count; i++) {
                for (int j = 0, source = order[from + i] * width, to = i * width; j < width; j++) {
                    dest[to + j] = levels[codes[source + j] & 0xFF];
                }
            }
        }

        @Override
        public FeatureStore rows(int[] indices, int width) {
            byte[] copy = new byte[indices.length * width];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(codes, indices[i] * width, copy, i * width, width);
            }
            return new Bytes(copy, levels);
        }

        @Override
        public int firstNonFinite(int count) {
            if (java.util.Arrays.stream(levels).allMatch(Double::isFinite)) {
                return -1;   // the usual case, known without reading the codes
            }
            for (int k = 0; k < count; k++) {
                if (!Double.isFinite(levels[codes[k] & 0xFF])) {
                    return k;
                }
            }
            return -1;
        }
    }
}
