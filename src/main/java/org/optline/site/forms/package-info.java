/** What the site's public forms share: the honeypot, the per-address limit and reference numbers. */
package org.optline.site.forms;
