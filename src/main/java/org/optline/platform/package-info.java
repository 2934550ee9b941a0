/**
 * The platform module: clients (tenants), users, roles, API keys, login, the tenant scope every
 * other module runs its SQL in, the audit log and the UI shell. Its top package is its public face;
 * the sub-packages are internal.
 */
@ApplicationModule(displayName = "Platform")
package org.optline.platform;

import org.springframework.modulith.ApplicationModule;
