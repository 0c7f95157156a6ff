package org.mlplab.plot;

import org.mlplab.data.Datasets;
import org.mlplab.data.Split;
import org.mlplab.data.TableData;
import org.mlplab.diagnostics.Diagnostics;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Init;
import org.mlplab.nn.Precision;
import org.mlplab.optim.Schedule;
import org.mlplab.train.Fit;
import org.mlplab.train.History;
import org.mlplab.train.TrainingDivergedException;

/** Real training runs on iris, shared by the chart and report tests (trained once, on first use). */
final class IrisRun {
    /** Epochs of the main run. */
    static final int EPOCHS = 30;
    /** Iris, 4 standardised features, 80/20 stratified. */
    static final Split DATA = TableData.of(Datasets.iris()).target("species").standardize().split(0.8, 42);
    /** 4 → 16 (relu) → 3 (softmax). */
    static final Mlp MODEL = Mlp.input(4).dense(16, Activation.RELU).dense(3, Activation.SOFTMAX).init(Init.HE).seed(42)
            .build();
    /**
     * Adam with a learning rate that halves every epoch (so it spans 9 decades), validation on the
     * test rows, statistics every 5 steps and histograms at initialisation, epoch 10 and the end.
     * In {@code double}: the last updates (about 1e-11) are below a {@code float} weight's resolution.
     */
    static final History HISTORY = MODEL.fit(DATA.train(), Fit.epochs(EPOCHS).batch(16).adam(0.01)
            .schedule(Schedule.exponential(0.5)).diagnostics(5, 10).validation(DATA.test()).precision(Precision.DOUBLE)
            .quiet());
    static final Diagnostics DIAGNOSTICS = HISTORY.diagnostics();

    /** Two of iris's columns, for a decision boundary in 2-D. */
    static final Split PETALS = TableData.of(Datasets.iris()).target("species").features("petal_length", "petal_width")
            .standardize().split(0.8, 42);
    /** 2 → 16 (relu) → 3 (softmax), trained on {@link #PETALS}. */
    static final Mlp PETAL_MODEL = Mlp.input(2).dense(16, Activation.RELU).dense(3, Activation.SOFTMAX).init(Init.HE)
            .seed(42).build();

    /** 4 → 16 (relu) → 3 (softmax), trained into {@link #DIVERGED}; it keeps its last finite weights. */
    static final Mlp DIVERGED_MODEL = Mlp.input(4).dense(16, Activation.RELU).dense(3, Activation.SOFTMAX)
            .init(Init.HE).seed(42).build();
    /**
     * A run that diverges: plain SGD at 1e4 blows the weights up within a few epochs (gradient
     * norms over ~150 decades; in the last epoch the validation loss and some update ratios are NaN).
     * In {@code double}, whose range leaves room for those decades.
     */
    static final History DIVERGED = diverge();

    static {
        PETAL_MODEL.fit(PETALS.train(), Fit.epochs(40).batch(16).adam(0.02).quiet());
    }

    private static History diverge() {
        try {
            DIVERGED_MODEL.fit(DATA.train(), Fit.epochs(50).batch(16).sgd(1e4).validation(DATA.test())
                    .precision(Precision.DOUBLE).quiet());
        } catch (TrainingDivergedException e) {
            return e.history();
        }
        throw new AssertionError("SGD at 1e4 was expected to diverge on iris");
    }

    private IrisRun() {
    }
}
