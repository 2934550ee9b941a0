/**
 * The audience module: lists, subscribers, custom fields, the consent ledger, suppression, CSV
 * import and export. Its top package is its public face; sub-packages are internal.
 */
@ApplicationModule(displayName = "Audience")
package org.optline.audience;

import org.springframework.modulith.ApplicationModule;
