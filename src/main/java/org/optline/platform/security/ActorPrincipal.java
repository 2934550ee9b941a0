package org.optline.platform.security;

import org.optline.platform.Actor;

/** A Spring Security principal that knows which {@link Actor} it stands for. */
public interface ActorPrincipal {
    Actor actor();
}
