package org.optline.platform.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first operator: {@code OPTLINE_OPERATOR_EMAIL}, and optionally {@code OPTLINE_OPERATOR_PASSWORD}
 * and {@code OPTLINE_OPERATOR_API_KEY}; what is not given is generated on first start and printed once.
 */
@ConfigurationProperties("optline.operator")
record OperatorProperties(@DefaultValue("operator@optline.local") String email, String password, String apiKey) {}
