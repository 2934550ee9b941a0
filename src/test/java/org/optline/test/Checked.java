package org.optline.test;

/**
 * Lets a property body that declares checked exceptions (stream and mail parsing do) run inside a
 * QuickTheories lambda, which may not declare them. Whatever the body throws still fails the
 * example, and QuickTheories reports it with the falsifying values.
 */
public final class Checked {

    /** A property body that may throw anything. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private Checked() {
    }

    public static void run(Body body) {
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
