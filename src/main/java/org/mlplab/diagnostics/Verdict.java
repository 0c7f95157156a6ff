package org.mlplab.diagnostics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The diagnosis of a training run: its most severe status and every finding with evidence and
 * advice.
 *
 * @param status   the most severe finding's status
 * @param findings what was found, most severe first
 */
public record Verdict(Finding.Status status, List<Finding> findings) {

    /** All findings as plain sentences, one paragraph. */
    public String text() {
        return findings.stream().map(Finding::toString).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return status.label() + ": " + text();
    }
}
