package org.mlplab.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.mlplab.diagnostics.Diagnostics;
import org.mlplab.diagnostics.Finding;
import org.mlplab.diagnostics.Verdict;
import org.mlplab.train.Epoch;
import org.mlplab.train.Evaluation;
import org.mlplab.train.History;
import org.mlplab.train.Trials;

/** Training results as JSON, for scripts and graders (the {@code --json} output of the command line). */
final class Json {
    private Json() {
    }

    /**
     * One object per epoch: {@code epoch, loss, <metric>, val_loss, val_<metric>, lr, seconds}
     * (validation fields only with validation data).
     */
    static JsonArray history(History history) {
        JsonArray epochs = new JsonArray();
        for (Epoch e : history.epochs()) {
            JsonObject o = new JsonObject();
            o.addProperty("epoch", e.epoch());
            o.addProperty("loss", e.loss());
            o.addProperty(history.metric(), e.metric());
            if (e.hasValidation()) {
                o.addProperty("val_loss", e.validationLoss());
                o.addProperty("val_" + history.metric(), e.validationMetric());
            }
            o.addProperty("lr", e.learningRate());
            o.addProperty("seconds", e.seconds());
            epochs.add(o);
        }
        return epochs;
    }

    /** {@code loss}, the metric under its name ({@code accuracy} or {@code r2}), and {@code rows}, each with a prefix. */
    static void evaluation(String prefix, Evaluation evaluation, JsonObject into) {
        into.addProperty(prefix + "loss", evaluation.loss());
        into.addProperty(prefix + evaluation.metric(), evaluation.value());
        into.addProperty(prefix + "rows", evaluation.rows());
    }

    /**
     * {@code verdict} (status label), {@code findings} (status, layers, evidence, advice and the
     * {@code symptoms} each explains, in the same form), {@code notes} (the same form) and
     * {@code initialisation}.
     */
    static JsonObject diagnostics(Diagnostics diagnostics) {
        Verdict verdict = diagnostics.verdict();
        JsonObject o = new JsonObject();
        o.addProperty("verdict", verdict.status().label());
        o.add("findings", findings(verdict.findings()));
        o.add("notes", findings(verdict.notes()));
        o.addProperty("initialisation", diagnostics.initialisationCheck());
        return o;
    }

    /** One object per run: {@code name}, {@code change}, {@code verdict} and its evaluation ({@code loss}, metric, {@code rows}). */
    static JsonArray trials(Trials trials) {
        JsonArray runs = new JsonArray();
        for (Trials.Trial t : trials.trials()) {
            JsonObject run = new JsonObject();
            run.addProperty("name", t.name());
            run.addProperty("change", t.line());
            run.addProperty("verdict", t.verdict());
            evaluation("", t.evaluation(), run);
            runs.add(run);
        }
        return runs;
    }

    private static JsonArray findings(List<Finding> list) {
        JsonArray findings = new JsonArray();
        for (Finding f : list) {
            JsonObject finding = new JsonObject();
            finding.addProperty("status", f.status().label());
            JsonArray layers = new JsonArray();
            f.layers().forEach(layers::add);
            finding.add("layers", layers);
            finding.addProperty("evidence", f.evidence());
            finding.addProperty("advice", f.advice());
            finding.add("symptoms", findings(f.symptoms()));
            findings.add(finding);
        }
        return findings;
    }
}
