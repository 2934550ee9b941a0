package org.optline.platform;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDs in the version 7 layout (RFC 9562): 48 bits of Unix milliseconds, the version, then
 * random bits. Ids made one after another sort in the order they were made, so rows inserted in
 * that order land at the right edge of a B-tree on the id instead of on random pages, which keeps
 * a bulk load's index writes in cache and its WAL small. Within a process the ids only ever grow:
 * in the same millisecond (or when the clock steps back) the 12 bits after the version count up
 * from the last id, and the timestamp borrows the next millisecond when they run out. The other 62
 * bits are random, so ids made on different nodes do not collide.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Object LOCK = new Object();
    /** Random bits drawn 4 KiB at a time: one draw per id cost more than the rest of an import row's id. */
    private static final ByteBuffer POOL = ByteBuffer.allocate(4096).position(4096);
    private static long lastMillis;
    private static int lastCounter;

    private TimeOrderedIds() {}

    /** A new id, greater than every id this process made before. */
    public static UUID next() {
        long millis;
        int counter;
        long random;
        synchronized (LOCK) {
            if (POOL.remaining() < Long.BYTES + Short.BYTES) {
                RANDOM.nextBytes(POOL.array());
                POOL.clear();
            }
            random = POOL.getLong();
            long now = System.currentTimeMillis();
            if (now > lastMillis) {
                lastMillis = now;
                // Starts low in the 12 bits, so many ids fit in one millisecond before borrowing the next.
                lastCounter = POOL.getShort() & 0x3FF;
            } else if (++lastCounter > 0xFFF) {
                lastMillis++;
                lastCounter = POOL.getShort() & 0x3FF;
            }
            millis = lastMillis;
            counter = lastCounter;
        }
        long high = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | counter;
        long low = (random & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /** The Unix milliseconds an id of this layout carries. */
    public static long millisOf(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}
