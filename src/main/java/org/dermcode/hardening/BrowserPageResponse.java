package org.dermcode.hardening;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Holds back the answer to a request a browser made, so that its Content-Security-Policy can be
 * set from what it turns out to be: HAPI's highlighted HTML page gets the hashes of its inline
 * style and script ({@link HighlightedPagePolicy}); anything else gets the API's policy. A body
 * over {@code limit} bytes is streamed as it comes (a page then keeps the policy expected for it).
 */
final class BrowserPageResponse extends HttpServletResponseWrapper {

    private final HttpServletResponse real;
    private final int limit;
    private final HighlightedPagePolicy pages;
    private final String apiPolicy;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    private boolean spilled;
    private Stream stream;
    private PrintWriter writer;

    BrowserPageResponse(HttpServletResponse real, int limit, HighlightedPagePolicy pages, String apiPolicy) {
        super(real);
        this.real = real;
        this.limit = limit;
        this.pages = pages;
        this.apiPolicy = apiPolicy;
    }

    private boolean isHtml() {
        String contentType = real.getContentType();
        return contentType != null && contentType.startsWith("text/html");
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called");
        }
        if (stream == null) {
            stream = new Stream();
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() has already been called");
            }
            stream = new Stream();
            writer = new PrintWriter(new OutputStreamWriter(stream, charset()), false);
        }
        return writer;
    }

    private Charset charset() {
        String encoding = real.getCharacterEncoding();
        return encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
    }

    @Override
    public void flushBuffer() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (spilled) {
            real.flushBuffer();
        }
    }

    @Override
    public void resetBuffer() {
        if (!spilled) {
            buffer.reset();
        }
        real.resetBuffer();
    }

    @Override
    public void reset() {
        if (!spilled) {
            buffer.reset();
        }
        real.reset();
    }

    @Override
    public boolean isCommitted() {
        return spilled || real.isCommitted();
    }

    /** Sets the policy: from the page if it is HTML, else the API's; then sends what is held. */
    void finish() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (spilled) {
            return;
        }
        if (!real.isCommitted()) {
            real.setHeader("Content-Security-Policy", isHtml() && buffer.size() > 0
                    ? pages.policyFor(buffer.toString(charset()), apiPolicy) : apiPolicy);
        }
        if (buffer.size() > 0) {
            buffer.writeTo(real.getOutputStream());
            buffer.reset();
        }
    }

    private void spill() throws IOException {
        spilled = true;
        if (!isHtml() && !real.isCommitted()) {
            real.setHeader("Content-Security-Policy", apiPolicy);
        }
        buffer.writeTo(real.getOutputStream());
        buffer.reset();
    }

    private final class Stream extends ServletOutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (!spilled && buffer.size() + length > limit) {
                spill();
            }
            if (spilled) {
                real.getOutputStream().write(bytes, offset, length);
            } else {
                buffer.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (spilled) {
                real.getOutputStream().flush();
            }
        }

        @Override
        public void close() throws IOException {
            // the filter sends the body after the chain; closing early would cut it off
            flush();
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("No asynchronous writes through the page buffer");
        }
    }
}
