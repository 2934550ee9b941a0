package org.optline.inbound.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.dom.Message;
import org.optline.inbound.MailKind;

/**
 * Reads a delivery status notification (RFC 3464): the per-recipient field blocks of its
 * message/delivery-status part, parsed as header fields. VERP sends one recipient per message,
 * so one block decides: the first that failed, else the first delayed, else the first.
 */
final class DeliveryStatusReports {

    static final int MAX_DIAGNOSTIC = 300;
    private static final int MAX_BLOCKS = 50;

    private DeliveryStatusReports() {
    }

    static boolean isStatusPart(Entity part) {
        String type = MailParts.mimeType(part);
        return type.equals("message/delivery-status") || type.equals("message/global-delivery-status");
    }

    static Classification read(Entity statusPart, List<Entity> parts) throws IOException {
        Header block = chosenRecipient(recipientBlocks(MailParts.text(statusPart)));
        Header returned = ReturnedHeaders.find(parts);
        if (block == null) {
            return Classifications.unknown("dsn: no per-recipient fields", ReturnedHeaders.of(returned));
        }
        String recipient = recipientOf(block);
        if (recipient == null && returned != null) {
            recipient = MailParts.addressField(returned, "To");
        }
        String action = lower(MailParts.value(block, "Action"));
        String diagnostic = MailParts.clip(MailParts.value(block, "Diagnostic-Code"), MAX_DIAGNOSTIC);
        String status = StatusCodes.refine(StatusCodes.enhanced(MailParts.value(block, "Status")), diagnostic);
        MailKind kind;
        String rule;
        if (action.startsWith("delivered") || action.startsWith("relayed") || action.startsWith("expanded")) {
            kind = MailKind.UNKNOWN;
            rule = "dsn: action " + action + ", not a bounce";
        } else if (action.startsWith("delayed")) {
            // A delay is transient whatever its Status says; a soft bounce's status is 4.x.x.
            kind = MailKind.SOFT_BOUNCE;
            status = StatusCodes.temporary(status) ? status : "4.0.0";
            rule = "dsn: delayed";
        } else if (StatusCodes.permanent(status)) {
            kind = MailKind.HARD_BOUNCE;
            rule = action.isEmpty() ? "dsn: no action, permanent status" : "dsn: failed";
        } else if (StatusCodes.temporary(status)) {
            kind = MailKind.SOFT_BOUNCE;
            rule = action.isEmpty() ? "dsn: no action, transient status" : "dsn: failed, transient status";
        } else if (action.startsWith("failed")) {
            // RFC 3464 requires a Status; "failed" without one is still a permanent failure,
            // of the undefined kind X.0.0.
            kind = MailKind.HARD_BOUNCE;
            status = "5.0.0";
            rule = "dsn: failed without status";
        } else {
            kind = MailKind.UNKNOWN;
            rule = "dsn: no action and no status";
        }
        if ((kind == MailKind.HARD_BOUNCE || kind == MailKind.SOFT_BOUNCE) && StatusCodes.blamesSender(status)) {
            rule = "dsn: sender-blamed " + status;
        } else if (kind != MailKind.UNKNOWN && status != null) {
            rule = rule + " " + status;
        }
        return new Classification(kind, recipient, status, diagnostic, rule, ReturnedHeaders.of(returned), null, null);
    }

    /**
     * The blocks that are about one recipient (they name it, or say what happened). The body is
     * blocks of fields separated by blank lines; mime4j reads each block as a header, and what
     * follows its blank line as the body that holds the next blocks.
     */
    static List<Header> recipientBlocks(String body) throws IOException {
        List<Header> blocks = new ArrayList<>();
        String rest = body.stripLeading();
        for (int read = 0; read < MAX_BLOCKS && !rest.isEmpty(); read++) {
            Message block = MailParts.parse(rest.getBytes(StandardCharsets.UTF_8));
            Header fields = block.getHeader();
            if (fields.getField("Final-Recipient") != null || fields.getField("Original-Recipient") != null
                    || fields.getField("Action") != null) {
                blocks.add(fields);
            }
            String next = MailParts.text(block).stripLeading();
            if (next.length() >= rest.length()) {
                break;
            }
            rest = next;
        }
        return blocks;
    }

    private static Header chosenRecipient(List<Header> blocks) {
        for (String wanted : List.of("failed", "delayed")) {
            for (Header block : blocks) {
                if (lower(MailParts.value(block, "Action")).startsWith(wanted)) {
                    return block;
                }
            }
        }
        return blocks.isEmpty() ? null : blocks.get(0);
    }

    private static String recipientOf(Header block) {
        for (String name : List.of("Final-Recipient", "Original-Recipient", "X-Actual-Recipient")) {
            String value = MailParts.value(block, name);
            if (value != null) {
                int semicolon = value.indexOf(';');
                String address = MailParts.address(semicolon < 0 ? value : value.substring(semicolon + 1));
                if (address != null) {
                    return address;
                }
            }
        }
        return null;
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT).strip();
    }
}
