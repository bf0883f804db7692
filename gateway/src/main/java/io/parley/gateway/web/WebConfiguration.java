package io.parley.gateway.web;

import io.parley.gateway.auth.JwtService;
import io.parley.gateway.auth.UserDirectory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

@Configuration
public class WebConfiguration implements WebMvcConfigurer {

    private final JwtService jwt;
    private final UserDirectory users;

    public WebConfiguration(JwtService jwt, UserDirectory users) {
        this.jwt = jwt;
        this.users = users;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new BearerArgumentResolver(jwt, users));
    }
}
