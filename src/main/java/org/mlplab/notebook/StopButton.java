package org.mlplab.notebook;

import org.mlplab.train.Trainer;
import sun.misc.Signal;

/**
 * The notebook's stop button when the kernelspec sends it as a signal
 * ({@code "interrupt_mode": "signal"}, as the kernelspecs of {@code ./mlplab} and Binder do):
 * a running fit ends after its current batch, on the cell's own thread, so the cell ends only when
 * the training has ended, with the model and the history assigned. When nothing trains, the
 * kernel's own interrupt runs as usual.
 *
 * <p>With {@code "interrupt_mode": "message"} the kernel cancels the cell itself and this class
 * is never called: the fit still stops after its batch, but on a thread that outlives the cell.
 */
final class StopButton {
    private static boolean installed;

    private StopButton() {
    }

    /**
     * Handles SIGINT from now on: stops the running fits, or else calls {@code kernelInterrupt}.
     * Idempotent; does nothing where the JVM keeps SIGINT for itself (e.g. {@code -Xrs}).
     */
    static synchronized void install(Runnable kernelInterrupt) {
        if (installed) {
            return;
        }
        try {
            Signal.handle(new Signal("INT"), signal -> {
                if (!Trainer.interruptRunning()) {
                    kernelInterrupt.run();
                }
            });
            installed = true;
        } catch (IllegalArgumentException unavailable) {
            // the JVM handles SIGINT itself: the kernel's message interrupt still works
        }
    }
}
