package org.optline.tracking.classify;

import java.util.function.Predicate;
import org.optline.tracking.TrackedEvent;

/**
 * One way to tell a machine's hit from a person's.
 *
 * @param name    stored with every event it decides
 * @param source  the class it gives
 * @param basis   why the rule holds: what the machine is documented or observed to do
 * @param matches whether a hit is this machine's
 */
public record MachineRule(String name, TrackedEvent.Source source, String basis, Predicate<Hit> matches) {}
