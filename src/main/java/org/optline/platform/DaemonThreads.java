package org.optline.platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Background work off the callers' threads. The threads are daemons, so work left queued never
 * keeps the JVM from exiting; each owner shuts its executor down when it stops.
 */
public final class DaemonThreads {

    private DaemonThreads() {}

    /** One named daemon thread that runs what it is given in turn. */
    public static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
