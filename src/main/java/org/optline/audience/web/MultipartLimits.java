package org.optline.audience.web;

import java.util.List;
import org.optline.audience.AudienceProperties;
import org.optline.platform.MultipartPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the audience module takes multipart bodies: CSV uploads (up to the import limit, plus room
 * for the form's other fields) and the RFC 8058 one-click unsubscribe, which mail clients may post
 * as multipart/form-data (a few bytes; 64 KB is plenty).
 */
@Configuration
class MultipartLimits {

    private static final long FORM_FIELDS = 64 * 1024;

    @Bean
    MultipartPaths csvUploads(AudienceProperties settings) {
        return new MultipartPaths(List.of("/api/v1/imports", "/audience/imports"), settings.maxImportBytes() + FORM_FIELDS);
    }

    @Bean
    MultipartPaths oneClickUnsubscribe() {
        return new MultipartPaths(List.of("/s/unsubscribe/*"), FORM_FIELDS);
    }
}
