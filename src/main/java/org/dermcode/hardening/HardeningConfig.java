package org.dermcode.hardening;

import jakarta.annotation.PostConstruct;
import java.util.List;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Servlet filters in front of the FHIR servlet (security headers, CORS, the query string check, the
 * body size limit) and Tomcat's error report as an OperationOutcome.
 */
@Configuration
public class HardeningConfig {

    @Bean
    public FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    public FilterRegistrationBean<CorsFilter> corsFilter(CorsProperties cors) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(cors.allowedMethods());
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Prefer"));
        configuration.setExposedHeaders(List.of("Location", "Content-Location", "ETag"));
        configuration.setMaxAge(cors.maxAgeSeconds());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!cors.allowedOrigins().isEmpty()) {
            source.registerCorsConfiguration("/**", configuration);
        }
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(LimitsProperties limits) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits.maxBodyBytes().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.addUrlPatterns("/fhir/*");
        return registration;
    }

    @Bean
    public FilterRegistrationBean<QueryStringFilter> queryStringFilter() {
        FilterRegistrationBean<QueryStringFilter> registration = new FilterRegistrationBean<>(new QueryStringFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Refusals of bad requests are not logged at ERROR by HAPI's interceptor service. */
    @PostConstruct
    void quietClientErrors() {
        ClientErrorLogFilter.install();
    }

    /** Requests Tomcat refuses before any filter or servlet runs get an OperationOutcome, not an HTML page. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> outcomeErrorReports() {
        return factory -> factory.addContextCustomizers(context ->
                OutcomeErrorReportValve.install((org.apache.catalina.Host) context.getParent()));
    }
}
