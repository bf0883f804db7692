package io.parley.gateway.web;

import io.parley.gateway.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.Map;

/** Every REST error is a JSON body {"code","message"} with the matching status. */
@RestControllerAdvice
public class RestErrors {

    private static final Logger log = LoggerFactory.getLogger(RestErrors.class);

    private static final Map<String, HttpStatus> STATUS = Map.of(
            "bad_request", HttpStatus.BAD_REQUEST,
            "unauthorized", HttpStatus.UNAUTHORIZED,
            "forbidden", HttpStatus.FORBIDDEN,
            "not_found", HttpStatus.NOT_FOUND,
            "conflict", HttpStatus.CONFLICT,
            "rate_limited", HttpStatus.TOO_MANY_REQUESTS,
            "too_large", HttpStatus.PAYLOAD_TOO_LARGE,
            "internal", HttpStatus.INTERNAL_SERVER_ERROR);

    public static ResponseEntity<Map<String, String>> body(String code, String message) {
        return ResponseEntity.status(STATUS.getOrDefault(code, HttpStatus.BAD_REQUEST))
                             .body(Map.of("code", code, "message", message));
    }

    @ExceptionHandler(ApiError.class)
    ResponseEntity<Map<String, String>> apiError(ApiError e) {
        return body(e.code(), e.getMessage());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class, HttpMediaTypeNotSupportedException.class,
            MultipartException.class, MissingServletRequestPartException.class})
    ResponseEntity<Map<String, String>> unreadable(Exception e) {
        return body("bad_request", "the request body or its parameters are not what this endpoint takes");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, String>> method(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                             .body(Map.of("code", "bad_request", "message", e.getMessage()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, String>> notFound(NoResourceFoundException e) {
        return body("not_found", "no such endpoint");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e) {
        return body("too_large", "the upload is larger than allowed");
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, String>> other(RuntimeException e) {
        ApiError refusal = ApiError.from(e);
        if (refusal != null) {
            return body(refusal.code(), refusal.getMessage());
        }
        log.error("request failed", e);
        return body("internal", "internal error");
    }
}
