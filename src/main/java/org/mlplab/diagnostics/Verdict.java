package org.mlplab.diagnostics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The diagnosis of a training run: its leading status and every finding with evidence and
 * advice, root causes first with the symptoms they explain listed under them.
 *
 * @param status   the leading finding's status
 * @param findings what was found, causes first; symptoms are inside their cause
 * @param notes    facts worth knowing that leave a run healthy (constant features, imbalanced classes)
 */
public record Verdict(Finding.Status status, List<Finding> findings, List<Finding> notes) {

    /**
     * The verdict of these findings: sorted by {@link Finding.Status}, each finding that an earlier
     * one explains moved under the first such one (unscaled inputs explain dead units).
     */
    static Verdict of(List<Finding> found) {
        List<Finding> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(Finding::status));
        List<Finding> causes = new ArrayList<>();
        List<List<Finding>> symptoms = new ArrayList<>();
        List<Finding> notes = new ArrayList<>();
        for (Finding f : sorted) {
            if (f.status().isNote()) {
                notes.add(f);
                continue;
            }
            int cause = -1;
            for (int i = 0; i < causes.size() && cause < 0; i++) {
                if (causes.get(i).status().explains().contains(f.status())) {
                    cause = i;
                }
            }
            if (cause < 0) {
                causes.add(f);
                symptoms.add(new ArrayList<>());
            } else {
                symptoms.get(cause).add(f);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < causes.size(); i++) {
            Finding c = causes.get(i);
            findings.add(new Finding(c.status(), c.layers(), c.evidence(), c.advice(), symptoms.get(i)));
        }
        return new Verdict(findings.get(0).status(), List.copyOf(findings), List.copyOf(notes));
    }

    /** All findings, then the notes, as plain sentences, one paragraph. */
    public String text() {
        return java.util.stream.Stream.concat(findings.stream(), notes.stream()).map(Finding::toString)
                .collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return status.label() + ": " + text();
    }
}
