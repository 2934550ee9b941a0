package org.optline.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The installation's own addresses: {@code fromAddress}, the sender of service mail such as
 * confirmations ({@code OPTLINE_MAIL_FROM}), and {@code bounceDomain}, the domain of envelope
 * senders (VERP) and of the mailbox that takes unsubscribe mails ({@code OPTLINE_BOUNCE_DOMAIN}), and
 * {@code replyDomain}, the domain of the per-recipient Reply-To addresses through which replies to
 * campaigns reach the inbound listener ({@code OPTLINE_REPLY_DOMAIN}).
 */
@ConfigurationProperties("optline.mail")
public record MailProperties(
        @DefaultValue("no-reply@optline.local") String fromAddress,
        @DefaultValue("bounces.optline.local") String bounceDomain,
        @DefaultValue("replies.optline.local") String replyDomain) {}
