package org.optline.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request bodies taken: {@code maxBodyBytes} anywhere ({@code OPTLINE_MAX_BODY}),
 * {@code maxPublicBodyBytes} on public pages and the login form ({@code OPTLINE_MAX_PUBLIC_BODY});
 * paths that take multipart declare their own limit ({@code MultipartPaths}).
 */
@ConfigurationProperties("optline.http")
record HttpProperties(@DefaultValue("4MB") DataSize maxBodyBytes, @DefaultValue("64KB") DataSize maxPublicBodyBytes) {}
