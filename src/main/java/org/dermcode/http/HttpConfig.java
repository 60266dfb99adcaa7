package org.dermcode.http;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP path in front of the FHIR servlet: {@link ResponseBufferFilter} on {@code /fhir/*}.
 * {@code dermcode.http.response-buffer} is the most it holds back (bytes, default 256 KiB; 0 turns
 * it off, which {@code bench/http.sh} uses to measure the difference).
 */
@Configuration
public class HttpConfig {

    @Bean
    public FilterRegistrationBean<ResponseBufferFilter> responseBufferFilter(
            @Value("${dermcode.http.response-buffer:262144}") int limit) {
        FilterRegistrationBean<ResponseBufferFilter> registration =
                new FilterRegistrationBean<>(new ResponseBufferFilter(limit));
        registration.addUrlPatterns("/fhir/*");
        registration.setName("responseBuffer");
        return registration;
    }
}
