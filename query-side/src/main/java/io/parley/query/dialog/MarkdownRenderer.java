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

    /** Punctuation that means nothing to Markdown within a line of text (no brackets, no emphasis, no escapes). */
    private static final String PLAIN_PUNCTUATION = ".,?!:;'-+()/%@";

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
                                                      .escapeHtml(true)
                                                      .sanitizeUrls(true)
                                                      .urlSanitizer(new DefaultUrlSanitizer(
                                                              List.of("http", "https", "mailto")))
                                                      .build();

    public String render(String markdown) {
        String plain = plainParagraph(markdown);
        return plain != null ? plain : renderer.render(parser.parse(markdown));
    }

    /**
     * Most chat messages are a line of words with none of Markdown's characters: their HTML is that line as
     * one paragraph, and the parser, the HTML renderer and the escaping (12% of a replay) are skipped. Starting
     * with a letter, a line cannot open a list, heading, quote or code block. Null for anything else.
     */
    static String plainParagraph(String text) {
        int length = text.length();
        if (length == 0 || !Character.isLetter(text.charAt(0)) || text.charAt(length - 1) == ' ') {
            return null;
        }
        for (int i = 1; i < length; i++) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != ' ' && PLAIN_PUNCTUATION.indexOf(c) < 0) {
                return null;
            }
        }
        return "<p>" + text + "</p>\n";
    }
}
