package org.optline.inbound.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a complaint in a reply: the person says the mail is spam or that they never asked for it
 * ("This is spam", "I never signed up", "Das ist Spam", "Je ne me suis jamais inscrit", "Nunca me
 * suscribí"), in English, German, French and Spanish. Such a reply is a complaint (it opens or
 * joins an abuse case, unsubscribes and suppresses), not a plain unsubscribe wish.
 *
 * <p>Two kinds of phrase, read in the subject and the first lines of the new text: a denial of
 * consent (it carries its own negation, so none is looked for) and an accusation ("spam",
 * "unsolicited"), which does not count after a negation ("this is not spam"). "Spam" alone is no
 * complaint: people write that a message went to their spam folder.
 */
public final class ComplaintIntent {

    /** The classification rule of a reply read as a complaint. */
    public static final String RULE = "complaint intent: reply";

    private static final Pattern DENIAL = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])("
            + "never (signed up|subscribed|registered|opted[- ]?in|asked (for|to (get|receive))|agreed|gave (you )?(my )?(consent|permission))"
            + "|did(n'?t| not) (sign up|subscribe|opt[- ]?in|ask) (for|to) (this|these|that|it|your|any)"
            + "|without my (consent|permission)|how did you get my (e-?mail|address)"
            + "|nie (angemeldet|abonniert|bestellt|eingetragen|zugestimmt)"
            + "|(das|dies|diesen newsletter|diese (e-?)?mails?) (habe ich )?nicht (bestellt|abonniert|angefordert)"
            + "|ohne (meine )?(zustimmung|einwilligung|erlaubnis)|woher haben sie meine (e-?mail|adresse|daten)"
            + "|jamais (inscrit|inscrite|abonn[ée]e?|demand[ée]|accept[ée])|sans (mon )?(consentement|accord|autorisation)"
            + "|nunca me (suscrib[íi]|registr[ée]|apunt[ée])|nunca (ped[íi]|acept[ée]|solicit[ée])"
            + "|sin mi (consentimiento|permiso|autorizaci[óo]n)"
            + "|no me (he )?(suscrito|registrado|apuntado) (a|en) (esto|este|esta|su|sus|vuestra)"
            + ")(?![\\p{L}\\p{N}])");
    private static final Pattern ACCUSATION = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])("
            + "(this|that|it|your (e-?mail|mail|message|newsletter)) is spam|stop spamming|spamming me|you spammers?"
            + "|report(ed|ing)? (you|this|it) (as spam|for spam|to)|unsolicited|unwanted (e-?mail|mail|message)s?"
            + "|(das|dies|diese mail|diese e-?mail) ist spam|h[öo]ren sie auf (mich )?zu spammen|unerw[üu]nschte (e-?mail|mail|werbung|nachricht)"
            + "|c'est du spam|arr[êe]tez (de )?(me )?spammer|courriers? ind[ée]sirables?|non sollicit[ée]e?s?"
            + "|(esto|este correo|este mensaje) es spam|dejen de (enviarme )?spam|correo no (deseado|solicitado)|no solicitad[oa]s?"
            + ")(?![\\p{L}\\p{N}])");
    private static final Pattern NEGATION = Pattern.compile(
            "(?iu)(?<![\\p{L}])(not|n't|isn'?t|no|kein|keine|nicht|pas|ne|no es|nunca)(?![\\p{L}])");
    private static final int NEGATION_REACH = 20;

    private ComplaintIntent() {
    }

    /** Whether the subject (reply prefixes and all) or one of the first lines of the new text complains. */
    public static boolean in(String subject, String newText) {
        return subject != null && says(subject) || UnsubscribeIntent.anyOfTheFirstLines(newText, ComplaintIntent::says);
    }

    static boolean says(String line) {
        String text = line.strip();
        if (text.length() > 300) {
            text = text.substring(0, 300);
        }
        if (DENIAL.matcher(text).find()) {
            return true;
        }
        Matcher m = ACCUSATION.matcher(text);
        while (m.find()) {
            String before = text.substring(Math.max(0, m.start() - NEGATION_REACH), m.start());
            if (!NEGATION.matcher(before).find()) {
                return true;
            }
        }
        return false;
    }
}
