package org.mlplab.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlplab.data.Datasets;
import org.mlplab.data.TableData;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Network;
import org.mlplab.train.Fit;
import org.mlplab.train.History;
import org.mlplab.train.TrainingListener;

class PrefixTest {

    @Test
    void aSnapshotKeepsWhatTheListHeldWhenItWasTaken() {
        List<String> growing = new ArrayList<>(List.of("a", "b"));
        List<String> snapshot = Prefix.of(growing);
        growing.add("c");
        assertEquals(List.of("a", "b"), snapshot);
        assertEquals(2, snapshot.size());
        assertThrows(IndexOutOfBoundsException.class, () -> snapshot.get(2));
        assertThrows(UnsupportedOperationException.class, () -> snapshot.add("d"));
        assertThrows(UnsupportedOperationException.class, () -> snapshot.set(0, "z"));
    }

    @Test
    void theHistoriesHandedToListenersDoNotGrowAsTrainingGoesOn() {
        var data = TableData.of(Datasets.iris()).target("species").standardize().all();
        List<History> seen = new ArrayList<>();
        Mlp model = Mlp.input(4).dense(8, Activation.RELU).dense(3, Activation.SOFTMAX).build();
        History last = model.fit(data, Fit.epochs(5).batch(32).adam(0.01).quiet().listener(new TrainingListener() {
            @Override
            public void onEpoch(Network m, History soFar) {
                seen.add(soFar);
            }
        }));
        for (int i = 0; i < seen.size(); i++) {
            History h = seen.get(i);
            assertEquals(i + 1, h.epochs().size());
            assertEquals(last.epochs().subList(0, i + 1), h.epochs());
            long recorded = last.diagnostics().stats().stream().filter(s -> s.epoch() <= h.epochs().size()).count();
            assertEquals(recorded, h.diagnostics().stats().size(), "statistics up to epoch " + (i + 1));
        }
    }
}
