package io.parley.gateway.web;

import io.parley.realtime.api.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
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

    /** The upload limit as configured (e.g. 25MB), for the 413's message. */
    private final String uploadLimit;

    public RestErrors(@Value("${spring.servlet.multipart.max-file-size:}") String uploadLimit) {
        this.uploadLimit = uploadLimit;
    }

    public static ResponseEntity<Map<String, String>> body(String code, String message) {
        return ResponseEntity.status(STATUS.getOrDefault(code, HttpStatus.BAD_REQUEST))
                             .body(Map.of("code", code, "message", message));
    }

    /** A client's refusal: answered, and noted only at DEBUG (nothing for an operator to do). */
    private static ResponseEntity<Map<String, String>> refused(String code, String message) {
        log.debug("refused ({}): {}", code, message);
        return body(code, message);
    }

    @ExceptionHandler(ApiError.class)
    ResponseEntity<Map<String, String>> apiError(ApiError e) {
        return refused(e.code(), e.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, String>> contentType(HttpMediaTypeNotSupportedException e) {
        String takes = e.getSupportedMediaTypes().isEmpty() ? "application/json"
                                                            : e.getSupportedMediaTypes().get(0).toString();
        return refused("bad_request", e.getContentType() == null
                                      ? "the Content-Type header is missing: this endpoint takes " + takes
                                      : "Content-Type " + e.getContentType() + " is not taken here: send " + takes);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException mapping && mapping.getPath().isEmpty()) {
            return refused("bad_request", "the body must be a JSON object");
        }
        if (cause instanceof JsonMappingException mapping) {
            String field = mapping.getPath().stream()
                                  .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                                  .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            return refused("bad_request", "field " + field + " has the wrong type");
        }
        if (cause instanceof JsonProcessingException json) {
            return refused("bad_request", "the body is not valid JSON: " + json.getOriginalMessage());
        }
        return refused("bad_request", "the request body is missing: this endpoint takes a JSON object");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> typeMismatch(MethodArgumentTypeMismatchException e) {
        return refused("bad_request", e.getName() + " must be a number, not " + e.getValue());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, String>> missingParameter(MissingServletRequestParameterException e) {
        return refused("bad_request", "the parameter " + e.getParameterName() + " is missing");
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<Map<String, String>> missingPart(MissingServletRequestPartException e) {
        return refused("bad_request", "the multipart part " + e.getRequestPartName() + " is missing: send the file in it");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, String>> notMultipart(MultipartException e) {
        return refused("bad_request", "the body must be multipart/form-data, with the file in the part content");
    }

    /** 405, with Allow; its code is bad_request (no error code is about methods). */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, String>> method(HttpRequestMethodNotSupportedException e) {
        String allowed = e.getSupportedHttpMethods() == null ? ""
                         : String.join(", ", e.getSupportedHttpMethods().stream().map(HttpMethod::name).toList());
        log.debug("refused (method): {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                             .header(HttpHeaders.ALLOW, allowed)
                             .body(Map.of("code", "bad_request",
                                          "message", e.getMethod() + " is not taken here; " + allowed + " is"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, String>> notFound(NoResourceFoundException e) {
        String path = e.getResourcePath();
        return refused("not_found", "no such endpoint: " + (path.startsWith("/") ? path : "/" + path));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e) {
        return refused("too_large", uploadLimit.isBlank() ? "the upload is larger than the limit"
                                                          : "the upload is larger than the limit of " + uploadLimit);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, String>> other(RuntimeException e) {
        ApiError refusal = ApiError.from(e);
        if (refusal != null) {
            return refused(refusal.code(), refusal.getMessage());
        }
        log.error("request failed", e);
        return body("internal", "internal error");
    }
}
