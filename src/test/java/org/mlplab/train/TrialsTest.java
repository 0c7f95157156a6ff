package org.mlplab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlplab.data.Datasets;
import org.mlplab.data.Split;
import org.mlplab.data.TableData;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Init;

/** The diagnosis's advice, tried on the bundled wine data. */
class TrialsTest {
    private static Mlp wineNet() {
        return Mlp.input(13).dense(32, Activation.RELU).dense(3, Activation.SOFTMAX).init(Init.HE).seed(1).build();
    }

    private static double[] losses(History history) {
        return history.epochs().stream().mapToDouble(Epoch::loss).toArray();
    }

    @Test
    void aTooLowLearningRateIsTriedTenfoldAndLearns() {
        Split wine = TableData.of(Datasets.wine()).target("cultivar").standardize().split(0.8, 42);
        Mlp model = wineNet();
        double[] before = model.parameters().get(0).copyValues();
        Fit fit = Fit.epochs(50).sgd(1e-4).validation(wine.test());
        Trials trials = Trials.of(model, wine.train(), fit);
        assertEquals(List.of("as given", "learning rate ×10", "input-independent baseline"),
                trials.trials().stream().map(Trials.Trial::name).toList(), trials.toString());
        Trials.Trial given = trials.trials().get(0);
        Trials.Trial faster = trials.trials().get(1);
        assertEquals("learning rate too low", given.verdict());
        assertEquals("learning rate 0.001", faster.line());
        assertTrue(faster.evaluation().loss() < given.evaluation().loss(), trials.toString());
        assertArrayEquals(before, model.parameters().get(0).copyValues(), "the model is not modified");

        // the run as given is the model's own fit, bit for bit, and the whole set reproduces
        History direct = model.untrained().fit(wine.train(), fit.quiet());
        assertArrayEquals(losses(direct), losses(given.history()));
        Trials again = Trials.of(model, wine.train(), fit);
        for (int i = 0; i < trials.trials().size(); i++) {
            assertArrayEquals(losses(trials.trials().get(i).history()), losses(again.trials().get(i).history()));
            assertEquals(trials.trials().get(i).evaluation(), again.trials().get(i).evaluation());
        }
    }

    /** Unscaled features: standardising them is tried, and the zeroed-input baseline scores the majority class. */
    @Test
    void unscaledFeaturesAreTriedStandardisedAgainstTheInputIndependentBaseline() {
        Split raw = TableData.of(Datasets.wine()).target("cultivar").split(0.8, 42);
        Trials trials = Trials.of(wineNet(), raw.train(), Fit.epochs(60).adam(1e-3).validation(raw.test()));
        List<String> names = trials.trials().stream().map(Trials.Trial::name).toList();
        assertTrue(names.contains("standardised features"), trials.toString());
        Trials.Trial given = trials.trials().get(0);
        Trials.Trial scaled = trials.trials().get(names.indexOf("standardised features"));
        Trials.Trial baseline = trials.trials().get(trials.trials().size() - 1);
        assertTrue(scaled.evaluation().value() > given.evaluation().value(), trials.toString());
        int[] counts = raw.test().classCounts();
        double majority = java.util.Arrays.stream(counts).max().orElseThrow() / (double) raw.test().size();
        assertTrue(baseline.evaluation().value() <= majority + 1e-9, trials.toString());
        assertTrue(trials.toString().contains("each difference is the change's alone"), trials.toString());
        assertTrue(trials.toHtml().contains("<td>standardised features</td>"), trials.toHtml());
    }
}
