package io.parley.gateway.file;

import io.parley.api.file.CanDownloadFile;
import io.parley.api.file.FindFile;
import io.parley.api.file.RegisterUpload;
import io.parley.api.file.StoredFile;
import io.parley.realtime.api.ApiError;
import io.parley.gateway.Sides;
import io.parley.gateway.IdAllocator;
import io.parley.gateway.Json;
import io.parley.gateway.PublicUrls;
import io.parley.realtime.api.RateLimiter;
import io.parley.gateway.auth.JwtService;
import io.parley.realtime.api.TokenClaims;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Uploads ({@code POST /api/files/}) and downloads ({@code GET /api/files/{id}/content}). */
@RestController
public class FileController {

    /** Served inline as what they are; everything else is a download of opaque bytes. */
    private static final Set<String> INLINE_IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    private final Sides sides;
    private final IdAllocator ids;
    private final FileStorage storage;
    private final PublicUrls urls;
    private final JwtService jwt;
    private final RateLimiter rateLimiter;

    public FileController(Sides sides, IdAllocator ids, FileStorage storage, PublicUrls urls, JwtService jwt,
                          RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
        this.sides = sides;
        this.ids = ids;
        this.storage = storage;
        this.urls = urls;
        this.jwt = jwt;
    }

    @PostMapping({"/api/files/", "/api/files"})
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> upload(TokenClaims caller, @RequestParam("content") MultipartFile content)
            throws IOException {
        rateLimiter.requireCreate(caller.userId());
        long fileId = ids.next();
        String name = displayName(content.getOriginalFilename());
        String contentType = content.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE
                                                               : content.getContentType();
        String storedName;
        try (InputStream in = content.getInputStream()) {
            storedName = storage.store(fileId, in);
        }
        try {
            sides.send(new RegisterUpload(fileId, caller.userId(), name, content.getSize(), contentType,
                                             storedName));
        } catch (RuntimeException e) {
            storage.delete(storedName);
            throw e;
        }
        StoredFile file = sides.query(new FindFile(fileId), StoredFile.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", file.id());
        body.put("date_created", Json.isoMicros(file.dateCreated()));
        body.put("content", urls.fileContent(file.id()));
        body.put("name", file.name());
        body.put("size", file.size());
        body.put("content_type", file.contentType());
        return body;
    }

    /** The uploader, or a participant of a dialog where the file is attached; to anyone else it does not exist. */
    @GetMapping("/api/files/{id}/content")
    public ResponseEntity<Resource> download(@PathVariable("id") long id,
                                             @RequestHeader(value = "Authorization", required = false) String header,
                                             @RequestParam(value = "token", required = false) String token) {
        // ?token= too, so that an <img src> or a plain link can fetch it.
        String credential = token != null ? token : JwtService.fromAuthorizationHeader(header);
        TokenClaims caller = jwt.require(credential, "Authorization header or ?token=");
        StoredFile file = sides.query(new FindFile(id), StoredFile.class);
        if (file == null || !Boolean.TRUE.equals(sides.query(new CanDownloadFile(id, caller.userId()),
                                                                Boolean.class))) {
            throw ApiError.notFound("file not found");
        }
        boolean inline = file.contentType() != null && INLINE_IMAGES.contains(file.contentType().toLowerCase(java.util.Locale.ROOT));
        ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(file.name(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                             .contentType(inline ? MediaType.parseMediaType(file.contentType())
                                                 : MediaType.APPLICATION_OCTET_STREAM)
                             .contentLength(file.size())
                             .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                             .header("X-Content-Type-Options", "nosniff")
                             .header("Content-Security-Policy", "default-src 'none'; sandbox")
                             .body(new FileSystemResource(storage.path(file.storedName())));
    }

    /** The last path segment of what the client called it, without control characters; "file" when nothing is left. */
    static String displayName(String original) {
        if (original == null) {
            return "file";
        }
        String name = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1)
                              .replaceAll("\\p{Cntrl}", "").trim();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "file";
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }
}
