package org.optline.compliance;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.optline.platform.ClientStatus;

/**
 * How a resolved abuse case ended. Suspension and termination change the client's standing
 * (platform {@code Clients.changeStatus}); a warning is a note the client reads beside its complaints.
 */
public enum CaseResolution {
    NO_ACTION(null), CLIENT_WARNED(null), CLIENT_SUSPENDED(ClientStatus.SUSPENDED), CLIENT_TERMINATED(ClientStatus.TERMINATED);

    private final ClientStatus standing;

    CaseResolution(ClientStatus standing) {
        this.standing = standing;
    }

    /** The standing this resolution moves the client to, or null when it leaves the standing alone. */
    public ClientStatus standing() {
        return standing;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CaseResolution> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
