package org.mlplab.nn;

import java.util.random.RandomGenerator;

/**
 * How a layer's weights are drawn before training, from its fan-in and fan-out.
 *
 * <p>Good choices keep the variance of activations and gradients roughly constant from layer to
 * layer: Xavier/Glorot for tanh and sigmoid, He/Kaiming for ReLU. Bad ones are expressible on
 * purpose — {@code normal(1.0)} in a deep sigmoid network is the classic vanishing-gradient setup.
 */
public sealed interface Init {

    /** All zeros (every unit stays identical: a lesson, not a choice). */
    Init ZEROS = new Uniform(0);
    /** Xavier/Glorot uniform: {@code U(-√(6/(in+out)), √(6/(in+out)))}. */
    Init XAVIER = new XavierUniform();
    /** Xavier/Glorot normal: {@code N(0, 2/(in+out))}. */
    Init XAVIER_NORMAL = new XavierNormal();
    /** He/Kaiming normal: {@code N(0, 2/in)}, for ReLU. */
    Init HE = new HeNormal();
    /** He/Kaiming uniform: {@code U(-√(6/in), √(6/in))}. */
    Init HE_UNIFORM = new HeUniform();
    /** LeCun normal: {@code N(0, 1/in)}. */
    Init LECUN = new LeCunNormal();

    /** {@code U(-a, a)}. */
    static Init uniform(double a) {
        return new Uniform(a);
    }

    /** {@code N(0, sigma²)}. */
    static Init normal(double sigma) {
        return new Normal(sigma);
    }

    /** One weight drawn for a layer with this fan-in and fan-out. */
    double sample(int fanIn, int fanOut, RandomGenerator random);

    /** The short name used in summaries, files and on the command line, e.g. {@code he} or {@code normal:0.5}. */
    String name();

    /**
     * The initialiser with this name: {@code zeros, xavier, xavier_normal, he, he_uniform, lecun,
     * normal:SIGMA, uniform:A}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    static Init parse(String text) {
        String[] parts = text.trim().toLowerCase().split(":", 2);
        String usage = "use zeros, xavier, xavier_normal, he, he_uniform, lecun, normal:SIGMA or uniform:A";
        return switch (parts[0]) {
            case "zeros" -> ZEROS;
            case "xavier", "glorot", "xavier_uniform" -> XAVIER;
            case "xavier_normal", "glorot_normal" -> XAVIER_NORMAL;
            case "he", "kaiming", "he_normal" -> HE;
            case "he_uniform", "kaiming_uniform" -> HE_UNIFORM;
            case "lecun" -> LECUN;
            case "normal", "uniform" -> {
                if (parts.length < 2) {
                    throw new IllegalArgumentException("'" + text + "' needs a scale, e.g. " + parts[0] + ":0.1");
                }
                double scale;
                try {
                    scale = Double.parseDouble(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("initialisation '" + text + "': the scale after ':' must be a "
                            + "number, e.g. " + parts[0] + ":0.1");
                }
                yield parts[0].equals("normal") ? normal(scale) : uniform(scale);
            }
            default -> throw new IllegalArgumentException("unknown initialisation '" + text + "': " + usage);
        };
    }

    /** {@code U(-a, a)}. */
    record Uniform(double a) implements Init {
        public Uniform {
            requireNonNegative(a, "uniform half-width");
        }

        public double sample(int fanIn, int fanOut, RandomGenerator random) {
            return a == 0 ? 0 : random.nextDouble(-a, a);
        }

        public String name() {
            return a == 0 ? "zeros" : "uniform:" + a;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** {@code N(0, sigma²)}. */
    record Normal(double sigma) implements Init {
        public Normal {
            requireNonNegative(sigma, "normal standard deviation");
        }

        public double sample(int fanIn, int fanOut, RandomGenerator random) {
            return sigma * random.nextGaussian();
        }

        public String name() {
            return "normal:" + sigma;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** {@code U(-√(6/(in+out)), √(6/(in+out)))}: variance {@code 2/(in+out)}. */
    record XavierUniform() implements Init {
        public double sample(int fanIn, int fanOut, RandomGenerator random) {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            return random.nextDouble(-limit, limit);
        }

        public String name() {
            return "xavier";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** {@code N(0, 2/(in+out))}. */
    record XavierNormal() implements Init {
        public double sample(int fanIn, int fanOut, RandomGenerator random) {
            return Math.sqrt(2.0 / (fanIn + fanOut)) * random.nextGaussian();
        }

        public String name() {
            return "xavier_normal";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** {@code N(0, 2/in)}. */
    record HeNormal() implements Init {
        public double sample(int fanIn, int fanOut, RandomGenerator random) {
            return Math.sqrt(2.0 / fanIn) * random.nextGaussian();
        }

        public String name() {
            return "he";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** {@code U(-√(6/in), √(6/in))}: variance {@code 2/in}. */
    record HeUniform() implements Init {
        public double sample(int fanIn, int fanOut, RandomGenerator random) {
            double limit = Math.sqrt(6.0 / fanIn);
            return random.nextDouble(-limit, limit);
        }

        public String name() {
            return "he_uniform";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** {@code N(0, 1/in)}. */
    record LeCunNormal() implements Init {
        public double sample(int fanIn, int fanOut, RandomGenerator random) {
            return Math.sqrt(1.0 / fanIn) * random.nextGaussian();
        }

        public String name() {
            return "lecun";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private static void requireNonNegative(double value, String what) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number ≥ 0, got " + value);
        }
    }
}
