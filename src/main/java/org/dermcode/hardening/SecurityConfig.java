package org.dermcode.hardening;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security for {@code dermcode.security.enabled=true}: a stateless OAuth2 resource server
 * that checks bearer JWTs (signature from the JWKS, issuer, audience, expiry) on
 * Claim/$validate-claim, and on all of /fhir with {@code protect-terminology}. Refusals are 401/403
 * OperationOutcomes. Disabled (the default), Spring Security's filter is not even registered:
 * the server behaves as without it (no login page, no basic auth, no firewall).
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityConfig {

    static final RequestMatcher VALIDATE_CLAIM = request -> {
        String uri = String.valueOf(request.getRequestURI()).toLowerCase(Locale.ROOT);
        return uri.contains("$validate-claim") || uri.contains("%24validate-claim");
    };

    @Bean
    public SecurityFilterChain dermcodeSecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable()) // SecurityHeadersFilter sets them, for every response
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (!properties.enabled()) {
            http.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll());
            return http.build();
        }
        if (properties.jwkSetUri() == null || properties.issuer() == null || properties.audiences().isEmpty()) {
            throw new IllegalStateException("dermcode.security.enabled=true needs dermcode.security.jwk-set-uri,"
                    + " dermcode.security.issuer and dermcode.security.audiences");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
        List<String> audiences = properties.audiences();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<Jwt>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.stream().anyMatch(audiences::contains))));
        http.authorizeHttpRequests(authorize -> {
            authorize.requestMatchers(VALIDATE_CLAIM).authenticated();
            if (properties.protectTerminology()) {
                authorize.requestMatchers(request -> request.getRequestURI().startsWith("/fhir")).authenticated();
            }
            authorize.anyRequest().permitAll();
        });
        http.oauth2ResourceServer(resource -> resource
                .jwt(jwt -> jwt.decoder(decoder))
                .authenticationEntryPoint((request, response, exception) -> {
                    response.setHeader("WWW-Authenticate", exception instanceof OAuth2AuthenticationException
                            ? "Bearer error=\"invalid_token\"" : "Bearer");
                    OutcomeResponses.write(request, response, 401, "login", describe(request, exception));
                })
                .accessDeniedHandler((request, response, exception) ->
                        OutcomeResponses.write(request, response, 403, "forbidden", "Access denied")));
        return http.build();
    }

    private static String describe(HttpServletRequest request, AuthenticationException exception) {
        if (request.getHeader("Authorization") == null) {
            return "Authentication required: send a bearer token (Authorization: Bearer <JWT>)";
        }
        // the validator's reasons (expired, wrong audience or issuer, bad signature) name no secret
        String reason = exception.getMessage() == null ? "" : exception.getMessage();
        return "The bearer token was not accepted" + (reason.isBlank() ? "" : ": " + reason);
    }

    /** Security off: Spring Security's servlet filter is not registered at all. */
    @Bean
    public static BeanPostProcessor securityFilterSwitch(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) throws BeansException {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && "securityFilterChainRegistration".equals(name)
                        && !environment.getProperty("dermcode.security.enabled", Boolean.class, false)) {
                    registration.setEnabled(false);
                }
                return bean;
            }
        };
    }
}
