package io.parley.gateway.web;

import io.parley.gateway.auth.JwtService;
import io.parley.realtime.api.TokenClaims;
import io.parley.gateway.auth.UserDirectory;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** A controller parameter of type {@link TokenClaims} is the verified bearer, or the request gets 401. */
class BearerArgumentResolver implements HandlerMethodArgumentResolver {

    private final JwtService jwt;
    private final UserDirectory users;

    BearerArgumentResolver(JwtService jwt, UserDirectory users) {
        this.jwt = jwt;
        this.users = users;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(TokenClaims.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        String token = JwtService.fromAuthorizationHeader(request.getHeader("Authorization"));
        TokenClaims claims = jwt.require(token, "Authorization header (JWT <token> or Bearer <token>)");
        users.ensureRegistered(claims);
        return claims;
    }
}
