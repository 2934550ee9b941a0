/**
 * The segment module: a small targeting language ({@code country in ["US", "CA"] and interests has
 * "shoes"}), its parser, and its compiler to parameterised, tenant-scoped SQL over the audience's
 * published subscriber views; saved segments and live counts.
 */
@ApplicationModule(displayName = "Segment")
package org.optline.segment;

import org.springframework.modulith.ApplicationModule;
