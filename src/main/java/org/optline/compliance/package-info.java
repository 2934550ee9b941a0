/**
 * The compliance module: the operator's desk. Abuse cases that gather a complaint's evidence
 * (the report, the campaign, the subscriber's consent ledger), client standing computed from
 * complaint, bounce and unsubscribe rates that pauses a client on its own, termination as an
 * export followed by a purge, and audited legal disclosure, the one feature that reads one
 * address across clients.
 */
@ApplicationModule(displayName = "Compliance")
package org.optline.compliance;

import org.springframework.modulith.ApplicationModule;
