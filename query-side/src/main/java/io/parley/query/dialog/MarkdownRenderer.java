package io.parley.query.dialog;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Markdown to safe HTML: raw HTML in the body is escaped, and links or images whose scheme is not
 * http, https or mailto lose their URL (no javascript:, data: or vbscript:).
 */
@Component
public class MarkdownRenderer {

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
                                                      .escapeHtml(true)
                                                      .sanitizeUrls(true)
                                                      .urlSanitizer(new DefaultUrlSanitizer(
                                                              List.of("http", "https", "mailto")))
                                                      .build();

    public String render(String markdown) {
        return renderer.render(parser.parse(markdown));
    }
}
