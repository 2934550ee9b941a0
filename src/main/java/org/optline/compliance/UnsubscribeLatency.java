package org.optline.compliance;

import java.time.OffsetDateTime;

/**
 * How quickly a client's unsubscribes took effect, over the standing window: for each person who
 * left (every list at once, or by complaint), the time from leaving to the last message that still
 * reached them. The promise is that none does ({@code lateSends} 0, {@code longestSeconds} 0).
 *
 * @param unsubscribes    people who left in the window
 * @param peopleReachedLate of them, how many a message still reached after they left
 * @param lateSends       messages that reached them after they left
 * @param longestSeconds  the longest time from leaving to the last message that reached the person
 * @param lastLateSendAt  when the last such message was sent, or null
 */
public record UnsubscribeLatency(long unsubscribes, long peopleReachedLate, long lateSends, long longestSeconds,
                                 OffsetDateTime lastLateSendAt) {}
