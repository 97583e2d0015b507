package org.qaqpa.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import org.qaqpa.xml.SecureStaxInInterceptor;

/**
 * A {@code Content-Type} naming a charset the JVM does not know would make the servlet container
 * fail before CXF runs (an HTML error page instead of a SOAP fault). This filter hides such a
 * charset from the container and marks the request, so {@link SecureStaxInInterceptor} refuses it
 * as {@code MESSAGE_INVALID} through the usual fault path.
 */
final class UnsupportedCharsetFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String contentType = http.getHeader("Content-Type");
        String charset = charsetOf(contentType);
        if (charset == null || isSupported(charset)) {
            chain.doFilter(request, response);
            return;
        }
        http.setAttribute(SecureStaxInInterceptor.UNSUPPORTED_CHARSET, charset);
        chain.doFilter(new WithoutCharset(http, contentType.split(";", 2)[0].trim()), response);
    }

    private static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().toLowerCase(Locale.ROOT).equals("charset")) {
                return pair[1].trim().replace("\"", "");
            }
        }
        return null;
    }

    private static boolean isSupported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The request as if its Content-Type had no charset parameter. */
    private static final class WithoutCharset extends HttpServletRequestWrapper {

        private final String mediaType;

        WithoutCharset(HttpServletRequest request, String mediaType) {
            super(request);
            this.mediaType = mediaType;
        }

        @Override
        public String getContentType() {
            return mediaType;
        }

        @Override
        public String getCharacterEncoding() {
            return null;
        }

        @Override
        public String getHeader(String name) {
            return "content-type".equalsIgnoreCase(name) ? mediaType : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "content-type".equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(mediaType))
                    : super.getHeaders(name);
        }
    }
}
