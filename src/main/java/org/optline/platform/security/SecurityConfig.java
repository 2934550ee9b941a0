package org.optline.platform.security;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import org.optline.platform.ApiKeys;
import org.optline.platform.PublicPaths;
import org.optline.platform.TenantScope;
import org.optline.platform.users.UserStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two filter chains: the API ({@code /api/**}) authenticates bearer keys, keeps no session and
 * needs no CSRF token (no cookie is involved); the UI uses a login form, a session cookie and CSRF
 * protection on every state change.
 */
@Configuration
class SecurityConfig {

    private static final RequestMatcher NOT_PREVIEW = request -> !(request.getRequestURI().endsWith("/preview.html")
            || request.getRequestURI().startsWith(request.getContextPath() + "/s/view/"));

    /** Argon2id (memory-hard) for passwords; API keys are hashed with SHA-256 instead, see Secrets. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    /**
     * A request the firewall refuses (an encoded NUL, a path with {@code ..} or {@code //}) is a
     * 400: problem JSON under {@code /api/}, the error page elsewhere, instead of a bare status.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> {
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                ProblemResponses.write(response, 400, "Bad request", "The request address is not allowed.");
            } else {
                response.sendError(400);
            }
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiKeys apiKeys) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys), AnonymousAuthenticationFilter.class)
                // Streamed responses finish on an async dispatch of the request already authorised.
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> ProblemResponses.write(response, 401,
                                "Unauthorized", request.getAttribute(ApiKeyAuthenticationFilter.BAD_KEY) != null
                                        ? "The API key is not valid, or it was revoked."
                                        : "Send an API key as 'Authorization: Bearer <key>'."))
                        .accessDeniedHandler((request, response, ex) -> ProblemResponses.write(response, 403,
                                "Forbidden", "Your role does not allow this.")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http, LoginProperties login, Clock clock, List<PublicPaths> publicPaths,
                                 UserStore users, TenantScope scope) throws Exception {
        String[] open = publicPaths.stream().flatMap(p -> p.patterns().stream()).toArray(String[]::new);
        String[] noCsrf = publicPaths.stream().filter(PublicPaths::csrfExempt).flatMap(p -> p.patterns().stream())
                .toArray(String[]::new);
        if (noCsrf.length > 0) {
            http.csrf(csrf -> csrf.ignoringRequestMatchers(noCsrf));
        }
        http.authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(open).permitAll()
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg", "/error",
                                "/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/operator", "/operator/**").hasRole("OPERATOR")
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        .usernameParameter("email")
                        .defaultSuccessUrl("/dashboard", true)
                        .failureUrl("/login?error")
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                // A new session id at login defeats session fixation (ASVS 7.2.4).
                .sessionManagement(s -> s.sessionFixation(f -> f.newSession()))
                .addFilterAfter(new AbsoluteSessionTimeoutFilter(login.absoluteTimeout(), clock), SecurityContextHolderFilter.class)
                .addFilterAfter(new LiveLoginCheckFilter(users, scope), AbsoluteSessionTimeoutFilter.class)
                // Message previews (…/preview.html) and web versions (/s/view/…) carry a sandboxing policy
                // of their own and previews are framed by the editor; every other page gets the strict
                // policy and may not be framed. (Leaving it to the writers' "header already set" check
                // does not work: they write before the controller's headers, measured in CampaignPagesTest.)
                .headers(h -> h
                        .frameOptions(f -> f.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(NOT_PREVIEW, new ContentSecurityPolicyHeaderWriter(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(NOT_PREVIEW,
                                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY)))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
