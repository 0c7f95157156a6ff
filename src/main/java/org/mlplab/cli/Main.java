package org.mlplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.mlplab.bench.Bench;
import org.mlplab.bench.Workload;
import org.mlplab.nn.Precision;

/**
 * The command line behind {@code ./mlplab}: {@code train} (train from a CSV file) and
 * {@code bench} (training throughput). Exit codes: 0 success, 1 failure, 2 bad usage or input.
 */
public final class Main {
    static final String USAGE = """
            usage: mlplab train --data FILE.csv --target COLUMN [options]
                     --hidden 32,32          hidden layer widths (default 32)
                     --activation relu       hidden activation: relu, tanh, sigmoid, leaky_relu, elu, softplus
                     --init he               he, xavier, lecun, normal:SIGMA, uniform:A, ...
                     --epochs 100 --batch 32 --optimizer adam --lr 0.001 --seed 42
                     --test 0.2              fraction held out for testing (stratified for classes)
                     --missing error         rows with missing values: error, drop, or impute (training means)
                     --scale standard        features: standard (mean 0, sd 1), minmax (0 to 1), or none
                     --patience N            early stopping: hold out 20 % of the training rows and stop when
                                             their loss has not improved for N epochs (the best epoch is kept)
                     --l2 LAMBDA             weight decay (L2 penalty on the weights)
                     --l1 LAMBDA             L1 penalty on the weights (pushes them to 0)
                     --dropout P             drop each hidden unit with probability P while training
                     --batchnorm             batch-normalise every hidden layer
                     --residual              skip connections over every hidden layer as wide as its input
                     --classification        a numeric target holds class labels (e.g. 0, 1, 2), not values
                     --delimiter ,           the CSV's separator, e.g. ';' or '\t'
                     --precision float       of training: float (the weights and products in float; the default,
                                             faster), or double
                     --report DIR            write charts (PNG) and an HTML report
                     --try-advice            re-run the training once per fix the diagnosis suggests, from the
                                             same initial weights and batch order, and show the runs side by side
                     --save FILE             save the trained model (JSON)
                     --json                  print one JSON object (metrics, history, diagnostics)
                   mlplab bench --dataset iris|digits|fashion [options]    training throughput
                     --hidden 256,128        hidden ReLU layer widths (defaults: iris 16, digits 32, fashion 256,128)
                     --batch 128 --epochs 5  (defaults: iris 16 and 200, digits 32 and 50, fashion 128 and 5)
                     --repeats 3             timed runs, after warm-up runs
                     --no-diagnostics        train without collecting diagnostics
                     --precision float       or double (float is the default, as for training)
                     --json                  one JSON object per run
                   Each run reports the GFLOPS of its matrix products and their fraction of the BLAS's peak, measured
                   right before it on large products in its precision (sgemm for float, dgemm for double).
            """;

    private Main() {
    }

    /** Runs a command and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "train" -> TrainCommand.run(rest, out, err);
                case "bench" -> {
                    Args a = new Args(rest, List.of("dataset", "hidden", "batch", "epochs", "repeats", "precision"),
                            List.of("json", "no-diagnostics"));
                    Workload defaults = Workload.of(a.required("dataset"));
                    Workload workload = new Workload(defaults.dataset(), a.widths("hidden", defaults.hidden()),
                            a.integer("batch", defaults.batch()), a.integer("epochs", defaults.epochs()));
                    Bench.run(workload, a.integer("repeats", 3), !a.flag("no-diagnostics"),
                            Precision.parse(a.get("precision", "float")), a.flag("json"), out);
                    yield 0;
                }
                default -> {
                    err.println("error: unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
