package org.optline.inbound.classify;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a wish to stop getting mail in a reply's subject or first lines, in English, German,
 * French, Spanish (and Dutch and Italian): whole words only, not when a negation comes before
 * them ("I don't want to unsubscribe"), and the bare words "stop", "remove", "baja" only when
 * they stand alone as the subject or a line.
 */
public final class UnsubscribeIntent {

    /** The classification rule of a request read from the subject alone. */
    public static final String SUBJECT_RULE = "unsubscribe intent: subject";

    /** Lines of new text read: the wish comes first in a short note, quoted text is gone already. */
    static final int LINES_READ = 5;

    private static final Pattern PHRASE = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])("
            + "unsubscribe|remove me|remove my (e-?mail|address)|take me off|opt[- ]?out|cancel my subscription"
            + "|stop (sending|emailing|mailing)|no more (e-?mails|emails|mails|newsletters?)"
            + "|abmelden|austragen|abbestellen|keine (e-?mails|mails|newsletter) mehr"
            + "|(melden|melde|meldet) (sie |ihr )?mich [^.!?]{0,30}ab|(tragen|trage|tragt) (sie |ihr )?mich [^.!?]{0,30}aus"
            + "|d[ée]sabonner|d[ée]sabonnez|d[ée]sabonnement|d[ée]sinscrire|d[ée]sinscrivez|d[ée]sinscription|ne plus recevoir|ne (veux|souhaite|désire) plus (rien )?recevoir"
            + "|darme de baja|dar de baja|denme de baja|cancelar (mi )?suscripci[óo]n|no (quiero|deseo) recibir|no (me )?(env[íi]en|manden) m[áa]s"
            + "|afmelden|uitschrijven|disiscrivere|disiscrivimi|cancellami"
            + ")(?![\\p{L}\\p{N}])");
    private static final Pattern STANDING_ALONE = Pattern.compile(
            "(?iu)^\\W*(stop|stopp|remove|baja|unsubscribe|abmelden|cancel)\\W*(please|bitte|por favor|s'il vous plaît|svp)?\\W*$");
    private static final Pattern NEGATION = Pattern.compile(
            "(?iu)(?<![\\p{L}])(don'?t|do not|doesn'?t|not|never|won'?t|nicht|nie|kein|keine|ne|n'|pas|no|nunca|niet|non)(?![\\p{L}])");
    private static final Pattern REPLY_PREFIX = Pattern.compile("(?iu)^\\s*((re|aw|wg|fw|fwd|tr|rv|sv|antw|r)\\s*(\\[\\d+\\])?\\s*:\\s*)+");
    private static final int NEGATION_REACH = 30;

    private UnsubscribeIntent() {
    }

    /** Whether the subject, reply prefixes taken off, asks to unsubscribe. */
    public static boolean inSubject(String subject) {
        if (subject == null) {
            return false;
        }
        return says(REPLY_PREFIX.matcher(subject).replaceFirst(""));
    }

    /** Whether one of the first {@link #LINES_READ} non-blank lines of the new text asks to unsubscribe. */
    public static boolean inText(String newText) {
        return anyOfTheFirstLines(newText, UnsubscribeIntent::says);
    }

    /** Whether {@code says} holds for one of the first {@link #LINES_READ} non-blank lines of the new text. */
    static boolean anyOfTheFirstLines(String newText, Predicate<String> says) {
        if (newText == null) {
            return false;
        }
        int read = 0;
        for (String line : newText.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (read++ >= LINES_READ) {
                return false;
            }
            if (says.test(line)) {
                return true;
            }
        }
        return false;
    }

    static boolean says(String line) {
        String text = line.strip();
        if (text.length() > 300) {
            text = text.substring(0, 300);
        }
        if (STANDING_ALONE.matcher(text).matches()) {
            return true;
        }
        Matcher m = PHRASE.matcher(text);
        while (m.find()) {
            String before = text.substring(Math.max(0, m.start() - NEGATION_REACH), m.start());
            if (!NEGATION.matcher(before).find()) {
                return true;
            }
        }
        return false;
    }
}
