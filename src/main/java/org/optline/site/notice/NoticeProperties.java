package org.optline.site.notice;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sender of the platform's own notices (a material privacy-policy change): the From name and
 * address ({@code OPTLINE_NOTICES_FROM_NAME}, {@code OPTLINE_NOTICES_FROM}; the address's domain
 * becomes a sending domain of the notices client, and must be verified in the DNS when mail leaves
 * through an SMTP relay), and the platform operator's postal address every notice carries in its
 * footer ({@code OPTLINE_NOTICES_POSTAL_ADDRESS}; while it is empty, a material change is recorded
 * as failed with a note saying so, and nothing is sent). {@code mailMaterialChanges}
 * ({@code OPTLINE_NOTICES_MAIL_MATERIAL_CHANGES}, on by default) can turn the mail off for an
 * installation that informs its people another way; the home page's notice stays.
 */
@ConfigurationProperties("optline.notices")
public record NoticeProperties(
        @DefaultValue("Optline") String fromName,
        @DefaultValue("notices@optline.local") String fromAddress,
        @DefaultValue("") String postalAddress,
        @DefaultValue("true") boolean mailMaterialChanges) {}
