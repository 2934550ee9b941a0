package org.optline.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST, PUT, PATCH or DELETE route that a suspended client may still call, although its
 * data is otherwise read-only: a route that only reads (a preview, a count), or one that only takes
 * something away for the sake of the people concerned (erasing or unsubscribing a person,
 * suppressing an address, revoking a key, disabling a login, changing one's own password). Every
 * other changing route of a client answers 403 while it is suspended.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AllowedWhileSuspended {

    /** Why the route is harmless for a suspended client. */
    String value();
}
