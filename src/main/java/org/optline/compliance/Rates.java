package org.optline.compliance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts over a number of messages sent, their rates, and where they stand against the
 * thresholds. Every rate is over {@code sent}: the messages handed to a receiving server that
 * answered for good (delivered, or refused at send time), so a hard bounce refused at once and
 * one reported later by a DSN are both in the same denominator.
 *
 * @param level   where the rates stand; {@code reasons} say why in sentences
 */
public record Rates(long sent, long complaints, long hardBounces, long unknownUsers, long unsubscribes,
                    Double complaintRate, Double hardBounceRate, Double unknownUserRate, Double unsubscribeRate,
                    StandingLevel level, List<String> reasons) {

    /** The rates of these counts judged against {@code settings}, with {@code minimum} sends before they act. */
    public static Rates of(long sent, long complaints, long hardBounces, long unknownUsers, long unsubscribes,
                           StandingProperties settings, long minimum) {
        Double complaintRate = rate(complaints, sent);
        Double hardBounceRate = rate(hardBounces, sent);
        List<String> reasons = new ArrayList<>();
        StandingLevel level;
        if (sent < minimum) {
            level = StandingLevel.QUIET;
            reasons.add("Fewer than " + minimum + " messages sent: rates are shown but do not act yet.");
        } else {
            StandingLevel complaint = judge(complaintRate, settings.complaintWarn(), settings.complaintPause());
            StandingLevel bounce = judge(hardBounceRate, settings.hardBounceWarn(), settings.hardBouncePause());
            explain(reasons, "Complaint", complaintRate, complaint, settings.complaintWarn(), settings.complaintPause());
            explain(reasons, "Hard-bounce", hardBounceRate, bounce, settings.hardBounceWarn(), settings.hardBouncePause());
            level = complaint.compareTo(bounce) >= 0 ? complaint : bounce;
        }
        return new Rates(sent, complaints, hardBounces, unknownUsers, unsubscribes, complaintRate, hardBounceRate,
                rate(unknownUsers, sent), rate(unsubscribes, sent), level, List.copyOf(reasons));
    }

    /** The figures in one line, e.g. for the audit log: counts and rates of everything measured. */
    public String summary() {
        return summary(true);
    }

    /**
     * The figures in one line; {@code withUnsubscribes} false leaves out the unsubscribes, which a
     * campaign's figures do not have (an unsubscribe names no campaign).
     */
    public String summary(boolean withUnsubscribes) {
        return sent + " sent; " + part(complaints, complaintRate, "complaint") + "; " + part(hardBounces, hardBounceRate, "hard bounce")
                + "; " + part(unknownUsers, unknownUserRate, "unknown user")
                + (withUnsubscribes ? "; " + part(unsubscribes, unsubscribeRate, "unsubscribe") : "");
    }

    private static String part(long count, Double rate, String what) {
        return count + " " + what + (count == 1 ? "" : "s") + (rate == null ? "" : " (" + percent(rate) + ")");
    }

    private static StandingLevel judge(Double rate, double warn, double pause) {
        if (rate == null) {
            return StandingLevel.OK;
        }
        return rate >= pause ? StandingLevel.PAUSE : rate >= warn ? StandingLevel.WARN : StandingLevel.OK;
    }

    private static void explain(List<String> reasons, String what, Double rate, StandingLevel level, double warn, double pause) {
        if (level == StandingLevel.PAUSE) {
            reasons.add(what + " rate " + percent(rate) + " is at or above the pause line of " + percent(pause) + ".");
        } else if (level == StandingLevel.WARN) {
            reasons.add(what + " rate " + percent(rate) + " is at or above the warning line of " + percent(warn) + ".");
        }
    }

    /** A share as a percentage with up to three decimals, e.g. {@code 0.35 %}. */
    public static String percent(double share) {
        return new BigDecimal(share * 100).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString() + " %";
    }

    /** A share rounded to six places, or null over nothing. */
    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(1_000_000.0 * part / whole) / 1_000_000.0;
    }
}
