package org.optline.platform.security;

import jakarta.servlet.http.HttpSession;
import org.optline.platform.apikeys.Secrets;

/**
 * Which password a UI session was opened with: a digest of the password's stored hash (the hash
 * has a fresh salt each time, so any change, even to the same password, changes it). A session
 * whose stamp no longer matches the user's row ends at its next request ({@link LiveLoginCheckFilter}),
 * so changing a password ends the user's other sessions; the session that changed it is re-stamped
 * with {@link #keep} and stays.
 */
public final class PasswordStamp {

    static final String ATTRIBUTE = PasswordStamp.class.getName();

    private PasswordStamp() {}

    static String of(String passwordHash) {
        return passwordHash == null ? "" : Secrets.sha256(passwordHash);
    }

    /** Marks {@code session} as opened with the password whose hash is {@code passwordHash} now. */
    public static void keep(HttpSession session, String passwordHash) {
        session.setAttribute(ATTRIBUTE, of(passwordHash));
    }
}
