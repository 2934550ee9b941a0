package org.optline.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The installation's own addresses: {@code fromAddress}, the sender of service mail such as
 * confirmations ({@code OPTLINE_MAIL_FROM}), and {@code bounceDomain}, the domain of envelope
 * senders (VERP) and of the mailbox that takes unsubscribe mails ({@code OPTLINE_BOUNCE_DOMAIN}).
 */
@ConfigurationProperties("optline.mail")
public record MailProperties(
        @DefaultValue("no-reply@optline.local") String fromAddress,
        @DefaultValue("bounces.optline.local") String bounceDomain) {}
