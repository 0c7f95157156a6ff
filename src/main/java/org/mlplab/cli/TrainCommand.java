package org.mlplab.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.mlplab.data.Csv;
import org.mlplab.data.Split;
import org.mlplab.data.TableData;
import org.mlplab.io.ModelFile;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Init;
import org.mlplab.nn.Network;
import org.mlplab.nn.Precision;
import org.mlplab.optim.Optimizer;
import org.mlplab.plot.Report;
import org.mlplab.train.Evaluation;
import org.mlplab.train.Fit;
import org.mlplab.train.History;
import org.mlplab.train.TextProgress;
import org.mlplab.train.TrainingDivergedException;
import org.mlplab.train.Trials;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;

/**
 * {@code mlplab train --data FILE.csv --target COLUMN ...}: reads the CSV with Tablesaw, splits it
 * (stratified, seeded; features standardised with training statistics unless {@code --scale}
 * says otherwise), trains, evaluates on
 * the held-out rows and prints progress, or with {@code --json} one JSON object. With
 * {@code --report DIR} it also writes the charts and an HTML page into {@code DIR} ({@link Report}).
 */
final class TrainCommand {
    private static final List<String> OPTIONS = List.of("data", "target", "hidden", "activation", "init", "epochs",
            "batch", "optimizer", "lr", "seed", "test", "missing", "delimiter", "precision", "report", "save", "scale", "patience",
            "l1", "l2", "dropout");
    private static final List<String> SWITCHES = List.of("json", "classification", "try-advice", "batchnorm", "residual");

    private TrainCommand() {
    }

    static int run(String[] arguments, PrintStream out, PrintStream err) throws IOException {
        if (Arrays.asList(arguments).contains("--help")) {
            out.print(Main.USAGE);
            return 0;
        }
        Args args = new Args(arguments, OPTIONS, SWITCHES);
        Path file = Path.of(args.required("data"));   // Csv.read checks it
        String target = args.required("target");
        long seed = args.whole("seed", 42);
        double testFraction = args.number("test", 0.2);
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("--test is the fraction of the rows held out for testing, between 0 and 1 "
                    + "(exclusive), e.g. 0.2; got " + args.get("test", null));
        }
        int[] hidden = args.widths("hidden", new int[] {32});
        Activation activation = Activation.parse(args.get("activation", "relu"));
        Init init = Init.parse(args.get("init", activation instanceof Activation.Relu ? "he" : "xavier"));
        Fit fit = Fit.epochs(args.integer("epochs", 100)).batch(args.integer("batch", 32))
                .optimizer(Optimizer.parse(args.get("optimizer", "adam"), args.number("lr", 0.001)))
                .precision(Precision.parse(args.get("precision", "float"))).quiet();
        if (args.get("patience", null) != null) {
            fit = fit.earlyStopping(args.integer("patience", 0));
        }
        if (args.get("l2", null) != null) {
            fit = fit.l2(args.number("l2", 0));
        }
        if (args.get("l1", null) != null) {
            fit = fit.l1(args.number("l1", 0));
        }
        boolean json = args.flag("json");

        String delimiter = args.get("delimiter", ",");
        if (delimiter.equals("\\t") || delimiter.equals("tab")) {
            delimiter = "\t";
        }
        if (delimiter.length() != 1) {
            throw new IllegalArgumentException("--delimiter takes one character, e.g. ';' or tab, got '" + delimiter + "'");
        }
        Table table = Csv.read(file, delimiter.charAt(0));
        TableData data = TableData.of(table).target(target);   // refuses an unknown target
        data = switch (args.get("scale", "standard")) {
            case "standard" -> data.standardize();
            case "minmax" -> data.minMax();
            case "none" -> data;
            default -> throw new IllegalArgumentException("--scale takes standard, minmax or none, got '"
                    + args.get("scale", null) + "'");
        };
        if (args.flag("classification")) {
            data = data.classification();
        } else if (table.column(target) instanceof NumberColumn<?, ?> numbers) {
            noteWholeNumberTarget(numbers, err);
        }
        data = switch (args.get("missing", "error")) {
            case "error" -> data;
            case "drop" -> data.dropMissing();
            case "impute" -> data.impute();
            default -> throw new IllegalArgumentException("--missing takes error, drop or impute, got '"
                    + args.get("missing", null) + "'");
        };
        // early stopping watches a validation part of the training rows, so that the test rows stay unseen
        Split split = args.get("patience", null) == null ? data.split(1 - testFraction, seed)
                : data.split(0.8 * (1 - testFraction), 0.2 * (1 - testFraction), seed);
        Network.Builder<Mlp> builder = Mlp.input(split.train().features()).init(init).seed(seed);
        double dropout = args.number("dropout", 0);
        boolean residual = args.flag("residual");
        if (residual && java.util.stream.IntStream.range(1, hidden.length).noneMatch(i -> hidden[i] == hidden[i - 1])) {
            throw new IllegalArgumentException("--residual makes a hidden layer's output f(z) + its input, so it needs "
                    + "two hidden layers of the same width in a row, e.g. --hidden 32,32,32");
        }
        for (int i = 0; i < hidden.length; i++) {
            builder.dense(hidden[i], activation).dropout(dropout);
            if (args.flag("batchnorm")) {
                builder.batchNorm();
            }
            if (residual && i > 0 && hidden[i] == hidden[i - 1]) {
                builder.residual();
            }
        }
        boolean classification = split.train().isClassification();
        Mlp model = builder.dense(split.train().outputs(), classification ? Activation.SOFTMAX : Activation.IDENTITY)
                .build();
        String reportArg = args.get("report", null);
        Path report = reportArg == null ? null : Path.of(reportArg);
        if (report != null) {
            try {
                Report.prepare(report);   // fail before training, not after it
            } catch (IOException e) {
                throw new IllegalArgumentException("--report: " + e.getMessage());
            }
        }
        String saveArg = args.get("save", null);
        if (saveArg != null) {
            try {
                ModelFile.prepare(Path.of(saveArg));   // fail before training, not after it
            } catch (IOException e) {
                throw new IllegalArgumentException("--save: " + e.getMessage());
            }
        }
        fit = fit.validation(split.validation() != null ? split.validation() : split.test());
        PrintStream progress = json ? err : out;
        if (!json) {
            out.println(table.name() + ": " + table.rowCount() + " rows; " + split);
            out.print(model);
        }
        History history;
        int code = 0;
        try {
            history = model.fit(split.train(), fit.listener(new TextProgress(fit.epochs(), progress)));
        } catch (TrainingDivergedException e) {
            err.println("error: " + e.getMessage());
            history = e.history();
            code = 1;
        }
        Evaluation test = model.evaluate(split.test());
        if (saveArg != null && code != 0) {
            // a diverged run is worse than whatever the file holds: it is not written over
            err.println("not saved: the training diverged; " + saveArg
                    + (Files.exists(Path.of(saveArg)) ? " is left as it was" : " was not written"));
        } else if (saveArg != null) {
            try {
                model.save(Path.of(saveArg));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot save the model: " + e.getMessage());
            }
        }
        Trials trials = args.flag("try-advice") && code == 0 ? Trials.of(model, split.train(), fit) : null;
        Path index = report == null ? null
                : Report.write(report, file.getFileName() + " → " + target, model, history, split.test(), trials);
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("data", file.toString());
            o.addProperty("target", target);
            o.addProperty("task", classification ? "classification" : "regression");
            o.addProperty("model", model.shape());
            o.addProperty("parameters", model.parameterCount());
            o.addProperty("train_rows", split.train().size());
            Json.evaluation("test_", test, o);
            o.addProperty("epochs_run", history.epochs().size());
            o.addProperty("stop", history.stop().message());
            o.add("history", Json.history(history));
            o.add("diagnostics", Json.diagnostics(history.diagnostics()));
            if (trials != null) {
                o.add("trials", Json.trials(trials));
            }
            if (index != null) {
                o.addProperty("report", index.toString());
            }
            out.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o));
        } else {
            out.println("test: " + test);
            out.print(history.diagnostics());
            if (trials != null) {
                out.print(trials);
            }
            if (index != null) {
                out.println("report: " + index);
            }
        }
        return code;
    }

    /** Says so when a numeric target looks like class labels: a few distinct whole numbers. */
    private static void noteWholeNumberTarget(NumberColumn<?, ?> target, PrintStream err) {
        java.util.SortedSet<Double> values = new java.util.TreeSet<>();
        for (int r = 0; r < target.size() && values.size() <= 10; r++) {
            double v = target.getDouble(r);
            if (!Double.isNaN(v)) {
                if (v != Math.rint(v)) {
                    return;
                }
                values.add(v);
            }
        }
        if (values.size() <= 10) {
            err.println("note: the target '" + target.name() + "' holds " + values.size() + " distinct whole numbers "
                    + values.stream().map(v -> String.valueOf(v.longValue())).toList() + ": training a regression; "
                    + "add --classification to treat them as classes");
        }
    }
}
