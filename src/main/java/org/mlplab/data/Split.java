package org.mlplab.data;

/**
 * Rows split for training and evaluation, each part encoded with statistics fitted on
 * {@code train} only.
 *
 * @param train      the rows to train on
 * @param validation rows to tune on (early stopping, model choice), or {@code null}
 * @param test       held-out rows, for the final figure only
 */
public record Split(Dataset train, Dataset validation, Dataset test) {

    @Override
    public String toString() {
        return "Split: train " + train.size() + " rows" + (validation == null ? "" : ", validation " + validation.size())
                + ", test " + test.size() + " rows";
    }
}
